package io.pagoda.qemu;

import io.pagoda.paging.image.ImageAccess;
import io.pagoda.paging.image.ImageSegment;
import io.pagoda.paging.image.MappedImageMemory;
import io.pagoda.paging.image.MemoryImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16 on real guests: a Debian kernel boots under QEMU until it panics (see {@link X86LinuxGuestIT}); QEMU's
 * registers ({@code info registers}, gdb for AArch64's system registers) are the truth. Then (1) {@code pagoda
 * translate} without {@code --arch}/{@code --root} must choose the variant and root from the core's notes alone and
 * say so on one line; (2) {@code pagoda find-roots}, which never reads the notes (the registers withheld), must rank
 * the true CR3 / TTBR1 first, for the known variant and among every variant e_machine allows.
 */
class DumpDetectionIT {
    private static final Pattern REGISTER = Pattern.compile("\\b(CR3|CR4|EFER)=([0-9a-fA-F]+)");
    private static final long EFER_LMA = 1L << 10;
    private static final long CR4_PAE = 1L << 5;
    private static final long CR4_LA57 = 1L << 12;

    @ParameterizedTest(name = "{0} kernel, -cpu {1}")
    @CsvSource({"amd64, max, x86_64-la57", "amd64, 'max,la57=off', x86_64", "686-pae, max, i386-pae", "686, max, i386"})
    void x86CoresNameTheirTablesAndFindRootsRanksTheTrueCr3First(String flavour, String cpu, String expectedVariant) {
        Path kernel = DebianKernel.x86(flavour);
        try (LinuxGuest guest = LinuxGuest.bootUntilPanic(expectedVariant, HostTools.qemuX86(),
                List.of("-M", "pc", "-cpu", cpu, "-m", "256M"), kernel, "console=ttyS0 panic=0" + LinuxGuest.LAYOUT, false)) {
            long cr3 = -1;
            long cr4 = -1;
            long efer = -1;
            for (String line : guest.hmp("info registers")) {
                Matcher m = REGISTER.matcher(line);
                while (m.find()) {
                    long value = Long.parseUnsignedLong(m.group(2), 16);
                    switch (m.group(1)) {
                        case "CR3" -> cr3 = value;
                        case "CR4" -> cr4 = value;
                        default -> efer = value;
                    }
                }
            }
            boolean longMode = (efer & EFER_LMA) != 0;
            String truth = longMode ? ((cr4 & CR4_LA57) != 0 ? "x86_64-la57" : "x86_64") : ((cr4 & CR4_PAE) != 0 ? "i386-pae" : "i386");
            if (!truth.equals(expectedVariant)) {
                throw new AssertionError(flavour + " on -cpu " + cpu + " runs " + truth + ", not " + expectedVariant + "\n" + guest.describe());
            }
            Path core = guest.dumpGuestMemory();
            AgreementReport report = new AgreementReport("Linux " + flavour + " guest (-cpu " + cpu + ", " + truth + ", CR3 "
                    + PagodaCli.hex(cr3) + "): variant detection and find-roots on QEMU's core");

            // (1) the notes alone: no --arch, no --root
            PagodaCli.Result detected = PagodaCli.run("translate", core.toString(), "0x0");
            String expectedLine = "pagoda: reading " + truth + " root " + pagodaHex(cr3) + ", chosen by CPU 0 (NT_PRSTATUS + QEMU note): ";
            report.expect(detected.status() == 0, "translate without --arch exited " + detected.status() + ": " + detected.err());
            // the one line of evidence, then only issue 14's warning where QEMU set Accessed in a PAE PDPTE
            report.expect(detected.err().startsWith(expectedLine) && detected.err().lines().skip(1)
                            .allMatch(line -> line.startsWith("pagoda: warning: CR3 entry ") && line.contains("reserved bits the CPU checks only when")),
                    "translate without --arch said\n" + detected.err() + "instead of a line starting\n" + expectedLine);

            // (2) registers withheld: find-roots reads memory only
            if (truth.equals("i386-pae")) {
                int scrubbed = scrubQemuPdpteAccessedBits(core);
                System.out.println("[qemu] cleared QEMU's Accessed bit in " + scrubbed + " PDPTE-shaped entries of the whole image");
            }
            long table = truth.startsWith("x86_64") ? cr3 & 0x000F_FFFF_FFFF_F000L : truth.equals("i386-pae") ? cr3 & 0xFFFF_FFE0L
                    : cr3 & 0xFFFF_F000L;
            long started = System.nanoTime();
            PagodaCli.Result known = PagodaCli.run("find-roots", "--arch", truth, core.toString());
            long knownMillis = (System.nanoTime() - started) / 1_000_000;
            int rank = rankOf(known, "CR3=" + pagodaHex(table));
            report.expect(known.status() == 0, "find-roots --arch " + truth + " exited " + known.status() + ": " + known.err());
            report.expect(rank == 1, "find-roots --arch " + truth + " ranks the true CR3 " + pagodaHex(table) + " at " + rank
                    + " (0: not listed):\n" + known.out());
            started = System.nanoTime();
            PagodaCli.Result any = PagodaCli.run("find-roots", core.toString());
            long anyMillis = (System.nanoTime() - started) / 1_000_000;
            int anyRank = rankOf(any, truth, "CR3=" + pagodaHex(table));
            report.expect(anyRank == 1, "find-roots over every x86 variant ranks " + truth + " CR3 " + pagodaHex(table) + " at "
                    + anyRank + " (0: not listed):\n" + any.out());
            report.assertAgreed(guest.describe());
            System.out.println("[qemu] Linux " + flavour + " guest -cpu " + cpu + " (" + truth + ", CR3 " + PagodaCli.hex(cr3)
                    + "): detected from the core's notes; find-roots ranks the true root " + rank + " of " + listed(known) + " with --arch ("
                    + knownMillis + " ms) and " + anyRank + " of " + listed(any) + " over every x86 variant (" + anyMillis + " ms); "
                    + report.checks() + " checks");
        }
    }

