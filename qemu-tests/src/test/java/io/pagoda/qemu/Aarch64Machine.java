package io.pagoda.qemu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * QEMU's AArch64 virt machine as the judge. It has no {@code info tlb} for ARM and its gdbstub will
 * not write TTBR/TCR/SCTLR, so a boot stub loads them and turns the MMU on; gdb steps through it,
 * reads the registers back (a value QEMU did not take fails loudly) and asks {@code gva2gpa} per
 * address, which runs QEMU's stage-1 walker (target/arm/ptw.c) in the current EL1 regime. {@code
 * -cpu max} has FEAT_LPA and FEAT_LPA2.
 */
final class Aarch64Machine {
    private Aarch64Machine() {}

    static Aarch64Verdict judge(
            String label, MemoryImage tables, Aarch64Regime regime, long[] addresses) {
        return judge(label, tables, regime, addresses, script -> {});
    }

    /**
     * The same, with {@code more} adding gdb commands after the gva2gpa questions (a memory dump,
     * say).
     */
    static Aarch64Verdict judge(
            String label,
            MemoryImage tables,
            Aarch64Regime regime,
            long[] addresses,
            Consumer<GdbScript> more) {
        long ramTop = 0x4000_0000L + (3L << 30);
        if (tables.end() > ramTop) {
            throw new IllegalArgumentException(
                    "the AArch64 image ends at 0x"
                            + Long.toHexString(tables.end())
                            + ", above the 3 GiB of virt RAM (0x40000000..0xffffffff); build tables lower");
        }
        MemoryImage image = new MemoryImage();
        image.putBytes(
                Aarch64BootStub.LOAD_ADDRESS,
                Aarch64BootStub.image(regime.mair(), regime.tcr(), regime.ttbr0(), regime.ttbr1()));
        List<String> machine =
                List.of(
                        "-M",
                        "virt",
                        "-cpu",
                        "max",
                        "-m",
                        "3G",
                        "-device",
                        "loader,addr=0x"
                                + Long.toHexString(Aarch64BootStub.LOAD_ADDRESS)
                                + ",cpu-num=0");
        GdbScript script =
                new GdbScript()
                        .command("stepi " + Aarch64BootStub.STEPS)
                        .section("mair")
                        .command("p/x $MAIR_EL1")
                        .section("tcr")
                        .command("p/x $TCR_EL1")
                        .section("ttbr0")
                        .command("p/x $TTBR0_EL1")
                        .section("ttbr1")
                        .command("p/x $TTBR1_EL1")
                        .section("sctlr")
                        .command("p/x $SCTLR");
        for (int i = 0; i < addresses.length; i++) {
            script.section("gva" + i).monitor("gva2gpa 0x" + Long.toHexString(addresses[i]));
        }
        more.accept(script);
        script.section("end").command("kill");
        Transcript transcript =
                QemuGdbRun.run(
                        label,
                        HostTools.qemuAarch64(),
                        machine,
                        merged(image, tables),
                        HostTools.gdbAarch64(),
                        script);

        Map<String, Long> registers = new LinkedHashMap<>();
        for (String name : List.of("mair", "tcr", "ttbr0", "ttbr1", "sctlr")) {
            registers.put(name, transcript.printedValue(name));
        }
        requireAccepted("MAIR_EL1", regime.mair(), registers.get("mair"), transcript);
        requireAccepted("TCR_EL1", regime.tcr(), registers.get("tcr"), transcript);
        requireAccepted("TTBR0_EL1", regime.ttbr0(), registers.get("ttbr0"), transcript);
        requireAccepted("TTBR1_EL1", regime.ttbr1(), registers.get("ttbr1"), transcript);
        if ((registers.get("sctlr") & 1) == 0) {
            throw new AssertionError(
                    "the boot stub did not turn the MMU on (SCTLR_EL1 = 0x"
                            + Long.toHexString(registers.get("sctlr"))
                            + ")\n"
                            + transcript);
        }
        long[] gpa = new long[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            gpa[i] = transcript.gpa("gva" + i);
        }
        return new Aarch64Verdict(registers, addresses.clone(), gpa, transcript);
    }

    private static MemoryImage merged(MemoryImage stub, MemoryImage tables) {
        return stub.with(tables);
    }

    private static void requireAccepted(
            String name, long written, long held, Transcript transcript) {
        if (held != written) {
            throw new AssertionError(
                    "QEMU did not take "
                            + name
                            + " = 0x"
                            + Long.toHexString(written)
                            + ": it holds 0x"
                            + Long.toHexString(held)
                            + " (a field -cpu max does not implement?)\n"
                            + transcript);
        }
    }
}
