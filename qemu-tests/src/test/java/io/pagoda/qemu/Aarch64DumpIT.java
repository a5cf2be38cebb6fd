package io.pagoda.qemu;

import static io.pagoda.qemu.AgreementReport.hex;

import io.pagoda.arch.aarch64.Aarch64Architecture;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TranslationRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pagoda command on QEMU's memory dumps of every AArch64 variant: the Aarch64PagodaAgreementIT
 * tables (TTBR0 workload, TTBR1 kernel pages) run under the boot stub, QEMU dumps the table area
 * ({@code dump-guest-memory FILE BEGIN LENGTH}, an ELF core of just those frames), and {@code
 * pagoda translate --root TTBR0 --root-upper TTBR1 --tcr TCR_EL1} with the values QEMU holds must
 * agree with {@code gva2gpa} on every leaf and hole; every {@code inspect} format must run cleanly
 * and the ranges cover every leaf.
 */
class Aarch64DumpIT {
    private static final long TABLE_FRAMES = 0x8000_0000L;
    private static final long TABLE_AREA = 16L << 20;
    private static final long DATA = 0x3000_0000L;

    @TempDir Path work;

    static Stream<String> variants() {
        return Aarch64PagodaAgreementIT.variants();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void pagodaReadsQemusCore(String name) throws Exception {
        Architecture architecture = Architectures.discover().get(name);
        TranslationRoot lower = architecture.roots().get(0);
        TranslationRoot upper = architecture.roots().get(1);
        long frameSize =
                Math.max(
                        Math.max(
                                lower.geometry().largestTableBytes(),
                                upper.geometry().largestTableBytes()),
                        lower.geometry().pageSize());
        SparseMemory memory = new SparseMemory(architecture.physicalAddressBits());
        BitmapFrameAllocator frames =
                new BitmapFrameAllocator(TABLE_FRAMES, TABLE_AREA / frameSize, frameSize);
        PagodaTables user = new PagodaTables(architecture, 0, memory, frames);
        PagodaTables kernel = new PagodaTables(architecture, 1, memory, frames);
        long userBase = 1L << (lower.canonicalForm().bits() - 2);
        user.runWorkload(userBase, DATA);
        long kernelBase = upper.canonicalForm().virtual(1L << (upper.canonicalForm().bits() - 2));
        kernel.mapKernelPages(
                kernelBase, Aarch64PagodaAgreementIT.highBits(architecture) | (DATA + 0x100_0000L));

        List<PagodaTables.Present> present =
                new ArrayList<>(user.present(userBase, user.workloadSpan()));
        present.addAll(kernel.present(kernelBase, 16 * upper.geometry().pageSize()));
        List<Long> asked = new ArrayList<>();
        List<Long> leaves = new ArrayList<>();
        for (PagodaTables.Present p : present) {
            leaves.add(p.virtualAddress());
            asked.add(p.virtualAddress());
            asked.add(p.virtualAddress() + p.length() / 2 + 0x123);
        }
        asked.addAll(user.holes);
        asked.addAll(kernel.holes);
        asked.add(
                lower.canonicalForm().virtual(0)
                        + lower.geometry().linearSpan()); // between the halves
        long[] addresses = asked.stream().mapToLong(Long::longValue).distinct().toArray();

        MemoryImage image = new MemoryImage();
        user.dumpTo(image);
        long tcr =
                Aarch64Regime.tcr(
                        lower.geometry().pageSize(),
                        lower.canonicalForm().bits(),
                        upper.geometry().pageSize(),
                        upper.canonicalForm().bits(),
                        Aarch64PagodaAgreementIT.ips(architecture.physicalAddressBits()),
                        Aarch64PagodaAgreementIT.needsDs(architecture));
        long mair =
                architecture instanceof Aarch64Architecture a
                        ? a.memoryAttributeRegister()
                        : Aarch64Regime.MAIR;
        Path core = work.resolve(name + ".elf");
        Aarch64Verdict verdict =
                Aarch64Machine.judge(
                        name + "-dump",
                        image,
                        new Aarch64Regime(mair, tcr, user.register, kernel.register),
                        addresses,
                        script ->
                                script.command("set remotetimeout 60")
                                        .section("dump")
                                        .monitor(
                                                "dump-guest-memory "
                                                        + core
                                                        + " 0x"
                                                        + Long.toHexString(TABLE_FRAMES)
                                                        + " 0x"
                                                        + Long.toHexString(TABLE_AREA)));
        if (!Files.isRegularFile(core)) {
            throw new AssertionError(
                    "QEMU wrote no ELF core at " + core + "\n" + verdict.transcript());
        }
        long ttbr0 = verdict.registers().get("ttbr0");
        long ttbr1 = verdict.registers().get("ttbr1");
        long heldTcr = verdict.registers().get("tcr");
        long[] gpa = new long[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            gpa[i] = verdict.gpaOf(addresses[i]);
        }

        PagodaCli cli =
                new PagodaCli(
                        name,
                        ttbr0,
                        "--root-upper",
                        PagodaCli.hex(ttbr1),
                        "--tcr",
                        PagodaCli.hex(heldTcr));
        AgreementReport report =
                new AgreementReport(
                        name
                                + ": pagoda on QEMU's core (TTBR0 "
                                + hex(ttbr0)
                                + ", TTBR1 "
                                + hex(ttbr1)
                                + ", TCR_EL1 "
                                + hex(heldTcr)
                                + ") vs gva2gpa");
        DumpAgreement.compareTranslations(cli, core, addresses, gpa, report);
        PagodaCli.Result qemuFormat = cli.inspect("qemu", core);
        DumpAgreement.expectClean(cli, qemuFormat, report);
        report.expect(
                qemuFormat.lines().size() == present.size(),
                "pagoda --format qemu lists "
                        + qemuFormat.lines().size()
                        + " leaves, Pagoda mapped "
                        + present.size());
        DumpAgreement.checkRangesAndJson(cli, core, leaves, report);
        report.assertAgreed(verdict.transcript());
        System.out.println(
                "[qemu] "
                        + name
                        + ": pagoda on QEMU's core agreed on all "
                        + report.checks()
                        + " checks ("
                        + present.size()
                        + " leaves, "
                        + addresses.length
                        + " gva2gpa addresses)");
    }
}