    @Test
    void anAarch64CoreHoldsNoTranslationRegistersAndFindRootsRanksTheTrueTtbr1First() {
        Path kernel = DebianKernel.arm64();
        try (LinuxGuest guest = LinuxGuest.bootUntilPanic("arm64", HostTools.qemuAarch64(),
                List.of("-M", "virt", "-cpu", "cortex-a57", "-m", "512M"), kernel, "console=ttyAMA0 panic=0" + LinuxGuest.LAYOUT, true)) {
            Transcript registers = guest.gdb(HostTools.gdbAarch64(), new GdbScript()
                    .section("ttbr0").command("p/x $TTBR0_EL1")
                    .section("ttbr1").command("p/x $TTBR1_EL1")
                    .section("tcr").command("p/x $TCR_EL1")
                    .section("end").command("detach"));
            long ttbr0 = registers.printedValue("ttbr0");
            long ttbr1 = registers.printedValue("ttbr1");
            long tcr = registers.printedValue("tcr");
            Path core = guest.dumpGuestMemory();
            AgreementReport report = new AgreementReport("Linux arm64 guest (TTBR0 " + PagodaCli.hex(ttbr0) + ", TTBR1 "
                    + PagodaCli.hex(ttbr1) + ", TCR " + PagodaCli.hex(tcr) + "): variant detection and find-roots on QEMU's core");

            // (1) QEMU's AArch64 notes hold no system register: reading needs --arch/--root or find-roots, and says so
            PagodaCli.Result detected = PagodaCli.run("inspect", core.toString());
            report.expect(detected.status() == 2 && detected.out().isEmpty() && detected.err().lines().count() == 1
                    && detected.err().startsWith("pagoda: CPU 0 of " + core + " (NT_PRSTATUS) records nothing that names the page tables"),
                    "inspect without --arch on an arm64 core exited " + detected.status() + " saying\n" + detected.err());

            // (2) registers withheld: the kernel's 4 KiB-granule, 48-bit tables ("aarch64"), TTBR1's table address in bits 47:1
            long table = ttbr1 & 0x0000_FFFF_FFFF_FFFEL;
            long started = System.nanoTime();
            PagodaCli.Result known = PagodaCli.run("find-roots", "--arch", "aarch64", core.toString());
            long knownMillis = (System.nanoTime() - started) / 1_000_000;
            int rank = rankOf(known, "TTBR1_EL1=" + pagodaHex(table));
            report.expect(known.status() == 0, "find-roots --arch aarch64 exited " + known.status() + ": " + known.err());
            report.expect(rank == 1, "find-roots --arch aarch64 ranks the true TTBR1 " + pagodaHex(table) + " at " + rank
                    + " (0: not listed):\n" + known.out());
            String proposal = known.lines().isEmpty() ? "" : known.lines().get(known.lines().size() - 1);
            report.expect(proposal.contains("--root-upper " + pagodaHex(ttbr1)), "the proposal does not name TTBR1: " + proposal);
            started = System.nanoTime();
            PagodaCli.Result any = PagodaCli.run("find-roots", core.toString());
            long anyMillis = (System.nanoTime() - started) / 1_000_000;
            int anyRank = rankOf(any, "aarch64", "TTBR1_EL1=" + pagodaHex(table));
            report.expect(anyRank == 1, "find-roots over every AArch64 variant ranks aarch64 TTBR1 " + pagodaHex(table) + " at "
                    + anyRank + " (0: not listed):\n" + any.out());
            report.assertAgreed(guest.describe());
            System.out.println("[qemu] Linux arm64 guest (TTBR1 " + PagodaCli.hex(ttbr1) + "): notes name no tables (exit 2, as documented); "
                    + "find-roots ranks the true TTBR1 " + rank + " of " + listed(known) + " with --arch aarch64 (" + knownMillis + " ms) and "
                    + anyRank + " of " + listed(any) + " over every AArch64 variant (" + anyMillis + " ms); " + proposal + "; "
                    + report.checks() + " checks");
        }
    }

