package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13 item 1: images whose tables fan out to themselves or to shared lower tables end with
 * {@code output cut short:} and exit 3 in bounded output, in every format; the sharing real guests
 * do (a recursive slot, x86-64 Linux's ESPFIX clones) is walked in full.
 */
class BoundsTest {
    // the default leaf bound on a small image; json, the widest format, writes about 200 bytes a
    // leaf
    private static final long MOST_CHARS = WalkBounds.MIN_LEAVES * 250;
    // QEMU's info tlb line: "%016x: %016x" and nine flag letters
    private static final int QEMU_LINE = 16 + 2 + 16 + 1 + 9 + 1;

    @TempDir Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertCutShort(Cli cli, String why) {
        assertEquals(Main.CUT_SHORT, cli.status(), cli.err());
        String[] err = cli.err().split("\n");
        assertTrue(err[err.length - 1].startsWith("pagoda: output cut short: "), cli.err());
        assertTrue(cli.err().contains(why), cli.err());
        assertTrue(cli.outChars() <= MOST_CHARS, cli.outChars() + " chars printed");
    }

    @ParameterizedTest(name = "{0} --format {2}")
    @CsvSource({
        "x86_64, 512, ranges",
        "x86_64, 512, qemu",
        "x86_64, 512, json",
        "x86_64, 512, dot",
        "x86_64-la57, 512, ranges",
        "x86_64-la57, 512, json",
        "aarch64-4k-48, 512, ranges",
        "aarch64-4k-48, 512, json",
        "aarch64-64k-42, 8192, ranges",
        "aarch64-64k-42, 8192, json"
    })
    void aTableLinkingToItselfThroughEveryEntryIsCutShort(String arch, int entries, String format)
            throws IOException {
        long link = arch.startsWith("x86") ? Tables.X86_LINK : Tables.ARM_LINK;
        Path image = write("fan.raw", Tables.fanOutToItself(entries, link));
        Cli cli =
                Cli.runCounting(
                        1 << 16,
                        "inspect",
                        "--arch",
                        arch,
                        "--root",
                        "0",
                        "--format",
                        format,
                        image.toString());
        assertCutShort(cli, "linked back into from its own walk path by 2 entries");
    }

    @ParameterizedTest
    @CsvSource({"ranges", "qemu", "json", "dot"})
    void tablesSharingOneLowerTableEverywhereAreCutShortByTheLeafBound(String format)
            throws IOException {
        Path image = write("shared.raw", Tables.fanOutToSharedTables());
        Cli cli =
                Cli.runCounting(
                        1 << 16,
                        "inspect",
                        "--arch",
                        "x86_64",
                        "--root",
                        "0",
                        "--format",
                        format,
                        image.toString());
        assertCutShort(cli, WalkBounds.MIN_LEAVES + " leaves and guards reported");
    }

    @Test
    void sharedTablesThatPrintNothingAreCutShortByTheEntryBound() throws IOException {
        byte[] bytes = Tables.fanOutToSharedTables();
        Arrays.fill(
                bytes, 0x3000, 0x4000,
                (byte) 0); // the last level empty: the walk reads, prints nothing
        Cli cli =
                Cli.runCounting(
                        1 << 16,
                        "inspect",
                        "--arch",
                        "x86_64",
                        "--root",
                        "0",
                        write("quiet.raw", bytes).toString());
        assertCutShort(cli, "stopped after reading " + WalkBounds.MIN_ENTRIES + " entries");
    }

    @Test
    void raisingTheBoundIsAnOption() throws IOException {
        Path image = write("fan.raw", Tables.fanOutToItself(512, Tables.X86_LINK));
        Cli cli =
                Cli.runCounting(
                        1 << 16,
                        "inspect",
                        "--arch",
                        "x86_64",
                        "--root",
                        "0",
                        "--format",
                        "qemu",
                        "--max-loop-links",
                        "512",
                        "--max-leaves",
                        "0x1000",
                        image.toString());
        assertCutShort(cli, "4096 leaves and guards reported");
        assertEquals(4096 * QEMU_LINE, cli.outChars(), "one qemu line per leaf");
    }

    @Test
    void aRecursiveSlotIsWalkedInFull() throws IOException {
        // PML4[0] -> PDPT 0x1000 -> PD 0x2000 -> PT 0x3000 with one page; PML4[510] -> PML4 (the
        // recursive slot)
        byte[] bytes =
                new Tables(0x4000)
                        .put(0x0000, 0x1000 | Tables.X86_LINK)
                        .put(0x0000 + 510 * 8, Tables.X86_LINK)
                        .put(0x1000, 0x2000 | Tables.X86_LINK)
                        .put(0x2000, 0x3000 | Tables.X86_LINK)
                        .put(0x3000, 0x5000 | Tables.X86_LINK)
                        .bytes();
        Cli cli =
                Cli.run(
                        "inspect",
                        "--arch",
                        "x86_64",
                        "--root",
                        "0",
                        "--format",
                        "qemu",
                        write("recursive.raw", bytes).toString());
        assertEquals(0, cli.status(), cli.err());
        // paths to a present PT-level entry: 0/0/0/0 (the page), and through the slot the PT, PD,
        // PDPT as pages
        // (510/0/0/0, 510/510/0/0, 510/510/510/0) and the root itself (510/510/510/510)
        assertEquals(5, cli.outLines().length, cli.out());
        assertTrue(cli.out().startsWith("0000000000000000: 0000000000005000 "), cli.out());
        assertTrue(cli.out().contains("ffffff7fbfdfe000: 0000000000000000 "), cli.out());
    }

    @Test
    void espfixLikeClonesAreWalkedInFull() throws IOException {
        // x86-64 Linux's ESPFIX area: 4 PUD entries -> one PMD, its 512 entries -> one PT, 32 PTEs
        // (stride 16) -> one page
        Tables t = new Tables(0x5000).put(0x0000 + 8 * 509, 0x1000 | Tables.X86_LINK);
        t.fill(0x1000, 0, 4, 0x2000 | Tables.X86_LINK)
                .fill(0x2000, 0, 512, 0x3000 | Tables.X86_LINK);
        for (int i = 0; i < 512; i += 16) {
            t.put(0x3000 + 8L * i, 0x4000 | 0x1);
        }
        Cli cli =
                Cli.runCounting(
                        1 << 10,
                        "inspect",
                        "--arch",
                        "x86_64",
                        "--root",
                        "0",
                        "--format",
                        "qemu",
                        write("espfix.raw", t.bytes()).toString());
        assertEquals(0, cli.status(), cli.err());
        assertEquals(4 * 512 * 32 * QEMU_LINE, cli.outChars());
    }
}
