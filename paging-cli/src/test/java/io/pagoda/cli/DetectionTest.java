package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: inspect and translate choose the variant and root from an ELF core's notes when
 * --arch/--root are left out. Register values are those of real guests (CR0 0x80050033 =
 * PG|AM|WP|NE|ET|MP|PE; CR4.PAE bit 5, CR4.LA57 bit 12; a 64-bit code segment's flags 0x00AF9B00, a
 * 32-bit one's 0x00CF9B00: Intel SDM vol. 3A 2.5, 3.4.5); the tables are written entry by entry
 * from the hardware reference.
 */
class DetectionTest {
    private static final long CR0 = 0x80050033L;
    private static final long CR4_PAE = 0x6A0L;
    private static final long CR4_LA57 = CR4_PAE | (1L << 12);
    private static final long CS64 = 0x00AF9B00L;
    private static final long CS32 = 0x00CF9B00L;

    @TempDir Path dir;

    /**
     * x86-64 4-level: PML4 at 0x1000 ... PT at 0x4000 whose entry 1 maps VA 0x1000 to PA 0x7000.
     */
    private static byte[] fourLevel() {
        return new Tables(0x8000)
                .put(0x1000, 0x2000 | Tables.X86_LINK)
                .put(0x2000, 0x3000 | Tables.X86_LINK)
                .put(0x3000, 0x4000 | Tables.X86_LINK)
                .put(0x4000 + 8, 0x7000 | Tables.X86_LINK)
                .bytes();
    }

    /** The same under a PML5 at 0x5000. */
    private static byte[] fiveLevel() {
        byte[] bytes = fourLevel();
        ByteBuffer.wrap(bytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(0x5000, 0x1000 | Tables.X86_LINK);
        return bytes;
    }

    /**
     * 32-bit paging: PD at 0x1000 (4-byte entries), PT at 0x2000 whose entry 1 maps VA 0x1000 to PA
     * 0x7000.
     */
    private static byte[] legacy() {
        ByteBuffer b = ByteBuffer.allocate(0x8000).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x1000, 0x2000 | 0x7);
        b.putInt(0x2000 + 4, 0x7000 | 0x7);
        return b.array();
    }

    /**
     * PAE: PDPT at 0x1020 (PDPTEs hold P only), PD at 0x2000, PT at 0x3000 whose entry 1 maps VA
     * 0x1000 to PA 0x7000.
     */
    private static byte[] pae() {
        return new Tables(0x8000)
                .put(0x1020, 0x2000 | 0x1)
                .put(0x2000, 0x3000 | Tables.X86_LINK)
                .put(0x3000 + 8, 0x7000 | Tables.X86_LINK)
                .bytes();
    }

    private Path core(int machine, byte[] memory, long cr3, long cr4, long cs) throws IOException {
        return new CoreWriter(machine)
                .qemuCpu(CR0, cr3, cr4, cs)
                .load(0, memory)
                .write(dir.resolve("core.elf"));
    }

    private static void assertChosen(Cli cli, String variant, String root, String... evidence) {
        assertEquals(0, cli.status(), cli.err());
        assertEquals("0x1234 0x7234\n", cli.out());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(
                cli.err()
                        .startsWith(
                                "pagoda: reading "
                                        + variant
                                        + " root "
                                        + root
                                        + ", chosen by CPU 0 (QEMU note): "),
                cli.err());
        for (String part : evidence) {
            assertTrue(cli.err().contains(part), cli.err());
        }
    }

    @Test
    void fourLevelFromALongModeCore() throws IOException {
        Path core = core(62, fourLevel(), 0x1000, CR4_PAE, CS64);
        assertChosen(
                Cli.run("translate", core.toString(), "0x1234"),
                "x86_64",
                "0x1000",
                "CR4.LA57=0",
                "CS.L=1 and e_machine EM_X86_64");
    }

    @Test
    void fiveLevelFromLa57() throws IOException {
        Path core = core(62, fiveLevel(), 0x5000, CR4_LA57, CS64);
        assertChosen(
                Cli.run("translate", core.toString(), "0x1234"),
                "x86_64-la57",
                "0x5000",
                "CR4.LA57=1");
    }

    @Test
    void legacyAndPaeFromA32BitCore() throws IOException {
        assertChosen(
                Cli.run("translate", core(3, legacy(), 0x1000, 0x690, CS32).toString(), "0x1234"),
                "i386",
                "0x1000",
                "CR4.PAE=0");
        assertChosen(
                Cli.run("translate", core(3, pae(), 0x1020, 0x6B0, CS32).toString(), "0x1234"),
                "i386-pae",
                "0x1020",
                "CR4.PAE=1");
    }

    @Test
    void inspectPrintsTheSameChoiceAndWalks() throws IOException {
        Cli cli = Cli.run("inspect", core(62, fourLevel(), 0x1000, CR4_PAE, CS64).toString());
        assertEquals(0, cli.status(), cli.err());
        assertTrue(cli.err().startsWith("pagoda: reading x86_64 root 0x1000"), cli.err());
        assertTrue(
                cli.out().contains("0x0000000000001000-0x0000000000002000")
                        && cli.out().contains("0x0000000000007000"),
                cli.out());
    }

    @Test
    void cpuPicksAVcpuAndAMissingOneIsAUserError() throws IOException {
        Path core =
                new CoreWriter(62)
                        .qemuCpu(CR0, 0x9000, CR4_PAE, CS64)
                        .qemuCpu(CR0, 0x1000, CR4_PAE, CS64)
                        .load(0, fourLevel())
                        .write(dir.resolve("two.elf"));
        Cli second = Cli.run("translate", "--cpu", "1", core.toString(), "0x1234");
        assertEquals("0x1234 0x7234\n", second.out(), second.err());
        assertTrue(second.err().contains("chosen by CPU 1"), second.err());
        Cli third = Cli.run("translate", "--cpu", "2", core.toString(), "0x1234");
        assertEquals(2, third.status());
        assertEquals("", third.out());
        assertEquals(
                "pagoda: --cpu 2: " + core + " records 2 vCPUs, numbered from 0\n", third.err());
    }

    @Test
    void disagreeingEvidenceIsRefusedListingTheCandidates() throws IOException {
        Path core =
                new CoreWriter(62)
                        .pagoda("arch=i386-pae\nroot=0x1020\n")
                        .qemuCpu(CR0, 0x1000, CR4_PAE, CS64)
                        .load(0, fourLevel())
                        .write(dir.resolve("rivals.elf"));
        Cli cli = Cli.run("translate", core.toString(), "0x1234");
        assertEquals(2, cli.status());
        assertEquals("", cli.out());
        assertEquals(1, cli.err().lines().count(), cli.err());
        assertTrue(
                cli.err()
                        .startsWith(
                                "pagoda: the core points to 2 different tables: i386-pae root 0x1020 (the core's PAGODA note"),
                cli.err());
        assertTrue(cli.err().contains("; x86_64 root 0x1000 (CPU 0"), cli.err());
        assertTrue(cli.err().contains("choose one with --arch"), cli.err());
        // naming the variant settles it, and the root comes from the evidence for that variant
        Cli settled = Cli.run("translate", "--arch", "x86_64", core.toString(), "0x1234");
        assertEquals("0x1234 0x7234\n", settled.out(), settled.err());
    }

    @Test
    void agreeingEvidenceIsOneCandidate() throws IOException {
        Path core =
                new CoreWriter(62)
                        .pagoda("arch=x86_64\nroot=0x1000\n")
                        .qemuCpu(CR0, 0x1000, CR4_PAE, CS64)
                        .load(0, fourLevel())
                        .write(dir.resolve("agree.elf"));
        Cli cli = Cli.run("translate", core.toString(), "0x1234");
        assertEquals("0x1234 0x7234\n", cli.out(), cli.err());
        assertTrue(cli.err().contains("PAGODA note") && cli.err().contains("and CPU 0"), cli.err());
    }

    @Test
    void thePagodaNoteAloneNamesAnyVariant() throws IOException {
        TestImages images = TestImages.scenario();
        Path core =
                new CoreWriter(0)
                        .pagoda(
                                "arch=toy-cli\nroot="
                                        + "0x"
                                        + Long.toHexString(TestImages.ROOT)
                                        + "\n")
                        .load(TestImages.POOL, images.poolBytes())
                        .write(dir.resolve("toy.elf"));
        Cli cli = Cli.run("translate", core.toString(), "0x400010");
        assertEquals("0x400010 0x200010\n", cli.out(), cli.err());
        assertTrue(
                cli.err()
                        .startsWith(
                                "pagoda: reading toy-cli root 0x100000, chosen by the core's PAGODA note"),
                cli.err());
    }

    @Test
    void whatCannotBeDetectedIsOneLineNamingTheWayOut() throws IOException {
        Path raw = Files.write(dir.resolve("raw.img"), fourLevel());
        Cli rawCli = Cli.run("inspect", raw.toString());
        assertEquals(2, rawCli.status());
        assertEquals(
                "pagoda: "
                        + raw
                        + " is a raw image, which records no CPU state: give --arch and --root "
                        + "('pagoda find-roots IMAGE' proposes roots)\n",
                rawCli.err());

        // AArch64 NT_PRSTATUS: 112 bytes of header, x0..x30, sp, pc, pstate, fpvalid and padding:
        // no system registers
        Path arm =
                new CoreWriter(183)
                        .note("CORE", 1, new byte[392])
                        .load(0, fourLevel())
                        .write(dir.resolve("arm.elf"));
        Cli armCli = Cli.run("inspect", arm.toString());
        assertEquals(2, armCli.status());
        assertTrue(
                armCli.err()
                        .startsWith(
                                "pagoda: CPU 0 of "
                                        + arm
                                        + " (NT_PRSTATUS) records nothing that names the page tables"),
                armCli.err());

        Path pagingOff =
                new CoreWriter(3)
                        .qemuCpu(0x60000010L, 0, 0, 0x009B00)
                        .load(0, fourLevel())
                        .write(dir.resolve("off.elf"));
        assertEquals(2, Cli.run("inspect", pagingOff.toString()).status());

        Path noNotes = new CoreWriter(62).load(0, fourLevel()).write(dir.resolve("bare.elf"));
        Cli bare = Cli.run("inspect", noNotes.toString());
        assertEquals(2, bare.status());
        assertTrue(bare.err().contains("records no vCPU registers"), bare.err());
    }

    @Test
    void anArchOfAnotherMachineThanTheCoreIsRefusedEvenWithoutRoot() throws IOException {
        Path core = core(62, fourLevel(), 0x1000, CR4_PAE, CS64);
        Cli cli = Cli.run("inspect", "--arch", "aarch64", core.toString());
        assertEquals(2, cli.status());
        assertTrue(
                cli.err()
                        .startsWith(
                                "pagoda: "
                                        + core
                                        + " is a core of an x86 machine (e_machine 62, EM_X86_64)"),
                cli.err());
    }

    @Test
    void explicitArchAndRootStillWinAndPrintNoChoice() throws IOException {
        Path core = core(62, fourLevel(), 0x9000, CR4_PAE, CS64);
        Cli cli =
                Cli.run(
                        "translate",
                        "--arch",
                        "x86_64",
                        "--root",
                        "0x1000",
                        core.toString(),
                        "0x1234");
        assertEquals("0x1234 0x7234\n", cli.out());
        assertEquals("", cli.err());
    }
}