    /** Pagoda's hex: 0x, upper case, digits grouped by four past 32 bits (io.pagoda.paging.Hex). */
    private static String pagodaHex(long value) {
        return io.pagoda.paging.Hex.of(value);
    }

    /** The rank (1-based) of the row whose ROOT column is {@code root} (and VARIANT {@code variant}); 0 when absent. */
    private static int rankOf(PagodaCli.Result result, String root) {
        return rankOf(result, null, root);
    }

    private static int rankOf(PagodaCli.Result result, String variant, String root) {
        for (String line : result.lines()) {
            String[] words = line.trim().split("\\s+");
            if (words.length > 3 && words[0].matches("\\d+") && words[2].equals(root) && (variant == null || words[1].equals(variant))) {
                return Integer.parseInt(words[0]);
            }
        }
        return 0;
    }

    private static long listed(PagodaCli.Result result) {
        return result.lines().stream().filter(l -> l.matches("\\d+\\s.*")).count();
    }

    /**
     * QEMU's TCG walker sets the Accessed bit (5) in the PAE PDPTEs it walks, where the hardware reserves it
     * ({@link PaePdpteAccessed}); a PDPT so marked would #GP on MOV CR3, so find-roots rightly refuses it. To judge
     * the ranking without telling it the answer, the bit is cleared alike in every 32-byte group of the image shaped
     * like a PDPT (each entry zero, or present with no reserved bit but A), not only at CR3.
     */
    private static int scrubQemuPdpteAccessedBits(Path core) {
        long reserved = 0xFFF0_0000_0000_01E6L;
        long accessed = 1L << 5;
        int cleared = 0;
        try {
            Files.setPosixFilePermissions(core, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (MappedImageMemory memory = MemoryImages.open(core, OptionalLong.empty(), ImageAccess.READ_WRITE)) {
            for (ImageSegment segment : memory.segments()) {
                long end = segment.physicalStart() + segment.fileLength();
                for (long group = (segment.physicalStart() + 31) & -32L; group + 32 <= end && group < 0x1_0000_0000L; group += 32) {
                    boolean shaped = true;
                    boolean marked = false;
                    for (int i = 0; i < 4 && shaped; i++) {
                        long entry = memory.readLong(group + 8L * i);
                        if (entry != 0) {
                            shaped = (entry & 1) != 0 && (entry & reserved & ~accessed) == 0;
                            marked |= (entry & accessed) != 0;
                        }
                    }
                    if (shaped && marked) {
                        for (int i = 0; i < 4; i++) {
                            long entry = memory.readLong(group + 8L * i);
                            if ((entry & accessed) != 0) {
                                memory.writeLong(group + 8L * i, entry & ~accessed);
                                cleared++;
                            }
                        }
                    }
                }
            }
        }
        return cleared;
    }
}
