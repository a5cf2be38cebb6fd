package io.pagoda.qemu;

import static io.pagoda.qemu.AgreementReport.hex;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15's proof by a real MMU: for each variant a layout (identity map plus higher-half kernel,
 * a page-only range, a guard, a user range) goes through {@code pagoda build} exactly as a user
 * runs it; {@code tables.bin} is loaded at the layout's base and the CPU is switched to it with the
 * register values the build wrote to {@code manifest.json} (x86: CR4, EFER, CR3, CR0 through gdb;
 * AArch64: MAIR, TCR, TTBR0, TTBR1 by the boot stub). QEMU must then translate the start, middle
 * and last byte of every mapping to the layout's physical address, and fault on every guard and on
 * the holes just outside each mapping; on x86 {@code info tlb} must list exactly the leaves the
 * manifest counts, each inside a mapping at its frame, with W/U/G/NX as the layout says; in the
 * 64-bit modes QEMU's TCG MMU reads and writes every asked address with the rights the layout
 * gives.
 */
class BootTablesIT {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x86_64", "x86_64-la57", "i386", "i386-pae"})
    void x86TablesTranslateAsLaidOut(String variant) {
        BootLayouts.Layout layout = BootLayouts.x86(variant);
        Built built = build(layout);
        X86Mode mode = modeOf(variant, built.manifest);
        long cr3 = BootLayouts.register(built.manifest, "CR3");
        long[] addresses = asked(layout);
        MemoryImage image = new MemoryImage();
        image.putBytes(layout.base(), built.tables);
        X86Verdict verdict = X86Machine.judge("boot-" + variant, image, mode, cr3, addresses);

        AgreementReport report = new AgreementReport(variant + ": QEMU vs the layout");
        compareTranslations(layout, addresses, verdict::gpaOf, report);
        int leaves = BootLayouts.leafCount(built.manifest);
        report.expect(
                verdict.tlb().size() == leaves,
                "info tlb lists " + verdict.tlb().size() + " leaves, manifest.json " + leaves);
        for (TlbLine line : verdict.tlb()) {
            BootLayouts.Mapping m =
                    layout.mappings().stream()
                            .filter(x -> x.contains(line.virtualAddress()) && !x.guard())
                            .findFirst()
                            .orElse(null);
            if (m == null) {
                report.expect(
                        false,
                        "info tlb leaf "
                                + hex(line.virtualAddress())
                                + " is in no mapping of the layout");
                continue;
            }
            long expected = m.physicalStart() + (line.virtualAddress() - m.virtual());
            report.expect(
                    (line.physicalField() & mode.addressMask()) == expected,
                    "leaf "
                            + hex(line.virtualAddress())
                            + " ("
                            + m.name()
                            + "): frame "
                            + hex(line.physicalField())
                            + ", layout "
                            + hex(expected));
            report.expect(
                    line.has('W') == m.rights().contains("w"),
                    "leaf "
                            + hex(line.virtualAddress())
                            + " W: "
                            + line.letters()
                            + " vs "
                            + m.rights());
            report.expect(
                    line.has('U') == m.rights().contains("u"),
                    "leaf "
                            + hex(line.virtualAddress())
                            + " U: "
                            + line.letters()
                            + " vs "
                            + m.rights());
            report.expect(
                    line.has('G') == m.global(),
                    "leaf "
                            + hex(line.virtualAddress())
                            + " G: "
                            + line.letters()
                            + " vs global "
                            + m.global());
            report.expect(
                    line.has('X') == (mode.executeDisable() && !m.rights().contains("x")),
                    "leaf "
                            + hex(line.virtualAddress())
                            + " NX: "
                            + line.letters()
                            + " vs "
                            + m.rights());
        }
        int probed =
                (mode.efer() & X86Mode.EFER_LMA) != 0
                        ? probeMmu(variant, layout, image, mode, cr3, addresses, report)
                        : 0;
        report.assertAgreed(verdict.transcript());
        System.out.println(
                "[qemu] boot tables "
                        + variant
                        + ": QEMU agreed on all "
                        + report.checks()
                        + " checks ("
                        + layout.mappings().size()
                        + " mappings, "
                        + addresses.length
                        + " gva2gpa addresses, "
                        + verdict.tlb().size()
                        + " info tlb leaves, "
                        + probed
                        + " MMU reads/writes)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aarch64", "aarch64-16k-47", "aarch64-64k-48"})
    void aarch64TablesTranslateAsLaidOut(String variant) {
        BootLayouts.Layout layout = BootLayouts.aarch64(variant);
        Built built = build(layout);
        Aarch64Regime regime =
                new Aarch64Regime(
                        BootLayouts.register(built.manifest, "MAIR_EL1"),
                        BootLayouts.register(built.manifest, "TCR_EL1"),
                        BootLayouts.register(built.manifest, "TTBR0_EL1"),
                        BootLayouts.register(built.manifest, "TTBR1_EL1"));
        long[] addresses = asked(layout);
        MemoryImage image = new MemoryImage();
        image.putBytes(layout.base(), built.tables);
        Aarch64Verdict verdict = Aarch64Machine.judge("boot-" + variant, image, regime, addresses);

        AgreementReport report = new AgreementReport(variant + ": QEMU vs the layout");
        compareTranslations(layout, addresses, verdict::gpaOf, report);
        report.assertAgreed(verdict.transcript());
        System.out.println(
                "[qemu] boot tables "
                        + variant
                        + ": QEMU agreed on all "
                        + report.checks()
                        + " checks ("
                        + layout.mappings().size()
                        + " mappings, "
                        + addresses.length
                        + " gva2gpa addresses; MAIR/TCR/TTBR0/TTBR1 taken as built)");
    }

