package io.pagoda.qemu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * QEMU's x86-64 system emulator as the judge: tables go into guest RAM raw, the paging mode is set
 * through the gdbstub's control registers (each write read back, so a bit QEMU refuses fails
 * loudly), then {@code info tlb} and {@code gva2gpa} report what QEMU makes of them. {@code -cpu
 * max} gives PSE-36, 1 GiB pages, NX and LA57. Both answers come from QEMU's monitor and debug
 * walkers, which follow the same address arithmetic as its TCG MMU but check no reserved bit (see
 * X86ReferenceVectorsIT): they judge addresses, sizes and bits, not reserved-bit faults.
 */
final class X86Machine {
    /**
     * Remote register numbers of cr0, cr3, cr4 and efer in QEMU's x86-64 gdbstub layout
     * (i386-64bit.xml).
     */
    private static final int CR0 = 27;

    private static final int CR3 = 29;
    private static final int CR4 = 30;
    private static final int EFER = 32;

    private X86Machine() {}

    static X86Verdict judge(
            String label, MemoryImage image, X86Mode mode, long cr3, long[] addresses) {
        List<String> machine =
                List.of("-M", "pc", "-cpu", "max", "-m", (ramBytes(image.end()) >>> 20) + "M");
        GdbScript script =
                new GdbScript()
                        .writeRegister(CR4, mode.cr4())
                        .writeRegister(EFER, mode.efer())
                        .writeRegister(CR3, cr3)
                        .writeRegister(CR0, mode.cr0())
                        .section("cr0")
                        .readRegister(CR0)
                        .section("cr3")
                        .readRegister(CR3)
                        .section("cr4")
                        .readRegister(CR4)
                        .section("efer")
                        .readRegister(EFER)
                        .section("tlb")
                        .monitor("info tlb");
        for (int i = 0; i < addresses.length; i++) {
            script.section("gva" + i).monitor("gva2gpa 0x" + Long.toHexString(addresses[i]));
        }
        script.section("end").command("kill");
        Transcript transcript =
                QemuGdbRun.run(
                        label, HostTools.qemuX86(), machine, image, HostTools.gdbX86(), script);

        Map<String, Long> registers = new LinkedHashMap<>();
        for (String name : List.of("cr0", "cr3", "cr4", "efer")) {
            registers.put(name, transcript.packetValue(name));
        }
        requireAccepted("cr0", mode.cr0(), registers, transcript);
        requireAccepted("cr3", cr3, registers, transcript);
        requireAccepted("cr4", mode.cr4(), registers, transcript);
        requireAccepted("efer", mode.efer(), registers, transcript);

        List<TlbLine> tlb = new ArrayList<>();
        for (String line : transcript.section("tlb")) {
            TlbLine parsed = TlbLine.parse(line);
            if (parsed != null) {
                tlb.add(parsed);
            }
        }
        long[] gpa = new long[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            gpa[i] = transcript.gpa("gva" + i);
        }
        return new X86Verdict(registers, tlb, addresses.clone(), gpa, transcript);
    }

    /**
     * Guest RAM that holds every image page. The pc machine keeps RAM below 3 GiB when it has 3.5
     * GiB or more, and puts the rest at 4 GiB, so an image above 4 GiB needs 3 GiB plus its part
     * above 4 GiB.
     */
    private static long ramBytes(long imageEnd) {
        long slack = 64L << 20;
        if (imageEnd <= 0xB000_0000L) {
            return Math.max(256L << 20, imageEnd + slack);
        }
        if (imageEnd <= 0x1_0000_0000L) {
            throw new IllegalArgumentException(
                    "an x86 image cannot lie in 0xb0000000..0xffffffff: the pc machine has its PCI hole there");
        }
        return 0xC000_0000L + (imageEnd - 0x1_0000_0000L) + slack;
    }

    private static void requireAccepted(
            String name, long written, Map<String, Long> registers, Transcript transcript) {
        long held = registers.get(name);
        if (held != written) {
            throw new AssertionError(
                    "QEMU did not accept "
                            + name
                            + " = 0x"
                            + Long.toHexString(written)
                            + ": it holds 0x"
                            + Long.toHexString(held)
                            + " (a feature missing from -cpu max?)\n"
                            + transcript);
        }
    }
}
