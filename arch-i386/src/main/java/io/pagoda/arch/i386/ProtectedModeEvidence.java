package io.pagoda.arch.i386;

import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.CpuRegisters;
import io.pagoda.paging.spi.VariantCandidate;
import java.util.List;
import java.util.Set;

/**
 * Reads which 32-bit paging mode a saved x86 CPU state was in (Intel SDM vol. 3A 4.1.1, table 4-1):
 * CR0.PG=1 outside long mode is 32-bit paging with CR4.PAE=0 ({@code i386}) and PAE paging with
 * CR4.PAE=1 ({@code i386-pae}). QEMU's notes lack EFER; long mode shows as {@code e_machine}
 * EM_X86_64 (QEMU writes it when CPU 0 has EFER.LMA) or as a code segment with the L bit, and
 * either rules these variants out.
 *
 * <p>{@code i386} is proposed for legacy paging: {@code i386-widen-exec} reads the very same tables
 * (the two differ only in how they write a non-executable request), so proposing both would make
 * every such core ambiguous.
 */
final class ProtectedModeEvidence {
    static final int EM_386 = 3;
    static final int EM_X86_64 = 62;
    static final Set<Integer> MACHINES = Set.of(EM_386, EM_X86_64);
    private static final long CR0_PG = 1L << 31;
    private static final long CR4_PSE = 1L << 4;
    private static final long CR4_PAE = 1L << 5;
    private static final long CS_L = 1L << 21;

    private ProtectedModeEvidence() {}

    static List<VariantCandidate> candidates(CpuRegisters cpu) {
        if (!MACHINES.contains(cpu.machine())
                || !cpu.has("cr0")
                || !cpu.has("cr3")
                || !cpu.has("cr4")) {
            return List.of();
        }
        long cr0 = cpu.get("cr0").getAsLong();
        long cr4 = cpu.get("cr4").getAsLong();
        boolean longMode =
                cpu.machine() == EM_X86_64 || (cpu.get("cs.flags").orElse(0) & CS_L) != 0;
        if ((cr0 & CR0_PG) == 0 || longMode) {
            return List.of();
        }
        // CR3 is 32 bits outside long mode; QEMU stores it in a 64-bit field
        long cr3 = cpu.get("cr3").getAsLong() & 0xFFFF_FFFFL;
        boolean pae = (cr4 & CR4_PAE) != 0;
        String variant = pae ? "i386-pae" : ExecutePolicy.REFUSE_NON_EXECUTABLE.variantName();
        return List.of(VariantCandidate.of(variant, cr3, evidenceText(cpu, cr4, cr3, pae)));
    }

    /** The sentence a reader of the detection sees: which registers said what. */
    private static String evidenceText(CpuRegisters cpu, long cr4, long cr3, boolean pae) {
        return "CPU "
                + cpu.cpu()
                + " ("
                + cpu.source()
                + "): CR0.PG=1, CR4.PAE="
                + (pae ? 1 : 0)
                + (pae ? "" : ", CR4.PSE=" + ((cr4 & CR4_PSE) != 0 ? 1 : 0))
                + ", not long mode (e_machine EM_386, CS.L=0); CR3="
                + Hex.of(cr3)
                + (pae ? "" : " (i386-widen-exec reads the same tables)");
    }
}
