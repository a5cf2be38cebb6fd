package io.pagoda.paging.spi;

/**
 * An architecture's TLB invalidation instructions, as effects on a {@link TlbMaintenance}. Flushers
 * pick between per-page and whole-context invalidation by cost; these say what each costs the TLB.
 */
public interface TlbInstructions {

    /**
     * Invalidates one page in the current context (x86 INVLPG: global entries too; AArch64 TLBI
     * VAE1).
     *
     * @param tlb the TLB the instruction acts on
     * @param va any virtual address in the page
     * @param currentTag the address-space tag in force
     */
    void invalidatePage(TlbMaintenance tlb, long va, int currentTag);

    /**
     * Invalidates the current context's non-global entries (x86 MOV CR3; AArch64 TLBI ASIDE1).
     *
     * @param tlb the TLB the instruction acts on
     * @param currentTag the address-space tag in force
     */
    void invalidateContext(TlbMaintenance tlb, int currentTag);

    /**
     * Invalidates everything including global entries (x86 CR4.PGE toggle; AArch64 TLBI VMALLE1).
     *
     * @param tlb the TLB the instruction acts on
     */
    void invalidateEverything(TlbMaintenance tlb);

    /**
     * What loading a new root does to the TLB. Untagged (PCID off, or an architecture without
     * tags), a root load drops the non-global entries; tagged, it keeps them under their tags.
     *
     * @param tlb the TLB the load acts on
     * @param newTag the tag of the root loaded
     * @param tagged whether translations are tagged (PCID on, or an ASID-tagged architecture)
     */
    default void onRootLoad(TlbMaintenance tlb, int newTag, boolean tagged) {
        if (!tagged) {
            invalidateContext(tlb, newTag);
        }
    }

    /**
     * Instruction names, for reports: {@code INVLPG}, {@code TLBI VAE1} ...
     *
     * @return the name of the per-page invalidation
     */
    default String pageInstructionName() {
        return "invalidate-page";
    }

    /**
     * The name of the whole-context invalidation, for reports: {@code MOV CR3}, {@code TLBI ASIDE1}
     * ...
     *
     * @return the instruction's name
     */
    default String contextInstructionName() {
        return "invalidate-context";
    }

    /**
     * The name of the invalidation of everything, for reports: {@code MOV CR4}, {@code TLBI
     * VMALLE1} ...
     *
     * @return the instruction's name
     */
    default String everythingInstructionName() {
        return "invalidate-all";
    }
}
