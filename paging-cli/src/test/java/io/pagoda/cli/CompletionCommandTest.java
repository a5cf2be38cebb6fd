package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 5: {@code pagoda completion} prints picocli's completion script, which bash runs to
 * complete every command.
 */
class CompletionCommandTest {
    /** The commands paging-cli/README.md documents. */
    private static final List<String> COMMANDS =
            List.of(
                    "archs",
                    "inspect",
                    "translate",
                    "find-roots",
                    "demo",
                    "conformance",
                    "build",
                    "completion");

    @Test
    void theScriptNamesEveryCommand() {
        Cli cli = Cli.run("completion");
        assertEquals(0, cli.status(), cli.err());
        assertTrue(cli.out().startsWith("#!/usr/bin/env bash"), cli.out().substring(0, 200));
        for (String command : COMMANDS) {
            assertTrue(cli.out().contains(command), command + " missing from the script");
        }
        // and the list above is every command there is
        Set<String> registered =
                new TreeSet<>(
                        Main.commandLine(
                                        new PrintWriter(new StringWriter()),
                                        new PrintWriter(new StringWriter()))
                                .getSubcommands()
                                .keySet());
        registered.remove("help");
        assertEquals(new TreeSet<>(COMMANDS), registered);
    }

    /** Sources the script in bash and asks it to complete, as bash does on TAB. */
    private static List<String> complete(Path script, String... words)
            throws IOException, InterruptedException {
        String line = String.join(" ", words);
        String program =
                "source "
                        + script
                        + "\n"
                        + "COMP_WORDS=("
                        + line
                        + ")\n"
                        + "COMP_CWORD="
                        + (words.length - 1)
                        + "\n"
                        + "COMP_LINE='"
                        + line
                        + "'\n"
                        + "COMP_POINT=${#COMP_LINE}\n"
                        + "_complete_pagoda pagoda\n"
                        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        // outside a real TAB, bash's compopt complains on stderr ("not currently executing
        // completion function")
        Process bash =
                new ProcessBuilder("bash", "-c", program)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, bash.exitValue(), out);
        return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void bashCompletesCommandsOptionsAndFormats(@TempDir Path dir) throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/bin/bash"))
                        || Files.isExecutable(Path.of("/usr/bin/bash")),
                "no bash here");
        Path script =
                Files.writeString(
                        dir.resolve("pagoda-completion.bash"), Cli.run("completion").out());
        assertTrue(complete(script, "pagoda", "\"\"").containsAll(COMMANDS), () -> "commands");
        assertEquals(List.of("find-roots"), complete(script, "pagoda", "fi"));
        // an inherited option completes on every command; an enum's values after its option
        assertTrue(complete(script, "pagoda", "archs", "--").contains("--plugin"));
        assertEquals(
                new TreeSet<>(List.of("ranges", "qemu", "json", "dot", "svg")),
                new TreeSet<>(complete(script, "pagoda", "inspect", "--format", "\"\"")));
    }
}
