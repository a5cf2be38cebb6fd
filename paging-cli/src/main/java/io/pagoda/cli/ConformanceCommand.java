package io.pagoda.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pagoda conformance}: runs the conformance kit over the chosen architectures and writes its matrix.
 * Not wired yet: the kit ({@code io.pagoda.conformance.ConformanceRunner}) is built in parallel. Wiring is:
 * add the {@code conformance-tests} dependency, then replace the body of {@link #run()} with a call to the
 * runner with {@link #architectures} (empty = all discovered) and {@link #report}.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run the conformance kit over architectures and write the matrix (Markdown and JSON) to --report.")
final class ConformanceCommand implements Runnable {
    static final String RUNNER = "io.pagoda.conformance.ConformanceRunner";

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "NAME", description = "An architecture to check (repeatable; default: every one found).")
    List<String> architectures = List.of();

    @Option(names = "--report", paramLabel = "DIR", description = "Directory for the matrix files.")
    Path report;

    @Override
    public void run() {
        throw new UserError("conformance is not wired yet: this build has no conformance kit (" + RUNNER
                + "); run 'mvn -pl conformance-tests test' meanwhile");
    }
}
