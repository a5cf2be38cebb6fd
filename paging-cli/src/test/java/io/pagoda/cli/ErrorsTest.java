package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User errors: one line on stderr, exit status 2, nothing on stdout, never a stack trace. */
class ErrorsTest {
    @TempDir
    Path dir;
    Path raw;

    @BeforeEach
    void image() throws IOException {
        raw = TestImages.scenario().writeRaw(dir.resolve("mem.raw"));
    }

    private static void assertUserError(Cli cli, String start) {
        assertEquals(2, cli.status(), cli.err());
        assertEquals("", cli.out());
        assertFalse(cli.err().contains("\tat "), cli.err());
        assertEquals(1, cli.err().split("\n").length, cli.err());
        assertTrue(cli.err().startsWith(start), cli.err());
    }

    @Test
    void missingFile() {
        assertUserError(Cli.run("inspect", "--arch", "toy-cli", "--root", "0x100000", dir.resolve("nope.raw").toString()),
                "pagoda: no such file: ");
    }

    @Test
    void unknownArchitectureListsTheKnownOnes() {
        Cli cli = Cli.run("translate", "--arch", "vax", "--root", "0", raw.toString(), "0");
        assertUserError(cli, "pagoda: unknown architecture 'vax'; known: ");
        assertTrue(cli.err().contains("toy-cli") && cli.err().contains("toy-split"), cli.err());
    }

    @Test
    void rootOutsideTheImage() {
        // without --base the raw image sits at 0, so 0x100000 is one byte past... its end is 0x10000
        assertUserError(Cli.run("inspect", "--arch", "toy-cli", "--root", "0x100000", raw.toString()),
                "pagoda: the root table 0x100000 (from ROOT = 0x100000) is not inside the image, which holds 0x0..0xFFFF");
    }

    @Test
    void secondRootOnASingleRootArchitecture() {
        assertUserError(Cli.run("inspect", "--arch", "toy-cli", "--root", "0x100000", "--root-upper", "0x101000", raw.toString()),
                "pagoda: --root-upper: toy-cli has a single root register (ROOT)");
    }

    @Test
    void badNumbersAndMissingOptionsAreUsageErrors() {
        Cli cli = Cli.run("translate", "--arch", "toy-cli", "--root", "0xZZ", raw.toString(), "0");
        assertEquals(2, cli.status());
        assertTrue(cli.err().contains("'0xZZ' is not a 64-bit address"), cli.err());
        assertEquals(2, Cli.run("inspect", raw.toString()).status());
        assertEquals(2, Cli.run("inspect", "--arch", "toy-cli", "--root", "0", "--format", "xml", raw.toString()).status());
        assertEquals(2, Cli.run().status());
    }

    @Test
    void corruptElfIsAUserError() throws IOException {
        Path bad = java.nio.file.Files.write(dir.resolve("bad.elf"), new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        assertUserError(Cli.run("inspect", "--arch", "toy-cli", "--root", "0", bad.toString()), "pagoda: ");
    }

    @Test
    void aMissingConformancePluginIsAUserError() {
        assertUserError(Cli.run("conformance", "--plugin", "/nonexistent/arch.jar"), "pagoda: plugin /nonexistent/arch.jar does not exist");
    }
}
