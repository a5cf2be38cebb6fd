package io.pagoda.arch.aarch64;

import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;

/**
 * EL1&amp;0 TLB maintenance (reference §4) against the TLB model. ASIDs tag every non-global entry,
 * so loading a TTBR with a new ASID flushes nothing (the default {@link #onRootLoad} with {@code
 * tagged}). A real kernel wraps each with {@code DSB ISHST; TLBI ...IS; DSB ISH; ISB}; the model
 * has no ordering.
 */
public final class TlbiInstructions implements TlbInstructions {
    /** The instance: the instructions hold no state. */
    public static final TlbiInstructions INSTANCE = new TlbiInstructions();

    private TlbiInstructions() {}

    /**
     * TLBI VAE1: the page for the given ASID. Global entries for the VA are dropped too; the
     * reference marks this UNCONFIRMED (§6 item 2), and dropping them is the safe reading for a
     * flusher.
     */
    @Override
    public void invalidatePage(TlbMaintenance tlb, long va, int currentTag) {
        tlb.dropPage(va, currentTag, false, true);
    }

    /** TLBI ASIDE1: every non-global entry of the ASID; global leaves stay. */
    @Override
    public void invalidateContext(TlbMaintenance tlb, int currentTag) {
        tlb.dropTag(currentTag, false);
    }

    /** TLBI VMALLE1: every stage-1 EL1&amp;0 entry, every ASID, global ones included. */
    @Override
    public void invalidateEverything(TlbMaintenance tlb) {
        tlb.dropAll();
    }

    @Override
    public String pageInstructionName() {
        return "TLBI VAE1";
    }

    @Override
    public String contextInstructionName() {
        return "TLBI ASIDE1";
    }

    @Override
    public String everythingInstructionName() {
        return "TLBI VMALLE1";
    }
}
