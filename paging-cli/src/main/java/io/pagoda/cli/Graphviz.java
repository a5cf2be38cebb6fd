package io.pagoda.cli;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * {@code --format svg}: the {@link DotGraph} text rendered by Graphviz's {@code dot -Tsvg}, found
 * on {@code PATH} before anything is read, so that without it the command stops with one line (exit
 * 2) and prints nothing.
 */
final class Graphviz {
    static final String PROGRAM = "dot";

    private final Path executable;

    private Graphviz(Path executable) {
        this.executable = executable;
    }

    /** Graphviz's {@code dot} from the process's {@code PATH}. */
    static Graphviz onPath() {
        return onPath(System.getenv("PATH"));
    }

    static Graphviz onPath(String path) {
        if (path != null) {
            // split with -1 keeps empty fields (skipped below) instead of dropping trailing ones
            // silently
            for (String directory : path.split(Pattern.quote(File.pathSeparator), -1)) {
                if (directory.isEmpty()) {
                    continue;
                }
                try {
                    Path candidate = Path.of(directory, PROGRAM);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return new Graphviz(candidate);
                    }
                } catch (InvalidPathException e) {
                    // a PATH entry that is no file name holds no dot
                }
            }
        }
        throw new UserError(
                "--format svg runs Graphviz's 'dot -Tsvg', but no 'dot' is on PATH; install Graphviz "
                        + "(Debian/Ubuntu: apt-get install graphviz), or write --format dot and render it elsewhere");
    }

    /** Runs {@code dot -Tsvg} over {@code dotText} and copies the SVG to {@code out}. */
    void svg(String dotText, PrintWriter out) {
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), "-Tsvg").start();
        } catch (IOException e) {
            throw new UserError("cannot run " + executable + " (Graphviz): " + e.getMessage(), e);
        }
        // stdin is written and stderr drained beside the read of stdout: any one of them may fill a
        // pipe
        CompletableFuture<Void> input =
                CompletableFuture.runAsync(
                        () -> {
                            try (OutputStream stdin = process.getOutputStream()) {
                                stdin.write(dotText.getBytes(StandardCharsets.UTF_8));
                            } catch (IOException e) {
                                // dot stopped reading; its exit status and stderr say why
                            }
                        });
        CompletableFuture<String> errors =
                CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String svg = read(process.getInputStream());
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new UserError("interrupted while " + executable + " was rendering the graph", e);
        }
        input.join();
        if (status != 0) {
            // the text is ours: a graph dot refuses is a bug in pagoda (or a broken Graphviz), so
            // it keeps its trace
            throw new IllegalStateException(
                    executable
                            + " -Tsvg exited with status "
                            + status
                            + ": "
                            + Main.oneLine(errors.join()));
        }
        out.print(svg);
        out.flush();
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of Graphviz's dot", e);
        }
    }
}
