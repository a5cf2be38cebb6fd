package io.pagoda.cli;

import io.pagoda.conformance.ConformanceMatrix;
import io.pagoda.conformance.ConformanceRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pagoda conformance}: runs the conformance kit through the JUnit Platform launcher over the chosen (or
 * every discovered) architecture — third-party architecture jars on the class path or given with
 * {@code --plugin} included — prints the variant × area matrix and exits 1 when anything failed.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run the conformance kit over architectures, print the matrix, write it (Markdown and JSON) to --report.")
final class ConformanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "NAME", description = "An architecture to check (repeatable; default: every one found).")
    List<String> architectures = List.of();

    @Option(names = "--report", paramLabel = "DIR", description = "Directory for matrix.md and matrix.json.")
    Path report;

    @Override
    public Integer call() {
        if (report != null) {
            requireWritableDirectory(report);
        }
        ConformanceMatrix matrix;
        try {
            // --plugin jars are on the context class loader already (Plugins), where the kit looks for variants
            matrix = new ConformanceRunner().variants(architectures).run();
        } catch (NoClassDefFoundError e) {
            throw new UserError("the conformance kit is not on the class path or module path (" + e.getMessage()
                    + "); run the pagoda.jar, or add io.pagoda:conformance-tests and JUnit");
        }
        if (report != null) {
            try {
                matrix.write(report);
            } catch (UncheckedIOException e) {
                throw new UserError("cannot write the report to " + report + ": " + e.getCause(), e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(matrix.toMarkdown());
        if (report != null) {
            out.println();
            out.println("written: " + report.resolve("matrix.md") + ", " + report.resolve("matrix.json"));
        }
        out.flush();
        if (matrix.isEmpty()) {
            throw new UserError("no conformance test ran: no architecture module was found");
        }
        return matrix.allPassed() ? Main.OK : Main.TESTS_FAILED;
    }

    /** Checked before the run, which takes minutes: a report that cannot be written should fail first. */
    private static void requireWritableDirectory(Path report) {
        if (Files.exists(report) && !Files.isDirectory(report)) {
            throw new UserError("--report " + report + " is a file; give a directory for matrix.md and matrix.json");
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
