package io.pagoda.example.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.cli.Main;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.export.BootArtifacts;
import io.pagoda.paging.export.BootLayout;
import io.pagoda.paging.export.BootMapping;
import io.pagoda.paging.export.BootTables;
import io.pagoda.paging.export.MemoryExport;
import io.pagoda.paging.image.ElfCoreMemory;
import io.pagoda.paging.registry.Architectures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/guide/boot-tables.md: every {@code $ pagoda} line of its {@code console} blocks runs
 * in-process from the repository root, as written, and prints exactly the lines that follow it.
 * Only the {@code build/} directory is moved into a temporary one (and named back in the output),
 * so the test writes nothing into the checkout.
 */
class GuideBootTablesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CHAPTER = ROOT.resolve("docs/guide/boot-tables.md");

    @TempDir Path build;

    /** A command line of the chapter and the output printed under it. */
    private record Step(String command, List<String> expected) {}

    private static List<Step> steps() throws Exception {
        List<Step> steps = new ArrayList<>();
        boolean inConsole = false;
        Step current = null;
        for (String line : Files.readAllLines(CHAPTER)) {
            if (line.startsWith("```")) {
                inConsole = line.equals("```console");
                current = null;
                continue;
            }
            if (!inConsole) {
                continue;
            }
            if (line.startsWith("$ ")) {
                current = new Step(line.substring(2), new ArrayList<>());
                steps.add(current);
            } else if (current != null) {
                current.expected().add(line);
            }
        }
        return steps;
    }

    @Test
    void theChapterCommandsPrintWhatItShows() throws Exception {
        List<Step> steps = steps();
        assertTrue(steps.size() >= 5, "the chapter's console steps were not found: " + steps);
        String temp = build.toString();
        for (Step step : steps) {
            List<String> words = List.of(step.command().trim().split("\\s+"));
            assertEquals(
                    "pagoda",
                    words.get(0),
                    "a console step that is not a pagoda command: " + step.command());
            List<String> arguments = new ArrayList<>();
            for (String word : words.subList(1, words.size())) {
                // paths are relative to the repository root; build/ goes to the temporary directory
                if (word.startsWith("build/")) {
                    arguments.add(temp + "/" + word.substring("build/".length()));
                } else if (word.startsWith("docs/")) {
                    arguments.add(ROOT.resolve(word).toString());
                } else {
                    arguments.add(word);
                }
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status =
                    Main.run(
                            new PrintWriter(out, true),
                            new PrintWriter(err, true),
                            arguments.toArray(String[]::new));
            assertEquals(0, status, step.command() + "\n" + err);
            String printed = out.toString().replace(temp + "/", "build/");
            assertEquals(
                    String.join("\n", step.expected()),
                    printed.strip(),
                    "output of: " + step.command());
        }
    }

    @Test
    void theChapterApiSnippetWritesTheFilesAndACoreThatNamesItsRoot() throws Exception {
        // --- as in docs/guide/boot-tables.md (with build/ and tables.core in the temporary
        // directory)
        BootTables tables =
                BootTables.build(
                        BootLayout.of(
                                Architectures.discover().get("x86_64"),
                                0x10_0000,
                                List.of(
                                        BootMapping.identity(
                                                        "identity",
                                                        0,
                                                        1L << 30,
                                                        MappingFlags.of(
                                                                MappingAccessRights.parse("rwx")))
                                                .withLargestLeaf(2L << 20))));
        BootArtifacts.write(tables, build.resolve("x86_64")); // the five files
        MemoryExport.writeCore(
                tables.memory(),
                tables.architecture(),
                tables.registers(),
                build.resolve("tables.core"));
        // ---
        assertTrue(
                Files.readString(CHAPTER)
                        .contains("BootArtifacts.write(tables, Path.of(\"build/x86_64\"));"),
                "the chapter's snippet changed: update this test");
        for (String name :
                List.of(
                        "tables.bin",
                        "tables.o",
                        "registers.h",
                        "registers.inc",
                        "manifest.json")) {
            assertTrue(Files.size(build.resolve("x86_64").resolve(name)) > 0, name);
        }
        try (ElfCoreMemory core = ElfCoreMemory.open(build.resolve("tables.core"))) {
            assertEquals(62, core.machine(), "EM_X86_64");
            // PML4[0] at the base points at the PDPT of the identity map (hardware-formats.md §3:
            // P|RW|... and an address)
            assertEquals(1, core.readLong(0x10_0000) & 1, "PML4 entry 0 present");
        }
        String core =
                new String(
                        Files.readAllBytes(build.resolve("tables.core")),
                        StandardCharsets.ISO_8859_1);
        assertTrue(
                core.contains("PAGODA\0") && core.contains("arch=x86_64\nroot=0x100000\n"),
                "the PAGODA note");
    }
}
