package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * inspect in every format, against expectations written from the scenario (see {@link TestImages}),
 * not from the code.
 */
class InspectCommandTest {
    static final String EXPECTED_RANGES =
            String.join(
                            "\n",
                            "ROOT  0x0000000000400000-0x0000000000403000  12KiB  rw-u  write_back  -  0x0000000000200000  4KiB  L2",
                            "ROOT  0x0000000000403000-0x0000000000404000  4KiB  rw-u  write_back  -  0x0000000000300000  4KiB  L2",
                            "ROOT  0x0000000000800000-0x0000000000a00000  2MiB  r-x-  write_back  G  0x0000000000400000  2MiB  L1",
                            "ROOT  0x0000000000c00000-0x0000000000e00000  2MiB  guard  2MiB  L1",
                            "ROOT  0xffffffc000000000-0xffffffc000001000  4KiB  rw--  write_back  G  0x0000000000500000  4KiB  L2")
                    + "\n";

    @TempDir Path dir;
    Path raw;
    Path elf;

    @BeforeEach
    void images() throws IOException {
        TestImages images = TestImages.scenario();
        raw = images.writeRaw(dir.resolve("mem.raw"));
        elf = images.writeElf(dir.resolve("mem.elf"));
    }

    private Cli inspect(Path image, String format, String... more) {
        String[] base = {
            "inspect",
            "--arch",
            "toy-cli",
            "--root",
            "0x100000",
            "--base",
            "0x100000",
            "--format",
            format
        };
        if (image.equals(elf)) {
            base =
                    new String[] {
                        "inspect", "--arch", "toy-cli", "--root", "0x100000", "--format", format
                    };
        }
        String[] args = new String[base.length + more.length + 1];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        args[args.length - 1] = image.toString();
        return Cli.run(args);
    }

    @Test
    void rangesCoalesceContiguousLeavesWithEqualFlags() {
        Cli raw = inspect(this.raw, "ranges");
        assertEquals(0, raw.status(), raw.err());
        assertEquals(EXPECTED_RANGES, raw.out());
        assertEquals("", raw.err());
        Cli elf = inspect(this.elf, "ranges");
        assertEquals(0, elf.status(), elf.err());
        assertEquals(EXPECTED_RANGES, elf.out());
    }

