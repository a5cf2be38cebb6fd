package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslateCommandTest {
    @TempDir Path dir;

    @Test
    void translatesEachAddressOrSaysWhyNot() throws IOException {
        Path elf = TestImages.scenario().writeElf(dir.resolve("mem.elf"));
        // the register carries a tag (bits 56..63) and noise (bits 0..11) that the hardware masks
        // off
        Cli cli =
                Cli.run(
                        "translate",
                        "--arch",
                        "toy",
                        "--root",
                        "0x2A00000000100FFF",
                        elf.toString(),
                        "0x401234",
                        "0x800010",
                        "0x9FFFFF",
                        "0xC00000",
                        "0x1000000",
                        "0x80000000",
                        "0x0000800000000000",
                        "0xFFFFFFC000000010");
        assertEquals(0, cli.status(), cli.err());
        String[] lines = cli.outLines();
        assertEquals(8, lines.length, cli.out());
        assertEquals("0x401234 0x201234", lines[0]);
        assertEquals("0x800010 0x400010", lines[1]);
        assertEquals("0x9fffff 0x5fffff", lines[2]);
        assertEquals("0xc00000 unmapped guard at level 1 (guard entry 0x200)", lines[3]);
        assertEquals("0x1000000 unmapped not_present at level 1 (unused entry)", lines[4]);
        assertEquals("0x80000000 unmapped not_present at level 0 (unused entry)", lines[5]);
        assertTrue(lines[6].startsWith("0x800000000000 unmapped non_canonical ("), lines[6]);
        assertEquals("0xffffffc000000010 0x500010", lines[7]);
        assertEquals("", cli.err());
    }

    @Test
    void twoRootsAndTheControlRegister() throws IOException {
        TestImages.Split split = TestImages.split();
        Path raw = split.images().writeRaw(dir.resolve("split.raw"));
        String lower = "0x" + Long.toHexString(split.images().rootTable);
        String upper = "0x" + Long.toHexString(split.upperRoot());
        Cli both =
                Cli.run(
                        "translate",
                        "--arch",
                        "toy-split",
                        "--root",
                        lower,
                        "--root-upper",
                        upper,
                        "--base",
                        "0x100000",
                        raw.toString(),
                        "0x1008",
                        "0xFFFFFFFFFFFFF008",
                        "0x8000000000");
        assertEquals(0, both.status(), both.err());
        String[] lines = both.outLines();
        assertEquals("0x1008 0x7008", lines[0]);
        assertEquals("0xfffffffffffff008 0x8008", lines[1]);
        assertTrue(lines[2].startsWith("0x8000000000 unmapped non_canonical"), lines[2]);

        Cli lowerOnly =
                Cli.run(
                        "translate",
                        "--arch",
                        "toy-split",
                        "--root",
                        lower,
                        "--base",
                        "0x100000",
                        raw.toString(),
                        "0xFFFFFFFFFFFFF008");
        assertEquals(0, lowerOnly.status(), lowerOnly.err());
        assertEquals(
                "0xfffffffffffff008 unmapped no_root (UPPER translates it; give its value with --root-upper)\n",
                lowerOnly.out());

        // a 30-bit configuration walks two levels from the same root: the root table is now read as
        // MID
        Cli narrow =
                Cli.run(
                        "translate",
                        "--arch",
                        "toy-split",
                        "--tcr",
                        "30",
                        "--root",
                        lower,
                        "--base",
                        "0x100000",
                        raw.toString(),
                        "0x8000000000",
                        "0x1000");
        assertEquals(0, narrow.status(), narrow.err());
        assertTrue(
                narrow.outLines()[0].startsWith("0x8000000000 unmapped non_canonical"),
                narrow.out());

        Cli badTcr =
                Cli.run(
                        "translate",
                        "--arch",
                        "toy-split",
                        "--tcr",
                        "31",
                        "--root",
                        lower,
                        "--base",
                        "0x100000",
                        raw.toString(),
                        "0x1000");
        assertEquals(2, badTcr.status());
        assertEquals(
                "pagoda: --tcr 0x1F: toy control register 31 selects neither 30 nor 39 bits\n",
                badTcr.err());

        Cli noTcr =
                Cli.run(
                        "translate",
                        "--arch",
                        "toy-cli",
                        "--tcr",
                        "1",
                        "--root",
                        "0x100000",
                        "--base",
                        "0x100000",
                        raw.toString(),
                        "0x1000");
        assertEquals(2, noTcr.status());
        assertEquals(
                "pagoda: --tcr 0x1: toy-cli takes no translation-control register; omit --tcr\n",
                noTcr.err());
    }
}
