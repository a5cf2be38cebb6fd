package io.pagoda.arch.x86_64;

import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;

/**
 * x86-64 invalidations (Intel SDM Vol. 3A §4.10.4): INVLPG drops one page for the current PCID plus global
 * entries for it in any PCID (a non-canonical operand makes it a no-op); MOV to CR3 without bit 63 drops
 * the current PCID's non-global entries; toggling CR4.PGE drops everything, global entries and every PCID.
 * Root loads keep the default: with PCIDs, entries stay cached under their tag.
 */
public final class X86TlbInstructions implements TlbInstructions {
    private final CanonicalForm canonical;

    public X86TlbInstructions(CanonicalForm canonical) {
        this.canonical = canonical;
    }

    @Override
    public void invalidatePage(TlbMaintenance tlb, long va, int currentTag) {
        if (!canonical.isCanonical(va)) {
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
