package io.pagoda.qemu;

import static io.pagoda.qemu.AgreementReport.hex;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.Translation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tables built by Pagoda for each x86 variant, judged by QEMU: every present leaf must appear in
 * {@code info tlb} at the same linear address, with the same frame and with letters matching
 * Pagoda's own effective flags; {@code gva2gpa} of an address in every leaf and of every hole must
 * agree with Pagoda's translate() and with its hardware-like PageWalker. In the 64-bit modes QEMU's
 * TCG MMU also reads and writes every one of those addresses (X86MmuProbe, CR0.WP on): faults and
 * error codes must follow Pagoda's rights.
 */
class X86PagodaAgreementIT {
    private static final long TABLE_FRAMES = 0x0100_0000L;
    private static final long TABLE_FRAME_COUNT = 1024;
    private static final long DATA = 0x2000_0000L;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "x86_64,          0x0000001000000000, 0xFFFFFFFF80000000",
        "x86_64-la57,     0x0000900000000000, 0xFF00000000000000",
        "i386,            0x0000000000400000, 0x00000000C0000000",
        "i386-widen-exec, 0x0000000000400000, 0x00000000C0000000",
        "i386-pae,        0x0000000000400000, 0x00000000C0000000",
    })
    void qemuAgreesWithPagoda(String name, String userBase, String kernelBase) {
        Architecture architecture = Architectures.discover().get(name);
        X86Mode mode = modeOf(name);
        SparseMemory memory = new SparseMemory(Math.min(architecture.physicalAddressBits(), 52));
        BitmapFrameAllocator frames =
                new BitmapFrameAllocator(TABLE_FRAMES, TABLE_FRAME_COUNT, 4096);
        PagodaTables tables = new PagodaTables(architecture, 0, memory, frames);
        long user = Long.decode(userBase);
        long kernel = Long.parseUnsignedLong(kernelBase.substring(2), 16);
        boolean longMode = (mode.efer() & X86Mode.EFER_LMA) != 0;
        if (longMode) {
            // the MMU probe's GDT, IDT, code, probe list and results, mapped by Pagoda like
            // everything else
            tables.hierarchy.mapContiguous(
                    0,
                    0,
                    X86MmuProbe.IDENTITY_END,
                    new MappingFlags(
                            MappingAccessRights.parse("rwx-"), MemoryType.WRITE_BACK, false),
                    LeafSizePolicy.PAGES_ONLY);
        }
        tables.runWorkload(user, DATA);
        tables.mapKernelPages(kernel, DATA + 0x10_0000L);

        List<PagodaTables.Present> present =
                new ArrayList<>(tables.present(user, tables.workloadSpan()));
        if (longMode) {
            present.addAll(tables.present(0, X86MmuProbe.IDENTITY_END));
        }
        present.addAll(tables.present(kernel, 16 * tables.geometry().pageSize()));
        List<Long> asked = new ArrayList<>();
        for (PagodaTables.Present p : present) {
            asked.add(p.virtualAddress() + p.length() / 2 + 0x123);
        }
        asked.addAll(tables.holes);
        long[] addresses = asked.stream().mapToLong(Long::longValue).toArray();

        MemoryImage image = new MemoryImage();
        tables.dumpTo(image);
        X86Verdict verdict = X86Machine.judge(name, image, mode, tables.register, addresses);

        AgreementReport report = new AgreementReport(name + ": QEMU " + mode.name() + " vs Pagoda");
        compareTlb(tables, present, verdict, mode, report);
        compareTranslations(tables, architecture, memory, addresses, verdict, report);
        int probed = 0;
        if (longMode) {
            probed = compareMmu(name, tables, image, mode, addresses, report);
        }
        report.assertAgreed(verdict.transcript());
        System.out.println(
                "[qemu] "
                        + name
                        + ": QEMU agreed on all "
                        + report.checks()
                        + " checks ("
                        + present.size()
                        + " leaves in info tlb, "
                        + addresses.length
                        + " gva2gpa addresses, "
                        + probed
                        + " MMU reads/writes)");
    }

    /** Every asked address outside the probe's own pages, read and written by QEMU's MMU. */
    private static int compareMmu(
            String name,
            PagodaTables tables,
            MemoryImage image,
            X86Mode mode,
            long[] addresses,
            AgreementReport report) {
        List<X86MmuProbe.Probe> probes = new ArrayList<>();
        List<X86MmuProbe.Outcome> expected = new ArrayList<>();
        for (long va : addresses) {
            if (Long.compareUnsigned(va, X86MmuProbe.IDENTITY_END) < 0) {
                continue;
            }
            Translation translation = tables.hierarchy.translate(va);
            boolean present = translation.isPresent();
            boolean writable = present && translation.flags().rights().isWritable();
            probes.add(new X86MmuProbe.Probe(va, false));
            expected.add(present ? X86MmuProbe.Outcome.PASSED : X86MmuProbe.Outcome.pageFault(0x0));
            probes.add(new X86MmuProbe.Probe(va, true));
            expected.add(
                    writable
                            ? X86MmuProbe.Outcome.PASSED
                            : X86MmuProbe.Outcome.pageFault(present ? 0x3 : 0x2));
        }
        List<X86MmuProbe.Outcome> outcomes =
                X86MmuProbe.run(name + "-mmu", image, mode, tables.register, probes);
        for (int i = 0; i < probes.size(); i++) {
            X86MmuProbe.Probe probe = probes.get(i);
            X86MmuProbe.Outcome outcome = outcomes.get(i);
            report.expect(
                    outcome.sameAs(expected.get(i)),
                    "MMU "
                            + (probe.write() ? "write " : "read ")
                            + hex(probe.address())
                            + ": "
                            + outcome
                            + ", Pagoda expects "
                            + expected.get(i)
                            + " ("
                            + tables.hierarchy.translate(probe.address())
                            + ")");
            if (outcome.vector() == 14) {
                report.expect(
                        outcome.cr2() == probe.address(),
                        "MMU CR2 " + hex(outcome.cr2()) + " for " + hex(probe.address()));
            }
        }
        return probes.size();
    }

    private static X86Mode modeOf(String name) {
        return switch (name) {
            case "x86_64" -> X86Mode.longMode4();
            case "x86_64-la57" -> X86Mode.longMode5();
            case "i386", "i386-widen-exec" -> X86Mode.legacy32();
            case "i386-pae" -> X86Mode.pae();
            default -> throw new IllegalArgumentException("no x86 paging mode for variant " + name);
        };
    }

    private static void compareTlb(
            PagodaTables tables,
            List<PagodaTables.Present> present,
            X86Verdict verdict,
            X86Mode mode,
            AgreementReport report) {
        report.expect(
                verdict.tlb().size() == present.size(),
                "info tlb lists "
                        + verdict.tlb().size()
                        + " leaves, Pagoda's forEveryEntry "
                        + present.size());
        int last = tables.geometry().lastLevel();
        for (PagodaTables.Present p : present) {
            TlbLine line = verdict.tlbLineAt(p.virtualAddress());
            String where =
                    "leaf "
                            + hex(p.virtualAddress())
                            + " (level "
                            + p.level()
                            + ", raw "
                            + hex(p.raw())
                            + ")";
            if (line == null) {
                report.expect(false, where + ": missing from info tlb");
                continue;
            }
            boolean large = p.level() < last;
            long field = expectedField(mode, p, large);
            report.expect(
                    line.physicalField() == field,
                    where
                            + ": info tlb frame "
                            + hex(line.physicalField())
                            + ", Pagoda "
                            + hex(field)
                            + " (pa "
                            + hex(p.physicalAddress())
                            + ")");
            String bits = TlbLine.lettersOf(p.raw(), large);
            report.expect(
                    line.letters().equals(bits),
                    where
                            + ": info tlb letters "
                            + line.letters()
                            + ", the raw entry Pagoda wrote reads "
                            + bits);

            Translation translation = tables.hierarchy.translate(p.virtualAddress());
            MappingFlags flags = translation.flags();
            report.expect(
                    line.has('P') == large,
                    where + ": 'P' (large page) " + line.has('P') + ", Pagoda level " + p.level());
            report.expect(
                    line.has('W') == flags.rights().isWritable(),
                    where + ": 'W' " + line.has('W') + ", Pagoda " + flags);
            report.expect(
                    line.has('U') == flags.rights().isUserAccessible(),
                    where + ": 'U' " + line.has('U') + ", Pagoda " + flags);
            report.expect(
                    line.has('G') == flags.global(),
                    where + ": 'G' " + line.has('G') + ", Pagoda " + flags);
            report.expect(
                    line.has('X') == (mode.executeDisable() && !flags.rights().isExecutable()),
                    where + ": 'X' (NX) " + line.has('X') + ", Pagoda " + flags);
            boolean cached = !line.has('C') && !line.has('T');
            report.expect(
                    cached == (flags.memoryType() == MemoryType.WRITE_BACK),
                    where
                            + ": PCD/PWT "
                            + (cached ? "clear" : "set")
                            + ", Pagoda memory type "
                            + flags.memoryType());
        }
    }

    /**
     * QEMU's info tlb masks: 4 MiB legacy PDEs lose PSE-36 bits, PAE frames keep XD (bit 63); see
     * X86ReferenceVectorsIT.
     */
    private static long expectedField(X86Mode mode, PagodaTables.Present p, boolean large) {
        if (mode.equals(X86Mode.legacy32())) {
            return large ? p.physicalAddress() & 0xFFC0_0000L : p.physicalAddress();
        }
        if (mode.equals(X86Mode.pae())) {
            return p.physicalAddress() | (p.raw() & (1L << 63));
        }
        return p.physicalAddress();
    }

    private static void compareTranslations(
            PagodaTables tables,
            Architecture architecture,
            SparseMemory memory,
            long[] addresses,
            X86Verdict verdict,
            AgreementReport report) {
        PageWalker walker = new PageWalker(architecture, memory);
        for (long va : addresses) {
            Translation translation = tables.hierarchy.translate(va);
            long pagoda = translation.isPresent() ? translation.physicalAddress() : -1;
            WalkResult walk = walker.walk(va, tables.register);
            long walked = walk.isFault() ? -1 : walk.physicalAddress();
            long qemu = verdict.gpaOf(va);
            report.expect(
                    qemu == pagoda,
                    "gva2gpa "
                            + hex(va)
                            + " = "
                            + (qemu < 0 ? "Unmapped" : hex(qemu))
                            + ", Pagoda translate "
                            + translation);
            report.expect(walked == pagoda, "PageWalker " + walk + " vs translate " + translation);
        }
    }
}
