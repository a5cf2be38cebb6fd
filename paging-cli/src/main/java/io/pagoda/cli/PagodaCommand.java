package io.pagoda.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code pagoda}: the parent of every subcommand. */
@Command(
        name = "pagoda",
        mixinStandardHelpOptions = true,
        version = "pagoda 0.1.0-SNAPSHOT",
        description =
                "Hardware page tables: list architectures, inspect and translate through tables in memory images.",
        subcommands = {
            ArchsCommand.class,
            InspectCommand.class,
            TranslateCommand.class,
            FindRootsCommand.class,
            DemoCommand.class,
            ConformanceCommand.class,
            BuildCommand.class,
            CompletionCommand.class
        },
        exitCodeOnInvalidInput = Main.USER_ERROR,
        exitCodeOnExecutionException = Main.INTERNAL_ERROR)
final class PagodaCommand implements Runnable {
    @Spec CommandSpec spec;

    /**
     * Inherited: every subcommand accepts it, before or after its name. {@link Plugins} reads the
     * values from the parse result and puts them on the context class loader; this field only
     * declares the option.
     */
    @Option(
            names = Plugins.OPTION,
            paramLabel = "JAR",
            scope = ScopeType.INHERIT,
            description =
                    "A jar or directory with more architecture modules, found by every command (repeatable).")
    List<Path> plugins = List.of();

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "give a subcommand: archs, inspect, translate, find-roots, demo, conformance, build or completion");
    }
}
