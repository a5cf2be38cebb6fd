package io.pagoda.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pagoda command on real guest memory: a Debian kernel boots under QEMU until it panics for
 * lack of a root file system, by which time it has built its own tables (direct map, kernel image,
 * fixmap, vmemmap; 4 KiB and large leaves, NX, global). QEMU's CR3 (as {@code info registers} shows
 * it), its {@code info tlb} and a {@code dump-guest-memory} core are taken; then {@code pagoda
 * inspect --format qemu} must print {@code info tlb} byte for byte and {@code pagoda translate}
 * agree with {@code gva2gpa} on a sample of mapped and unmapped kernel addresses. The paging mode,
 * so the variant, follows from CR4 and EFER: the amd64 kernel on {@code -cpu max} uses 5-level
 * paging (LA57), with {@code la57=off} 4-level; the 686-pae kernel PAE paging, the 686 kernel
 * 32-bit paging.
 */
class X86LinuxGuestIT {
    private static final Pattern REGISTER = Pattern.compile("\\b(CR3|CR4|EFER)=([0-9a-fA-F]+)");
    private static final long CR4_PAE = 1L << 5;
    private static final long CR4_LA57 = 1L << 12;
    private static final long EFER_LMA = 1L << 10;
    private static final int MAPPED_SAMPLES = 64;
    private static final int HOLE_SAMPLES = 32;

    @ParameterizedTest(name = "{0} kernel, -cpu {1}")
    @CsvSource({
        "amd64, max, x86_64-la57",
        "amd64, 'max,la57=off', x86_64",
        "686-pae, max, i386-pae",
        "686, max, i386"
    })
    void pagodaReadsALinuxGuestsCore(String flavour, String cpu, String expectedVariant) {
        Path kernel = DebianKernel.x86(flavour);
        try (LinuxGuest guest =
                LinuxGuest.bootUntilPanic(
                        expectedVariant,
                        HostTools.qemuX86(),
                        List.of("-M", "pc", "-cpu", cpu, "-m", "256M"),
                        kernel,
                        "console=ttyS0 panic=0" + LinuxGuest.LAYOUT,
                        false)) {
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
            if (cr3 == -1 || cr4 == -1 || efer == -1) {
                throw new AssertionError(
                        "info registers shows no CR3/CR4/EFER\n" + guest.describe());
            }
            boolean longMode = (efer & EFER_LMA) != 0;
            String architecture =
                    longMode
                            ? ((cr4 & CR4_LA57) != 0 ? "x86_64-la57" : "x86_64")
                            : ((cr4 & CR4_PAE) != 0 ? "i386-pae" : "i386");
            if (!architecture.equals(expectedVariant)) {
                throw new AssertionError(
                        "the "
                                + flavour
                                + " kernel on -cpu "
                                + cpu
                                + " runs "
                                + architecture
                                + " paging (CR4 "
                                + Long.toHexString(cr4)
                                + ", EFER "
                                + Long.toHexString(efer)
                                + "), not "
                                + expectedVariant
                                + "\n"
                                + guest.describe());
            }
            List<String> tlb = DumpAgreement.tlbLines(guest.hmp("info tlb"));
            long[] addresses = samples(tlb, longMode);
            long[] gpa = new long[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                gpa[i] = guest.gva2gpa(addresses[i]);
            }
            Path core = guest.dumpGuestMemory();

            AgreementReport report =
                    new AgreementReport(
                            "Linux "
                                    + flavour
                                    + " guest (-cpu "
                                    + cpu
                                    + ", "
                                    + architecture
                                    + ", CR3 "
                                    + PagodaCli.hex(cr3)
                                    + ", CR4 "
                                    + PagodaCli.hex(cr4)
                                    + "): pagoda on QEMU's core vs QEMU");
            report.expect(
                    tlb.size() > 100,
                    "info tlb lists only "
                            + tlb.size()
                            + " leaves: the kernel's tables are not built");
            PagodaCli cli = new PagodaCli(architecture, cr3);
            if (architecture.equals("i386-pae")) {
                PaePdpteAccessed.check(cli, core, cr3, addresses[0], report);
            }
            DumpAgreement.check(cli, core, tlb, addresses, gpa, report);
            report.assertAgreed(guest.describe());
            long holes = Arrays.stream(gpa).filter(pa -> pa < 0).count();
            System.out.println(
                    "[qemu] Linux "
                            + flavour
                            + " guest -cpu "
                            + cpu
                            + " ("
                            + architecture
                            + ", CR3 "
                            + PagodaCli.hex(cr3)
                            + "): pagoda agreed on all "
                            + report.checks()
                            + " checks ("
                            + tlb.size()
                            + " info tlb lines, "
                            + addresses.length
                            + " gva2gpa addresses, "
                            + holes
                            + " unmapped)");
        }
    }

    /**
     * Addresses to ask: inside evenly spread leaves, the page after each 4 KiB leaf that the next
     * leaf does not follow (a hole), the null page, and in long mode two non-canonical addresses
     * (for 4-level paging at least).
     */
    static long[] samples(List<String> tlb, boolean longMode) {
        List<TlbLine> leaves = new ArrayList<>();
        for (String line : tlb) {
            TlbLine parsed = TlbLine.parse(line);
            if (parsed != null) {
                leaves.add(parsed);
            }
        }
        Set<Long> asked = new LinkedHashSet<>();
        int step = Math.max(1, leaves.size() / MAPPED_SAMPLES);
        for (int i = 0; i < leaves.size(); i += step) {
            TlbLine leaf = leaves.get(i);
            asked.add(leaf.virtualAddress() + (leaf.has('P') ? 0x1_2345 : 0x123));
        }
        asked.add(leaves.get(leaves.size() - 1).virtualAddress() + 0x10);
        List<Long> holes = new ArrayList<>();
        for (int i = 0; i + 1 < leaves.size(); i++) {
            TlbLine leaf = leaves.get(i);
            long next = leaf.virtualAddress() + 0x1000;
            if (!leaf.has('P') && leaves.get(i + 1).virtualAddress() != next) {
                holes.add(next + 0x10);
            }
        }
        int holeStep = Math.max(1, holes.size() / HOLE_SAMPLES);
        for (int i = 0; i < holes.size(); i += holeStep) {
            asked.add(holes.get(i));
        }
        asked.add(0L);
        if (longMode) {
            asked.add(0x0100_0000_0000_0000L);
            asked.add(0x8000_0000_0000_0000L);
        }
        return asked.stream().mapToLong(Long::longValue).toArray();
    }
}
