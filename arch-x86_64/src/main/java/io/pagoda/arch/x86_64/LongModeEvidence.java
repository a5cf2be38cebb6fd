package io.pagoda.arch.x86_64;

import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.CpuRegisters;
import io.pagoda.paging.spi.VariantCandidate;
import java.util.List;
import java.util.Set;

/**
 * Reads which IA-32e paging mode a saved x86 CPU state was in (Intel SDM vol. 3A 4.1.1, table 4-1):
 * CR0.PG=1, CR4.PAE=1 and IA32_EFER.LMA=1 select 4-level paging, and CR4.LA57 then selects 5-level.
 *
 * <p>QEMU's core notes record CR0..CR4 and the segment caches but not EFER. LMA is read from two
 * other facts instead: QEMU writes {@code e_machine} EM_X86_64 exactly when CPU 0 has LMA set (its
 * {@code cpu_get_dump_info}), and a code segment with the L bit (descriptor bit 53, bit 21 of
 * QEMU's flags word) runs only in long mode. Either suffices; a CPU in compatibility mode has CS.L
 * clear, so the machine number is what covers it.
 */
final class LongModeEvidence {
    static final int EM_386 = 3;
    static final int EM_X86_64 = 62;
    static final Set<Integer> MACHINES = Set.of(EM_386, EM_X86_64);
    private static final long CR0_PG = 1L << 31;
    private static final long CR4_PAE = 1L << 5;
    private static final long CR4_LA57 = 1L << 12;
    private static final long CS_L = 1L << 21;

    private LongModeEvidence() {}

    static List<VariantCandidate> candidates(CpuRegisters cpu) {
        if (!MACHINES.contains(cpu.machine())
                || !cpu.has("cr0")
                || !cpu.has("cr3")
                || !cpu.has("cr4")) {
            return List.of();
        }
        long cr0 = cpu.get("cr0").getAsLong();
        long cr4 = cpu.get("cr4").getAsLong();
        boolean codeSegment64 = (cpu.get("cs.flags").orElse(0) & CS_L) != 0;
        boolean machine64 = cpu.machine() == EM_X86_64;
        if ((cr0 & CR0_PG) == 0 || (cr4 & CR4_PAE) == 0 || !(codeSegment64 || machine64)) {
            return List.of();
        }
        PagingMode mode = (cr4 & CR4_LA57) != 0 ? PagingMode.FIVE_LEVEL : PagingMode.FOUR_LEVEL;
        long cr3 = cpu.get("cr3").getAsLong();
        return List.of(
                VariantCandidate.of(
                        mode.architectureName(),
                        cr3,
                        evidenceText(cpu, cr4, cr3, codeSegment64, machine64)));
    }

    /** The sentence a reader of the detection sees: which registers said what. */
    private static String evidenceText(
            CpuRegisters cpu, long cr4, long cr3, boolean codeSegment64, boolean machine64) {
        String longMode =
                codeSegment64 && machine64
                        ? "CS.L=1 and e_machine EM_X86_64"
                        : codeSegment64
                                ? "CS.L=1 (a 64-bit code segment)"
                                : "e_machine EM_X86_64 (QEMU's mark of EFER.LMA on CPU 0)";
        return "CPU "
                + cpu.cpu()
                + " ("
                + cpu.source()
                + "): CR0.PG=1, CR4.PAE=1, CR4.LA57="
                + ((cr4 & CR4_LA57) != 0 ? 1 : 0)
                + ", long mode from "
                + longMode
                + "; CR3="
                + Hex.of(cr3);
    }
}
