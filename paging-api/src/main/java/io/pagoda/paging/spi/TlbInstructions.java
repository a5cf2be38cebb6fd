package io.pagoda.paging.spi;

/**
 * An architecture's TLB invalidation instructions, as effects on a {@link TlbMaintenance}. Flushers pick
 * between per-page and whole-context invalidation by cost; these say what each costs the TLB.
 */
public interface TlbInstructions {

    /** Invalidates one page in the current context (x86 INVLPG: global entries too; AArch64 TLBI VAE1). */
    void invalidatePage(TlbMaintenance tlb, long va, int currentTag);

    /** Invalidates the current context's non-global entries (x86 MOV CR3; AArch64 TLBI ASIDE1). */
    void invalidateContext(TlbMaintenance tlb, int currentTag);

    /** Invalidates everything including global entries (x86 CR4.PGE toggle; AArch64 TLBI VMALLE1). */
    void invalidateEverything(TlbMaintenance tlb);

    /**
     * What loading a new root does to the TLB. Untagged (PCID off, or an architecture without tags), a
     * root load drops the non-global entries; tagged, it keeps them under their tags.
     */
    default void onRootLoad(TlbMaintenance tlb, int newTag, boolean tagged) {
        if (!tagged) {
            invalidateContext(tlb, newTag);
        }
    }

    /** Instruction names, for reports: {@code INVLPG}, {@code TLBI VAE1} ... */
    default String pageInstructionName() {
        return "invalidate-page";
    }

    default String contextInstructionName() {
        return "invalidate-context";
    }

    default String everythingInstructionName() {
        return "invalidate-all";
    }
}
