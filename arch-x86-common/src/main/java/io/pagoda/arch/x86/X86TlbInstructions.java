package io.pagoda.arch.x86;

import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;
import org.jspecify.annotations.Nullable;

/**
 * The x86 invalidations, the same in every x86 paging mode (Intel SDM Vol. 3A §4.10.4;
 * hardware-formats.md §1 to §3): INVLPG drops one page for the current PCID plus global entries for
 * it in any PCID; MOV to CR3 (without bit 63) drops the current PCID's non-global entries, and in
 * PAE reloads the PDPTEs; toggling CR4.PGE drops everything, global entries and every PCID. 32-bit
 * paging has no PCIDs, so its tag is always 0. Root loads keep the default: with PCIDs, entries
 * stay cached under their tag.
 */
public final class X86TlbInstructions implements TlbInstructions {
    /** 32-bit and PAE paging: every 32-bit address is an INVLPG operand. */
    public static final X86TlbInstructions PROTECTED_MODE = new X86TlbInstructions(null);

    // null in protected mode: every 32-bit address is canonical there
    private final @Nullable CanonicalForm canonical;

    private X86TlbInstructions(@Nullable CanonicalForm canonical) {
        this.canonical = canonical;
    }

    /**
     * The instructions of IA-32e paging, where INVLPG of an address that is not canonical is a
     * no-op, not a fault.
     *
     * @param canonical the canonical form of the paging mode (48 or 57 sign-extended bits)
     * @return the instructions for that mode
     */
    public static X86TlbInstructions longMode(CanonicalForm canonical) {
        return new X86TlbInstructions(canonical);
    }

    @Override
    public void invalidatePage(TlbMaintenance tlb, long va, int currentTag) {
        if (canonical != null && !canonical.isCanonical(va)) {
            return; // INVLPG of a non-canonical address is a NOP, not a fault
        }
        tlb.dropPage(va, currentTag, false, true);
    }

    @Override
    public void invalidateContext(TlbMaintenance tlb, int currentTag) {
        tlb.dropTag(currentTag, false);
    }

    @Override
    public void invalidateEverything(TlbMaintenance tlb) {
        tlb.dropAll();
    }

    @Override
    public String pageInstructionName() {
        return "INVLPG";
    }

    @Override
    public String contextInstructionName() {
        return "MOV CR3";
    }

    @Override
    public String everythingInstructionName() {
        return "MOV CR4 (toggle PGE)";
    }
}
