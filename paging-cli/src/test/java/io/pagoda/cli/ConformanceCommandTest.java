package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceCommandTest {

    @Test
    void aConformingArchitectureGivesAGreenMatrixAndExitZero(@TempDir Path report) throws Exception {
        Cli cli = Cli.run("conformance", "--arch", "x86_64-la57", "--report", report.toString());
        assertEquals(0, cli.status(), cli.out() + cli.err());
        assertTrue(cli.out().lines().anyMatch(l -> l.startsWith("| x86_64-la57 | ") && !l.contains("**")), cli.out());
        String json = Files.readString(report.resolve("matrix.json"));
        assertTrue(json.contains("x86_64-la57") && json.contains("model-random"), json);
        assertTrue(Files.readString(report.resolve("matrix.md")).contains("| x86_64-la57 |"));
    }

    @Test
    void aPluginsVariantThatShipsNoHardwareVectorsFailsTheEncodingAreaAndExitsOne(@TempDir Path dir) throws Exception {
        // the CLI's test architecture, brought by a plug-in jar, contributes no reference vectors, which the kit counts as a failure
        Path jar = PluginJar.build(dir, "toy-plugin.jar");
        Cli cli = Cli.run("conformance", "--plugin", jar.toString(), "--arch", PluginJar.VARIANT);
        assertEquals(1, cli.status(), cli.out() + cli.err());
        String row = cli.out().lines().filter(l -> l.startsWith("| toy-plugin | ")).findFirst().orElseThrow();
        assertTrue(row.split("\\|")[2].contains("**"), "encoding is marked failed: " + row);
    }

    @Test
    void anUnknownArchitectureIsOneLineAndExitTwo() {
        Cli cli = Cli.run("conformance", "--arch", "vax");
        assertEquals(2, cli.status());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(cli.err().contains("unknown architecture 'vax'") && cli.err().contains("x86_64"), cli.err());
    }

    /** Issue 13 item 4: the class loader would skip a file that is not a jar, and the run would pass without it. */
    @Test
    void aPluginThatIsNotAJarIsAnError(@TempDir Path dir) throws Exception {
        Path notAJar = Files.writeString(dir.resolve("arch.jar"), "not a zip");
        Cli cli = Cli.run("conformance", "--arch", "toy-cli", "--plugin", notAJar.toString());
        assertEquals(2, cli.status(), cli.out() + cli.err());
        assertEquals("", cli.out());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(cli.err().startsWith("pagoda: plugin " + notAJar + " is not a jar"), cli.err());
    }

    /** Issue 13 item 7: a report that cannot be written fails before the run, and says it cannot write. */
    @Test
    void anUnwritableReportFailsBeforeTheRun(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Cli underAFile = Cli.run("conformance", "--arch", "x86_64", "--report", file.resolve("sub").toString());
        assertEquals(2, underAFile.status(), underAFile.out() + underAFile.err());
        assertEquals("", underAFile.out(), "nothing ran");
        assertTrue(underAFile.err().startsWith("pagoda: cannot write the report to " + file.resolve("sub")), underAFile.err());
        Cli aFile = Cli.run("conformance", "--arch", "x86_64", "--report", file.toString());
        assertEquals(2, aFile.status());
        assertTrue(aFile.err().startsWith("pagoda: --report " + file + " is a file"), aFile.err());
    }
}
