package io.pagoda.cli;

import io.pagoda.paging.PagingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/** Entry point of {@code java -jar pagoda.jar}. */
public final class Main {
    /** Exit status for anything the user can fix: bad arguments, missing files, roots or entries outside the image. */
    static final int USER_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line with these streams, for the launcher and in-process tests. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new PagodaCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            String message = userMessage(e);
            if (message == null) {
                throw e;
            }
            out.flush();
            command.getErr().println("pagoda: " + message);
            command.getErr().flush();
            return USER_ERROR;
        });
        return cli;
    }

    /** One line for an error the user can act on, or null for a bug (which keeps its stack trace). */
    static String userMessage(Throwable e) {
        if (e instanceof UserError || e instanceof PagingException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException unchecked) {
            return ioMessage(unchecked.getCause());
        }
        if (e instanceof IOException io) {
            return ioMessage(io);
        }
        return null;
    }

    private static String ioMessage(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        return "cannot read " + e.getMessage();
    }
}
