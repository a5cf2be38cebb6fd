package io.pagoda.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pagoda command on real guest memory: Debian's x86-64 kernel boots under QEMU until it panics for lack of
 * a root file system, by which time it has built its own tables (direct map, kernel image, fixmap, vmemmap,
 * with 4 KiB, 2 MiB and 1 GiB leaves, NX, global, PCID in CR3 when the CPU has it). QEMU's CR3 (as
 * {@code info registers} shows it), its {@code info tlb} and a {@code dump-guest-memory} core are taken; then
 * {@code pagoda inspect --format qemu} must print {@code info tlb} byte for byte and {@code pagoda translate} agree
 * with {@code gva2gpa} on a sample of mapped and unmapped kernel addresses. With {@code -cpu max} the kernel
 * uses 5-level paging (LA57); with {@code la57=off}, 4-level.
 */
class X86LinuxGuestIT {
    private static final Pattern REGISTER = Pattern.compile("\\b(CR3|CR4|EFER)=([0-9a-fA-F]+)");
    private static final long CR4_LA57 = 1L << 12;
    private static final long EFER_LMA = 1L << 10;
    private static final int MAPPED_SAMPLES = 64;
    private static final int HOLE_SAMPLES = 32;

    @ParameterizedTest(name = "-cpu {0}")
    @CsvSource({"max", "'max,la57=off'"})
    void pagodaReadsALinuxGuestsCore(String cpu) {
        Path kernel = DebianKernel.amd64();
        String label = cpu.contains("la57=off") ? "4level" : "5level";
        try (LinuxGuest guest = LinuxGuest.bootUntilPanic(label, HostTools.qemuX86(),
                List.of("-M", "pc", "-cpu", cpu, "-m", "256M"), kernel, "console=ttyS0 panic=0 nokaslr", false)) {
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
            if (cr3 == -1 || cr4 == -1 || efer == -1 || (efer & EFER_LMA) == 0) {
                throw new AssertionError("info registers shows no long-mode CR3/CR4/EFER: CR3 " + Long.toHexString(cr3) + " CR4 "
                        + Long.toHexString(cr4) + " EFER " + Long.toHexString(efer) + "\n" + guest.describe());
            }
            String architecture = (cr4 & CR4_LA57) != 0 ? "x86_64-la57" : "x86_64";
            List<String> tlb = DumpAgreement.tlbLines(guest.hmp("info tlb"));
            long[] addresses = samples(tlb);
            long[] gpa = new long[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                gpa[i] = guest.gva2gpa(addresses[i]);
            }
            Path core = guest.dumpGuestMemory();

            AgreementReport report = new AgreementReport("Linux guest (-cpu " + cpu + ", " + architecture + ", CR3 "
                    + PagodaCli.hex(cr3) + ", CR4 " + PagodaCli.hex(cr4) + "): pagoda on QEMU's core vs QEMU");
            report.expect(tlb.size() > 100, "info tlb lists only " + tlb.size() + " leaves: the kernel's tables are not built");
            DumpAgreement.check(new PagodaCli(architecture, cr3), core, tlb, addresses, gpa, report);
            report.assertAgreed(guest.describe());
            long holes = java.util.Arrays.stream(gpa).filter(pa -> pa < 0).count();
            System.out.println("[qemu] Linux guest -cpu " + cpu + " (" + architecture + ", CR3 " + PagodaCli.hex(cr3)
                    + "): pagoda agreed on all " + report.checks() + " checks (" + tlb.size() + " info tlb lines, "
                    + addresses.length + " gva2gpa addresses, " + holes + " unmapped)");
        }
    }

    /**
     * Addresses to ask: inside evenly spread leaves, the page after each 4 KiB leaf that the next leaf does not
     * follow (a hole), the null page and two non-canonical addresses (for 4-level paging at least).
     */
    static long[] samples(List<String> tlb) {
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
        asked.add(0x0100_0000_0000_0000L);
        asked.add(0x8000_0000_0000_0000L);
        return asked.stream().mapToLong(Long::longValue).toArray();
    }
}
