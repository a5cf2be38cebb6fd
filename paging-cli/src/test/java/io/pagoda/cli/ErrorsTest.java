package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User errors: one line on stderr, exit status 2, nothing on stdout, never a stack trace. */
class ErrorsTest {
    @TempDir Path dir;
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
        assertUserError(
                Cli.run(
                        "inspect",
                        "--arch",
                        "toy-cli",
                        "--root",
                        "0x100000",
                        dir.resolve("nope.raw").toString()),
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
        // without --base the raw image sits at 0, so 0x100000 is one byte past... its end is
        // 0x10000
        assertUserError(
                Cli.run("inspect", "--arch", "toy-cli", "--root", "0x100000", raw.toString()),
                "pagoda: the root table 0x100000 (from ROOT = 0x100000) is not inside the image, which holds 0x0..0xFFFF");
    }

    @Test
    void secondRootOnASingleRootArchitecture() {
        assertUserError(
                Cli.run(
                        "inspect",
                        "--arch",
                        "toy-cli",
                        "--root",
                        "0x100000",
                        "--root-upper",
                        "0x101000",
                        raw.toString()),
                "pagoda: --root-upper: toy-cli has a single root register (ROOT)");
    }

    @Test
    void badNumbersAndMissingOptionsAreUsageErrors() {
        Cli cli = Cli.run("translate", "--arch", "toy-cli", "--root", "0xZZ", raw.toString(), "0");
        assertEquals(2, cli.status());
        assertTrue(cli.err().contains("'0xZZ' is not a 64-bit address"), cli.err());
        assertEquals(2, Cli.run("inspect", raw.toString()).status());
        assertEquals(
                2,
                Cli.run(
                                "inspect",
                                "--arch",
                                "toy-cli",
                                "--root",
                                "0",
                                "--format",
                                "xml",
                                raw.toString())
                        .status());
        assertEquals(2, Cli.run().status());
    }

    /**
     * Issue 13 item 5: a usage error is one line naming the problem and the command's help, never
     * the usage text.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "inspect",
                "inspect --arch",
                "inspect --format xml",
                "inspect --bogus",
                "translate --arch x86_64 --root 0",
                "translate --arch x86_64 --root 0x mem.raw 0",
                "inspect --arch x86_64 --root 0 --max-entries -1 mem.raw",
                "inspect --arch x86_64 --root 0 --max-tables 0 mem.raw",
                "inspect --arch x86_64 --root 0 --max-leaves 1x mem.raw",
                "translate --arch x86_64 --root +5 mem.raw 0",
                "translate --arch x86_64 --root \u0663 mem.raw 0",
                "translate --arch x86_64 --root 0 mem.raw \uff11",
                "translate --arch x86_64 --root 0 bad\u0000name 0",
                "conformance --report",
                "archs extra",
                "bogus",
                ""
            })
    void usageErrorsAreOneLineWithAHelpHint(String line) {
        String[] args =
                line.isEmpty() ? new String[0] : line.replace("mem.raw", raw.toString()).split(" ");
        Cli cli = Cli.run(args);
        String command =
                args.length == 0 || args[0].equals("bogus") ? "pagoda" : "pagoda " + args[0];
        assertUserError(cli, "pagoda: ");
        assertFalse(cli.err().contains("Exception"), cli.err());
        assertTrue(cli.err().strip().endsWith("(try '" + command + " --help')"), cli.err());
    }

    @Test
    void countsTakeHexAndRefuseNegatives() {
        Cli hex =
                Cli.run(
                        "inspect",
                        "--arch",
                        "toy-cli",
                        "--root",
                        "0x100000",
                        "--base",
                        "0x100000",
                        "--max-entries",
                        "0x7d0",
                        raw.toString());
        assertEquals(Main.CUT_SHORT, hex.status(), hex.err());
        assertTrue(hex.err().contains("stopped after reading 2000 entries"), hex.err());
        Cli tables =
                Cli.run(
                        "inspect",
                        "--arch",
                        "toy-cli",
                        "--root",
                        "0x100000",
                        "--base",
                        "0x100000",
                        "--format",
                        "dot",
                        "--max-tables",
                        "0x2",
                        raw.toString());
        assertEquals(0, tables.status(), tables.err());
        assertTrue(tables.out().contains("only the first 2 tables"), tables.out());
        for (String option :
                new String[] {
                    "--max-entries", "--max-tables", "--max-leaves", "--max-loop-links"
                }) {
            Cli negative =
                    Cli.run(
                            "inspect",
                            "--arch",
                            "toy-cli",
                            "--root",
                            "0x100000",
                            option,
                            "-3",
                            raw.toString());
            assertUserError(
                    negative,
                    "pagoda: Invalid value for option '" + option + "': '-3' is negative");
        }
    }

    @Test
    void numbersRefuseAPlusSignAndNonAsciiDigits() {
        for (String number :
                new String[] {
                    "+4096", "\u0664\u0660\u0669\u0666", "0x\uff11\uff10", "0x+10", "-1"
                }) {
            Cli cli =
                    Cli.run(
                            "translate",
                            "--arch",
                            "toy-cli",
                            "--root",
                            "0x100000",
                            "--base",
                            "0x100000",
                            raw.toString(),
                            number);
            assertUserError(
                    cli,
                    "pagoda: Invalid value for positional parameter at index 1..* (VA): '"
                            + number
                            + "' is not a 64-bit address");
        }
    }

    @Test
    void corruptElfIsAUserError() throws IOException {
        Path bad =
                Files.write(
                        dir.resolve("bad.elf"), new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        assertUserError(
                Cli.run("inspect", "--arch", "toy-cli", "--root", "0", bad.toString()), "pagoda: ");
    }

    @Test
    void aMissingConformancePluginIsAUserError() {
        assertUserError(
                Cli.run("conformance", "--plugin", "/nonexistent/arch.jar"),
                "pagoda: plugin /nonexistent/arch.jar does not exist");
    }
}
