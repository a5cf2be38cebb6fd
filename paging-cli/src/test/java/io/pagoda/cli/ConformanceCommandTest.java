package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceCommandTest {

    @Test
    void aConformingArchitectureGivesAGreenMatrixAndExitZero(@TempDir Path report)
            throws Exception {
        Cli cli = Cli.run("conformance", "--arch", "x86_64-la57", "--report", report.toString());
        assertEquals(0, cli.status(), cli.out() + cli.err());
        // no console and no --progress: stderr stays clean
        assertEquals("", cli.err());
        Totals row = Totals.ofRow(cli.out(), "x86_64-la57");
        assertTrue(row.run > 0 && row.failed == 0, cli.out());
        assertTrue(
                cli.out()
                        .contains(
                                "\nsummary: 1 variant, "
                                        + row.areas
                                        + " areas: "
                                        + row.run
                                        + " tests run, "
                                        + row.run
                                        + " passed, 0 failed, "
                                        + row.skipped
                                        + " skipped, "
                                        + row.notApplicable
                                        + " not applicable, in "),
                cli.out());
        assertTrue(
                cli.out()
                        .lines()
                        .anyMatch(l -> l.startsWith("| x86_64-la57 | ") && !l.contains("**")),
                cli.out());
        String json = Files.readString(report.resolve("matrix.json"));
        assertTrue(json.contains("x86_64-la57") && json.contains("model-random"), json);
        assertTrue(Files.readString(report.resolve("matrix.md")).contains("| x86_64-la57 |"));
    }

    /**
     * A plug-in's variant that ships no hardware vectors (the CLI's test architecture, brought by a
     * jar) fails the encoding area: exit 1. Issue 17 item 5: with --progress and no console, one
     * totals line per variant on stderr; a summary line after the matrix. Expected counts are read
     * back from the Markdown matrix row, cell by cell.
     */
    @Test
    void aPluginsVariantWithoutVectorsFailsEncodingWithProgressLinesAndASummary(@TempDir Path dir)
            throws Exception {
        Path jar = PluginJar.build(dir, "toy-plugin.jar");
        Cli cli =
                Cli.run(
                        "conformance",
                        "--plugin",
                        jar.toString(),
                        "--arch",
                        PluginJar.VARIANT,
                        "--progress");
        assertEquals(1, cli.status(), cli.out() + cli.err());
        String matrixRow =
                cli.out()
                        .lines()
                        .filter(l -> l.startsWith("| toy-plugin | "))
                        .findFirst()
                        .orElseThrow();
        assertTrue(
                matrixRow.split("\\|")[2].contains("**"),
                "encoding is marked failed: " + matrixRow);
        Totals row = Totals.ofRow(cli.out(), PluginJar.VARIANT);
        assertTrue(row.run > 0 && row.failed > 0, cli.out());
        assertEquals(
                "pagoda: conformance toy-plugin done: "
                        + row.run
                        + " run, "
                        + row.failed
                        + " failed"
                        + (row.notApplicable > 0 ? ", " + row.notApplicable + " n/a" : "")
                        + (row.skipped > 0 ? ", " + row.skipped + " skipped" : "")
                        + "\n",
                cli.err());
        String summary =
                cli.out().lines().filter(l -> l.startsWith("summary: ")).findFirst().orElseThrow();
        assertTrue(
                summary.startsWith(
                        "summary: 1 variant, "
                                + row.areas
                                + " areas: "
                                + row.run
                                + " tests run, "
                                + (row.run - row.failed)
                                + " passed, "
                                + row.failed
                                + " failed (toy-plugin: "
                                + String.join(", ", row.failingAreas)
                                + "), "
                                + row.skipped
                                + " skipped, "
                                + row.notApplicable
                                + " not applicable, in "),
                summary + " vs " + row);
        assertTrue(summary.matches(".*, in \\d+ s"), summary);
    }

    /**
     * One variant's row of the Markdown matrix, summed from the cells' own text ("**2 failed** 5/7
     * +1 n/a +3 skipped").
     */
    private record Totals(
            int areas,
            int run,
            int failed,
            int skipped,
            int notApplicable,
            List<String> failingAreas) {
        static Totals ofRow(String markdown, String variant) {
            String header =
                    markdown.lines()
                            .filter(l -> l.startsWith("| variant |"))
                            .findFirst()
                            .orElseThrow();
            String[] areaNames = header.split("\\|");
            String[] cells =
                    markdown.lines()
                            .filter(l -> l.startsWith("| " + variant + " |"))
                            .findFirst()
                            .orElseThrow()
                            .split("\\|");
            int areas = 0;
            int run = 0;
            int failed = 0;
            int skipped = 0;
            int notApplicable = 0;
            List<String> failing = new ArrayList<>();
            for (int i = 2; i < cells.length; i++) {
                String cell = cells[i].trim();
                if (cell.equals("-")) {
                    continue;
                }
                areas++;
                Matcher m =
                        Pattern.compile("(?:\\*\\*(\\d+) failed\\*\\* )?(\\d+)/(\\d+)")
                                .matcher(cell);
                if (m.find()) {
                    run += Integer.parseInt(m.group(3));
                    if (m.group(1) != null) {
                        failed += Integer.parseInt(m.group(1));
                        failing.add(areaNames[i].trim());
                    }
                }
                Matcher na = Pattern.compile("\\+(\\d+) n/a").matcher(cell);
                notApplicable += na.find() ? Integer.parseInt(na.group(1)) : 0;
                Matcher sk = Pattern.compile("\\+(\\d+) skipped").matcher(cell);
                skipped += sk.find() ? Integer.parseInt(sk.group(1)) : 0;
                if (cell.equals("n/a") || cell.equals("skipped")) {
                    throw new AssertionError(
                            "a whole-cell n/a or skipped carries no count in the Markdown; read matrix.json: "
                                    + cell);
                }
            }
            return new Totals(areas, run, failed, skipped, notApplicable, failing);
        }
    }

    @Test
    void anUnknownArchitectureIsOneLineAndExitTwo() {
        Cli cli = Cli.run("conformance", "--arch", "vax");
        assertEquals(2, cli.status());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(
                cli.err().contains("unknown architecture 'vax'") && cli.err().contains("x86_64"),
                cli.err());
    }

    /**
     * Issue 13 item 4: the class loader would skip a file that is not a jar, and the run would pass
     * without it.
     */
    @Test
    void aPluginThatIsNotAJarIsAnError(@TempDir Path dir) throws Exception {
        Path notAJar = Files.writeString(dir.resolve("arch.jar"), "not a zip");
        Cli cli = Cli.run("conformance", "--arch", "toy-cli", "--plugin", notAJar.toString());
        assertEquals(2, cli.status(), cli.out() + cli.err());
        assertEquals("", cli.out());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(cli.err().startsWith("pagoda: plugin " + notAJar + " is not a jar"), cli.err());
    }

    /**
     * Issue 13 item 7: a report that cannot be written fails before the run, and says it cannot
     * write.
     */
    @Test
    void anUnwritableReportFailsBeforeTheRun(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Cli underAFile =
                Cli.run(
                        "conformance",
                        "--arch",
                        "x86_64",
                        "--report",
                        file.resolve("sub").toString());
        assertEquals(2, underAFile.status(), underAFile.out() + underAFile.err());
        assertEquals("", underAFile.out(), "nothing ran");
        assertTrue(
                underAFile
                        .err()
                        .startsWith("pagoda: cannot write the report to " + file.resolve("sub")),
                underAFile.err());
        Cli aFile = Cli.run("conformance", "--arch", "x86_64", "--report", file.toString());
        assertEquals(2, aFile.status());
        assertTrue(aFile.err().startsWith("pagoda: --report " + file + " is a file"), aFile.err());
    }
}