    /**
     * In the 64-bit modes QEMU's TCG MMU itself reads and writes every asked address (the layouts
     * identity-map the probe's low pages): a mapping reads; it writes only with 'w' (CR0.WP is in
     * the built CR0), else #PF 0x3; a guard or hole faults with #PF 0x0 (read) or 0x2 (write), CR2
     * the address.
     */
    private static int probeMmu(
            String variant,
            BootLayouts.Layout layout,
            MemoryImage image,
            X86Mode mode,
            long cr3,
            long[] addresses,
            AgreementReport report) {
        List<X86MmuProbe.Probe> probes = new ArrayList<>();
        List<X86MmuProbe.Outcome> expected = new ArrayList<>();
        for (long asked : addresses) {
            // the probe accesses 8 bytes: the last byte of a range is probed through the quadword
            // holding it
            long va = asked & -8L;
            if (Long.compareUnsigned(va, X86MmuProbe.IDENTITY_END) < 0) {
                continue;
            }
            BootLayouts.Mapping m =
                    layout.mappings().stream().filter(x -> x.contains(va)).findFirst().orElse(null);
            boolean present = m != null && !m.guard();
            boolean writable = present && m.rights().contains("w");
            probes.add(new X86MmuProbe.Probe(va, false));
            expected.add(present ? X86MmuProbe.Outcome.PASSED : X86MmuProbe.Outcome.pageFault(0x0));
            probes.add(new X86MmuProbe.Probe(va, true));
            expected.add(
                    writable
                            ? X86MmuProbe.Outcome.PASSED
                            : X86MmuProbe.Outcome.pageFault(present ? 0x3 : 0x2));
        }
        List<X86MmuProbe.Outcome> outcomes =
                X86MmuProbe.run("boot-" + variant + "-mmu", image, mode, cr3, probes);
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
                            + ", the layout says "
                            + expected.get(i));
            if (outcome.vector() == 14) {
                report.expect(
                        outcome.cr2() == probe.address(),
                        "MMU CR2 " + hex(outcome.cr2()) + " for " + hex(probe.address()));
            }
        }
        return probes.size();
    }

    private record Built(byte[] tables, String manifest) {}

    /** Runs {@code pagoda build} on the layout's JSON, as a user would. */
    static Built build(BootLayouts.Layout layout) {
        try {
            Path dir = Files.createTempDirectory("pagoda-boot-" + layout.variant() + "-");
            Path json = dir.resolve("layout.json");
            Files.writeString(json, layout.json());
            PagodaCli.run(
                            "build",
                            "--layout",
                            json.toString(),
                            "--out",
                            dir.resolve("out").toString())
                    .requireClean();
            Built built =
                    new Built(
                            Files.readAllBytes(dir.resolve("out/tables.bin")),
                            Files.readString(dir.resolve("out/manifest.json")));
            QemuGdbRun.deleteQuietly(dir);
            return built;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Start, middle and last byte of every mapping; every guard; the page below and above each
     * range when no mapping covers it.
     */
    static long[] asked(BootLayouts.Layout layout) {
        List<Long> asked = new ArrayList<>();
        for (BootLayouts.Mapping m : layout.mappings()) {
            asked.add(m.virtual());
            asked.add(m.virtual() + (m.size() / 2 & -0x1000L) + 0x123);
            asked.add(m.virtual() + m.size() - 1);
            for (long hole : new long[] {m.virtual() - 0x1000, m.virtual() + m.size()}) {
                if (!layout.covers(hole) && !asked.contains(hole)) {
                    asked.add(hole);
                }
            }
        }
        return asked.stream().mapToLong(Long::longValue).toArray();
    }

    private static void compareTranslations(
            BootLayouts.Layout layout,
            long[] addresses,
            LongUnaryOperator qemu,
            AgreementReport report) {
        for (long va : addresses) {
            BootLayouts.Mapping m =
                    layout.mappings().stream().filter(x -> x.contains(va)).findFirst().orElse(null);
            long expected = m == null || m.guard() ? -1 : m.physicalStart() + (va - m.virtual());
            long answer = qemu.applyAsLong(va);
            report.expect(
                    answer == expected,
                    "gva2gpa "
                            + hex(va)
                            + " = "
                            + (answer < 0 ? "Unmapped" : hex(answer))
                            + ", layout "
                            + (expected < 0 ? "unmapped" : hex(expected))
                            + (m == null ? " (a hole)" : " (" + m.name() + ")"));
        }
    }

    /**
     * The mode the built registers select. The CPU itself sets CR0.ET (hardwired to 1) and, when
     * paging comes on with EFER.LME, EFER.LMA; a boot stub writes neither, so they are added here
     * to what QEMU is expected to hold.
     */
    private static X86Mode modeOf(String variant, String manifest) {
        long cr0 = BootLayouts.register(manifest, "CR0") | X86Mode.CR0_ET;
        long cr4 = BootLayouts.register(manifest, "CR4");
        long efer = variant.equals("i386") ? 0 : BootLayouts.register(manifest, "EFER");
        if ((efer & X86Mode.EFER_LME) != 0) {
            efer |= X86Mode.EFER_LMA;
        }
        long mask = variant.equals("i386") ? 0xFFFF_F000L : 0x000F_FFFF_FFFF_F000L;
        return new X86Mode(variant, cr0, cr4, efer, mask);
    }
}
