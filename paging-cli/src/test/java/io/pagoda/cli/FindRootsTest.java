package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: {@code pagoda find-roots} on images whose tables are written entry by entry from the
 * hardware reference (x86: P|RW|US = 0x7 and the address; AArch64: table descriptor 0b11, page 0b11
 * with AF 0x400).
 */
class FindRootsTest {
    @TempDir Path dir;

    /** The ROOT column of the listed candidates, in rank order. */
    private static String[] roots(Cli cli) {
        return Arrays.stream(cli.outLines())
                .skip(1)
                .filter(l -> !l.startsWith("proposal:"))
                .map(l -> l.trim().split("\\s+")[2])
                .toArray(String[]::new);
    }

    /**
     * x86-64 in 8 MiB of memory: a kernel's own PML4 at 0x10000 (entry 511 -> PDPT 0x11000 -> PD
     * 0x12000 whose 4 entries map the 2 MiB pages of all memory), an address space at 0x20000 that
     * copies entry 511 and adds entry 0 -> 0x21000 -> 0x22000 -> PT 0x23000 mapping one 4 KiB page,
     * a page of random bytes and zero pages.
     */
    private Path x86Image() throws IOException {
        Tables t = new Tables(0x80_0000);
        long kernel = 0x11000 | Tables.X86_LINK;
        t.put(0x10000 + 8 * 511, kernel).put(0x11000 + 8 * 510, 0x12000 | Tables.X86_LINK);
        for (int i = 0; i < 4; i++) {
            t.put(0x12000 + 8L * i, 0x20_0000L * i | 0x83);
        }
        t.put(0x20000 + 8 * 511, kernel)
                .put(0x20000, 0x21000 | Tables.X86_LINK)
                .put(0x21000, 0x22000 | Tables.X86_LINK)
                .put(0x22000, 0x23000 | Tables.X86_LINK)
                .put(0x23000 + 8, 0x5000 | Tables.X86_LINK);
        byte[] bytes = t.bytes();
        byte[] noise = new byte[0x1000];
        new Random(16).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, 0x30000, noise.length);
        return Files.write(dir.resolve("x86.raw"), bytes);
    }

    @Test
    void theKernelsOwnTableRanksBeforeTheAddressSpaceThatCopiesIt() throws IOException {
        Cli cli = Cli.run("find-roots", "--arch", "x86_64", x86Image().toString());
        assertEquals(0, cli.status(), cli.err());
        assertEquals("", cli.err());
        assertEquals("CR3=0x10000", roots(cli)[0], cli.out());
        assertEquals("CR3=0x20000", roots(cli)[1], cli.out());
        String first = cli.outLines()[1];
        // 4 leaves of 2 MiB spanning and reaching all 8 MiB, all in the upper half; one shared
        // upper half; no lower-half entry.
        // The copy reaches the same memory but spans one page more, and uses one more top-level
        // entry.
        assertTrue(
                first.matches(
                        "1\\s+x86_64\\s+CR3=0x10000\\s+4\\s+8 MiB\\s+8 MiB\\s+8 MiB\\s+0\\s+3\\s+1\\s+0\\s+.*"),
                first);
        assertTrue(cli.out().endsWith("proposal: --arch x86_64 --root 0x10000\n"), cli.out());
    }

    @Test
    void theCandidateListIsBoundedAndAnEmptyScanIsAWarning() throws IOException {
        Cli one =
                Cli.run(
                        "find-roots",
                        "--arch",
                        "x86_64",
                        "--max-candidates",
                        "1",
                        x86Image().toString());
        assertEquals(1, roots(one).length, one.out());
        Path zeros = Files.write(dir.resolve("zeros.raw"), new byte[0x10000]);
        Cli none = Cli.run("find-roots", "--arch", "x86_64", zeros.toString());
        assertEquals(0, none.status());
        assertEquals("", none.out());
        assertEquals(
                "pagoda: warning: no plausible top-level table in " + zeros + " for x86_64\n",
                none.err());
    }

    @Test
    void withoutArchEveryVariantOfTheCoresMachineIsTried() throws IOException {
        Path core =
                new CoreWriter(62)
                        .load(0, Files.readAllBytes(x86Image()))
                        .write(dir.resolve("x86.elf"));
        Cli cli = Cli.run("find-roots", core.toString());
        assertEquals(0, cli.status(), cli.err());
        assertEquals("CR3=0x10000", roots(cli)[0], cli.out());
        for (String line : cli.outLines()) {
            assertTrue(
                    line.startsWith("RANK")
                            || line.startsWith("proposal:")
                            || line.matches("\\d+\\s+(x86_64|x86_64-la57|i386\\S*)\\s.*"),
                    line);
        }
    }

    @Test
    void anAarch64ImageGetsATtbrPairAndATcr() throws IOException {
        // 4K granule, 48-bit VA: TTBR1 table at 0x10000, L0[0] -> L1 0x11000 -> L2 0x12000 -> L3
        // 0x13000 mapping two pages;
        // a second table at 0x20000 mapping one page through its own tables (a lower half)
        Tables t = new Tables(0x30000);
        t.put(0x10000, 0x11000 | 0x3)
                .put(0x11000, 0x12000 | 0x3)
                .put(0x12000, 0x13000 | 0x3)
                .put(0x13000, 0x5000 | Tables.ARM_LINK)
                .put(0x13008, 0x6000 | Tables.ARM_LINK);
        t.put(0x20000, 0x21000 | 0x3)
                .put(0x21000, 0x22000 | 0x3)
                .put(0x22000, 0x23000 | 0x3)
                .put(0x23000, 0x7000 | Tables.ARM_LINK);
        Path image = Files.write(dir.resolve("arm.raw"), t.bytes());
        Cli cli = Cli.run("find-roots", "--arch", "aarch64", image.toString());
        assertEquals(0, cli.status(), cli.err());
        assertEquals("TTBR1_EL1=0x10000", roots(cli)[0], cli.out());
        // TCR_EL1: T0SZ = T1SZ = 16, TG0 = 0 (4K), TG1 = 2 (4K), IPS = 5 (48-bit PA): Arm ARM
        // D19.2.139
        // = 0x10 | 0x10_0000 | 0x8000_0000 | 0x5_0000_0000, printed in Pagoda's grouped hex
        // TTBR0: the page below TTBR1's table is zeroed, as Linux's reserved_pg_dir below
        // swapper_pg_dir
        assertTrue(
                cli.out()
                        .endsWith(
                                "proposal: --arch aarch64 --root 0xF000 --root-upper 0x10000 --tcr 0x5_8010_0010 (TTBR1_EL1: rank 1;"
                                        + " TTBR0_EL1: the zeroed page just below TTBR1_EL1's table, where Linux keeps the table of kernel threads (reserved_pg_dir),"
                                        + " which maps nothing; a process's would be another table of aarch64 (the next candidate of it: rank 2))\n"),
                cli.out());

        // a word in that page (an L0 block descriptor, 0b01, which the 4K granule does not have: no
        // candidate there):
        // TTBR0 is the next candidate, said to be a guess
        t.put(0xF008, 0x1);
        Path noisy = Files.write(dir.resolve("arm-noisy.raw"), t.bytes());
        Cli guess = Cli.run("find-roots", "--arch", "aarch64", noisy.toString());
        assertEquals("TTBR1_EL1=0x10000", roots(guess)[0], guess.out());
        assertTrue(
                guess.out()
                        .endsWith(
                                "proposal: --arch aarch64 --root 0x20000 --root-upper 0x10000 --tcr 0x5_8010_0010 (TTBR1_EL1: rank 1;"
                                        + " TTBR0_EL1: rank 2, a guess (the next table of aarch64; nothing in memory tells which one was loaded))\n"),
                guess.out());
    }

    /**
     * i386-pae: a PDPT at 0x10020 whose entry 3 (P = 0x1, no R/W or U/S: bits 2:1 are reserved in a
     * PDPTE, Intel SDM Vol. 3A 4.4.1) links PD 0x11000 mapping all 8 MiB in 2 MiB pages (PS = 0x80
     * | P|RW|US), and whose entry 0 links a PD holding one PT, as QEMU's walker leaves it: Accessed
     * (bit 5, 0x20, reserved in a PDPTE and checked only when MOV CR3 loads it) set in both. The
     * loaded CPU holds them: the table ranks first, not refused.
     */
    @Test
    void aPaePdptWithQemusAccessedBitIsJudgedAsTheLoadedCpuHoldsIt() throws IOException {
        Tables t = new Tables(0x80_0000);
        t.put(0x10020, 0x12000 | 0x1 | 0x20).put(0x10020 + 8 * 3, 0x11000 | 0x1 | 0x20);
        for (int i = 0; i < 4; i++) {
            t.put(0x11000 + 8L * (508 + i), 0x20_0000L * i | 0x83);
        }
        t.put(0x12000, 0x13000 | Tables.X86_LINK).put(0x13000, 0x5000 | Tables.X86_LINK);
        Path image = Files.write(dir.resolve("pae.raw"), t.bytes());
        Cli cli = Cli.run("find-roots", "--arch", "i386-pae", image.toString());
        assertEquals(0, cli.status(), cli.err());
        assertEquals("CR3=0x10020", roots(cli)[0], cli.out());
        assertTrue(cli.out().endsWith("proposal: --arch i386-pae --root 0x10020\n"), cli.out());
    }
}
