package io.pagoda.arch.i386;

import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;

/**
 * The 32-bit x86 invalidations (hardware-formats.md §1, same for PAE): INVLPG drops one page, global or
 * not; MOV CR3 drops every non-global translation (and, in PAE, reloads the PDPTEs); a CR4.PGE toggle drops
 * everything, globals included. There are no address-space tags, so the "current tag" is always 0.
 */
public final class X86TlbInstructions implements TlbInstructions {
    public static final X86TlbInstructions INSTANCE = new X86TlbInstructions();

    private X86TlbInstructions() {
    }

    @Override
    public void invalidatePage(TlbMaintenance tlb, long va, int currentTag) {
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
        return "CR4.PGE toggle";
    }
}