    @Test
    void rangesShowEffectiveRightsCombinedOverLevels() throws IOException {
        // clear the writable bit (2) of the top-level entry 0: everything below it loses 'w'
        byte[] bytes = Files.readAllBytes(raw);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, b.getLong(0) & ~4L);
        Files.write(raw, bytes);
        Cli cli = inspect(raw, "ranges");
        assertEquals(0, cli.status(), cli.err());
        assertTrue(cli.out().contains("12KiB  r--u  write_back"), cli.out());
        assertTrue(cli.out().contains("2MiB  r-x-  write_back  G"), cli.out());
        // the upper half hangs off entry 256, untouched
        assertTrue(cli.out().contains("4KiB  rw--  write_back  G  0x0000000000500000"), cli.out());
    }

    @Test
    void qemuPrintsOneLinePerPresentLeafWithItsBase() {
        Cli cli = inspect(raw, "qemu");
        assertEquals(0, cli.status(), cli.err());
        assertEquals(
                String.join(
                                "\n",
                                "0000000000400000: 0000000000200000 --UW",
                                "0000000000401000: 0000000000201000 --UW",
                                "0000000000402000: 0000000000202000 --UW",
                                "0000000000403000: 0000000000300000 --UW",
                                "0000000000800000: 0000000000400000 XG--",
                                "ffffffc000000000: 0000000000500000 -G-W")
                        + "\n",
                cli.out());
    }

    @Test
    void qemuWithoutARegisteredLineFormatIsAUserError() throws IOException {
        Path image = dir.resolve("split.raw");
        TestImages.Split split = TestImages.split();
        split.images().writeRaw(image);
        Cli cli =
                Cli.run(
                        "inspect",
                        "--arch",
                        "toy-split",
                        "--root",
                        "0x100000",
                        "--base",
                        "0x100000",
                        "--format",
                        "qemu",
                        image.toString());
        assertEquals(2, cli.status());
        assertTrue(
                cli.err()
                        .startsWith(
                                "pagoda: no QEMU 'info tlb' line format is registered for toy-split"),
                cli.err());
    }

    @Test
    void jsonHoldsTheSameRanges() {
        Cli cli = inspect(raw, "json");
        assertEquals(0, cli.status(), cli.err());
        String expected =
                "{\"architecture\":\"toy-cli\",\"ranges\":[\n"
                        + "{\"register\":\"ROOT\",\"first\":\"0x400000\",\"last\":\"0x402fff\",\"size\":12288,\"state\":\"present\",\"physical\":\"0x200000\",\"rights\":\"rw-u\",\"memoryType\":\"write_back\",\"global\":false,\"leafSize\":4096,\"level\":2},\n"
                        + "{\"register\":\"ROOT\",\"first\":\"0x403000\",\"last\":\"0x403fff\",\"size\":4096,\"state\":\"present\",\"physical\":\"0x300000\",\"rights\":\"rw-u\",\"memoryType\":\"write_back\",\"global\":false,\"leafSize\":4096,\"level\":2},\n"
                        + "{\"register\":\"ROOT\",\"first\":\"0x800000\",\"last\":\"0x9fffff\",\"size\":2097152,\"state\":\"present\",\"physical\":\"0x400000\",\"rights\":\"r-x-\",\"memoryType\":\"write_back\",\"global\":true,\"leafSize\":2097152,\"level\":1},\n"
                        + "{\"register\":\"ROOT\",\"first\":\"0xc00000\",\"last\":\"0xdfffff\",\"size\":2097152,\"state\":\"guarded\",\"leafSize\":2097152,\"level\":1},\n"
                        + "{\"register\":\"ROOT\",\"first\":\"0xffffffc000000000\",\"last\":\"0xffffffc000000fff\",\"size\":4096,\"state\":\"present\",\"physical\":\"0x500000\",\"rights\":\"rw--\",\"memoryType\":\"write_back\",\"global\":true,\"leafSize\":4096,\"level\":2}\n"
                        + "],\"complete\":true}\n";
        assertEquals(expected, cli.out());
    }

    @Test
    void jsonQuotesEscape() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", RangesJson.quote("a\"b\\c\n\u0001"));
    }

    // --format dot and svg: DotGraphTest

    @Test
    void anEntryPointingOutsideTheImageCutsTheOutputShortAndSaysSo() throws IOException {
        // find the low middle table from the root's entry 0, then make its entry 7 (0xE00000) a
        // table at 0x9000_0000
        byte[] bytes = Files.readAllBytes(raw);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long mid = b.getLong(0) & 0xFF_FFFF_F000L;
        b.putLong((int) (mid - TestImages.POOL) + 7 * 8, 0x9000_0000L | 0x1F);
        Files.write(raw, bytes);
        Cli cli = inspect(raw, "ranges");
        assertEquals(Main.CUT_SHORT, cli.status());
        // what came before the bad entry is printed
        assertTrue(
                cli.out()
                        .startsWith(
                                EXPECTED_RANGES.substring(
                                        0, EXPECTED_RANGES.indexOf("ROOT  0xffff"))),
                cli.out());
        assertFalse(cli.out().contains("0xffffffc0"), cli.out());
        String[] errLines = cli.err().split("\n");
        assertEquals(1, errLines.length, cli.err());
        assertTrue(
                errLines[0].startsWith(
                        "pagoda: output cut short: the level 2 (LEAF) table at 0x90000000"),
                cli.err());
        assertTrue(errLines[0].contains("0xE00000"), cli.err());

        Cli json = inspect(raw, "json");
        assertEquals(Main.CUT_SHORT, json.status());
        assertTrue(json.out().endsWith("],\"complete\":false}\n"), json.out());
    }

    @Test
    void malformedEntriesAreSkippedWithOneWarning() throws IOException {
        byte[] bytes = Files.readAllBytes(raw);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(8 * 5, (1L << 63) | 1); // root entry 5: valid with the reserved bit
        Files.write(raw, bytes);
        Cli cli = inspect(raw, "ranges");
        assertEquals(0, cli.status(), cli.err());
        assertEquals(EXPECTED_RANGES, cli.out());
        assertTrue(cli.err().startsWith("pagoda: skipped 1 malformed entry"), cli.err());
        assertTrue(cli.err().contains("reserved bit 63"), cli.err());
    }

    @Test
    void theEntryBudgetStopsAWalk() {
        // the scenario reads 5 tables of 512 entries
        Cli cli = inspect(raw, "ranges", "--max-entries", "2000");
        assertEquals(Main.CUT_SHORT, cli.status());
        assertTrue(cli.err().contains("stopped after reading 2000 entries"), cli.err());
    }

    /**
     * 32-bit paging (4-byte entries, two to each 8 bytes the walker copies in bulk): PD at 0x1000
     * with PDE 1 -> PT 0x2000 (P|RW|US = 0x7) and PDE 0x300 a 4 MiB page at 0xC00000 (P|RW|PS =
     * 0x83); PTEs 3 and 4 map 0x5000 and 0x6000 (contiguous: one range), PTE 1023, the last half of
     * the table's last 8 bytes, 0x9000 read-only supervisor (P = 0x1). No XD in 32-bit paging:
     * every leaf executes (Intel SDM Vol. 3A 4.3).
     */
    @Test
    void fourByteEntriesAreReadFromBothHalvesOfEachEightBytes() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(0x4000).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x1000 + 4 * 1, 0x2007).putInt(0x1000 + 4 * 0x300, 0x00C0_0083);
        b.putInt(0x2000 + 4 * 3, 0x5007)
                .putInt(0x2000 + 4 * 4, 0x6007)
                .putInt(0x2000 + 4 * 1023, 0x9001);
        Path image = Files.write(dir.resolve("i386.raw"), b.array());
        Cli cli = Cli.run("inspect", "--arch", "i386", "--root", "0x1000", image.toString());
        assertEquals(0, cli.status(), cli.err());
        assertEquals(
                String.join(
                                "\n",
                                "CR3  0x0000000000403000-0x0000000000405000  8KiB  rwxu  write_back  -  0x0000000000005000  4KiB  L1",
                                "CR3  0x00000000007ff000-0x0000000000800000  4KiB  r-x-  write_back  -  0x0000000000009000  4KiB  L1",
                                "CR3  0x00000000c0000000-0x00000000c0400000  4MiB  rwx-  write_back  -  0x0000000000c00000  4MiB  L0")
                        + "\n",
                cli.out());
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
