package io.pagoda.cli;

import io.pagoda.conformance.ConformanceMatrix;
import io.pagoda.paging.registry.Architectures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pagoda conformance}: runs the conformance kit through the JUnit Platform launcher over the
 * chosen (or every discovered) architecture — third-party architecture jars on the class path or
 * given with {@code --plugin} included — prints the variant × area matrix and exits 1 when anything
 * failed.
 */
@Command(
        name = "conformance",
        mixinStandardHelpOptions = true,
        description =
                "Run the conformance kit over architectures, print the matrix, write it (Markdown and JSON) to --report.")
final class ConformanceCommand implements Callable<Integer> {
    // no kit type may appear in a field or method signature here: picocli reflects over them, and
    // the kit is
    // optional on the module path (without it only this command fails, saying so)

    @Spec CommandSpec spec;

    @Option(
            names = "--arch",
            paramLabel = "NAME",
            description = "An architecture to check (repeatable; default: every one found).")
    List<String> architectures = List.of();

    @Option(
            names = "--report",
            paramLabel = "DIR",
            description = "Directory for matrix.md and matrix.json.")
    Path report;

    @Option(
            names = "--progress",
            description =
                    "Write each variant's totals to stderr as it finishes even when stderr is no console (a CI log); "
                            + "on a console a live line shows variant, area and counts anyway.")
    boolean progress;

    @Override
    public Integer call() {
        if (report != null) {
            requireWritableDirectory(report);
        }
        ConformanceMatrix matrix;
        long start = System.nanoTime();
        try {
            KitProgress shown =
                    new KitProgress(
                            spec.commandLine().getErr(),
                            KitProgress.mode(progress, Progress.onTerminal()),
                            variantsExpected());
            matrix = shown.run(architectures);
        } catch (NoClassDefFoundError e) {
            throw new UserError(
                    "the conformance kit is not on the class path or module path ("
                            + e.getMessage()
                            + "); run the pagoda.jar, or add io.pagoda:conformance-tests and JUnit");
        }
        if (report != null) {
            try {
                matrix.write(report);
            } catch (UncheckedIOException e) {
                throw new UserError(
                        "cannot write the report to " + report + ": " + e.getCause(), e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(matrix.toMarkdown());
        out.println();
        out.println(KitProgress.summary(matrix, Duration.ofNanos(System.nanoTime() - start)));
        if (report != null) {
            out.println(
                    "written: "
                            + report.resolve("matrix.md")
                            + ", "
                            + report.resolve("matrix.json"));
        }
        out.flush();
        if (matrix.isEmpty()) {
            throw new UserError("no conformance test ran: no architecture module was found");
        }
        return matrix.allPassed() ? Main.OK : Main.TESTS_FAILED;
    }

    /**
     * How many variants the run will check: those named, else every one found (plug-ins included).
     */
    private int variantsExpected() {
        return architectures.isEmpty()
                ? Architectures.discover().all().size()
                : architectures.size();
    }

    /**
     * Checked before the run, which takes minutes: a report that cannot be written should fail
     * first.
     */
    private static void requireWritableDirectory(Path report) {
        if (Files.exists(report) && !Files.isDirectory(report)) {
            throw new UserError(
                    "--report "
                            + report
                            + " is a file; give a directory for matrix.md and matrix.json");
        }
        try {
            Files.createDirectories(report);
            Path probe = Files.createTempFile(report, ".pagoda-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new UserError("cannot write the report to " + report + ": " + e, e);
        }
    }
}
