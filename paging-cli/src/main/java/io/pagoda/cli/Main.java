package io.pagoda.cli;

import io.pagoda.paging.error.PagingException;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** Entry point of {@code java -jar pagoda.jar}. */
public final class Main {
    /** Exit status when everything asked for was done (paging-cli/README.md lists them all). */
    static final int OK = 0;

    /** Exit status of {@code conformance} when a conformance test failed. */
    static final int TESTS_FAILED = 1;

    /**
     * Exit status for anything the user can fix: bad arguments, missing files, roots outside the
     * image, corrupt files.
     */
    static final int USER_ERROR = 2;

    /**
     * Exit status when a walk stopped early (a bound reached, a table outside the image): stdout is
     * an incomplete prefix.
     */
    static final int CUT_SHORT = 3;

    /**
     * Exit status when {@code --strict} refuses an image's root-table entries (reserved bits only a
     * register load checks).
     */
    static final int STRICT_REFUSED = 4;

    /** Exit status for a bug in pagoda: the only case with a stack trace. */
    static final int INTERNAL_ERROR = 70;

    private Main() {}

    /**
     * Runs the command line and exits the JVM with its status: 0 done, 1 conformance tests failed,
     * 2 a user error, 3 output cut short, 4 refused by {@code --strict}, 70 a bug in pagoda
     * (paging-cli/README.md lists them).
     *
     * @param args the command and its options, as {@code pagoda --help} describes them
     */
    public static void main(String[] args) {
        // UTF-8 on every JDK (the default from JDK 18 on): JSON is UTF-8 by definition (RFC 8259)
        PrintWriter out =
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err =
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs one command line with these streams, for the launcher and in-process tests.
     *
     * @param out where the command's output goes (UTF-8 for JSON)
     * @param err where messages and errors go
     * @param args the command and its options
     * @return the exit status {@link #main} would exit with
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err).execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new PagodaCommand());
        cli.setOut(out);
        cli.setErr(err);
        // --plugin jars join the context class loader for whichever command runs
        cli.setExecutionStrategy(new Plugins(new CommandLine.RunLast()));
        // picocli's own Path conversion quotes the JDK exception's class name at the user
        cli.registerConverter(
                Path.class,
                text -> {
                    try {
                        return Path.of(text);
                    } catch (InvalidPathException e) {
                        throw new TypeConversionException(
                                "'" + text + "' is not a file name: " + e.getReason());
                    }
                });
        cli.setParameterExceptionHandler(
                (e, args) -> {
                    // one line and a pointer to the help, never picocli's whole usage text
                    CommandLine command = e.getCommandLine();
                    out.flush();
                    command.getErr()
                            .println(
                                    "pagoda: "
                                            + oneLine(e.getMessage())
                                            + " (try '"
                                            + command.getCommandSpec().qualifiedName()
                                            + " --help')");
                    command.getErr().flush();
                    return USER_ERROR;
                });
        cli.setExecutionExceptionHandler(
                (e, command, parseResult) -> {
                    String message = userMessage(e);
                    if (message == null) {
                        out.flush();
                        command.getErr()
                                .println(
                                        "pagoda: internal error, please report it with the command line and this trace:");
                        e.printStackTrace(command.getErr());
                        command.getErr().flush();
                        return INTERNAL_ERROR;
                    }
                    out.flush();
                    command.getErr().println("pagoda: " + oneLine(message));
                    command.getErr().flush();
                    return e instanceof CutShort
                            ? CUT_SHORT
                            : e instanceof StrictRefusal ? STRICT_REFUSED : USER_ERROR;
                });
        return cli;
    }

    /**
     * Messages can quote user input or file names holding line breaks: the contract is one line.
     */
    static String oneLine(String message) {
        return String.valueOf(message).replaceAll("[\\r\\n]+", " ").strip();
    }

    /**
     * One line for an error the user can act on, or null for a bug (which keeps its stack trace).
     */
    static String userMessage(Throwable e) {
        if (e instanceof UserError
                || e instanceof PagingException
                || e instanceof CutShort
                || e instanceof StrictRefusal) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException unchecked) {
            IOException cause = unchecked.getCause();
            String own = unchecked.getMessage();
            // a wrapper that says what was being done ("cannot map FILE: ...") says more than the
            // bare cause
            if (own != null && cause != null && !own.equals(cause.toString())) {
                return own;
            }
            return ioMessage(cause);
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
