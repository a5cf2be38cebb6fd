package io.pagoda.paging.spi;

/**
 * Where an operating system on this architecture puts things: user and kernel ranges, which top-level
 * entries are the shared kernel part, the recursive slot and the direct map. A default that
 * matches common kernels; users may build their own.
 *
 * @param userFirst          first user virtual address
 * @param userLast           last user virtual address (inclusive, so the top of the space needs no overflow)
 * @param kernelFirst        first kernel virtual address
 * @param kernelLast         last kernel virtual address (inclusive)
 * @param kernelRootFirst    first top-level index shared by every address space (copied on switch), or -1
 * @param kernelRootLast     last such index (inclusive), or -1
 * @param recursiveSlot      top-level index that points back at the top table, or -1 for none
 * @param directMapBase      virtual address where all physical memory is mapped linearly, or -1 for none
 */
public record AddressLayout(long userFirst, long userLast, long kernelFirst, long kernelLast,
                            int kernelRootFirst, int kernelRootLast, int recursiveSlot, long directMapBase) {

    /**
     * Whether a top-level entry points back at the top table, making every table visible at a fixed virtual address.
     *
     * @return true when {@link #recursiveSlot()} is a slot index
     */
    public boolean hasRecursiveSlot() {
        return recursiveSlot >= 0;
    }

    /**
     * Whether all physical memory is mapped linearly from {@link #directMapBase()}.
     *
     * @return true when the layout has a direct map
     */
    public boolean hasDirectMap() {
        return directMapBase != -1L;
    }

    /**
     * Whether a range of top-level entries is shared by every address space (copied when a space is created).
     *
     * @return true when {@link #kernelRootFirst()} is an index
     */
    public boolean sharesKernelRootEntries() {
        return kernelRootFirst >= 0;
    }

    /**
     * This layout with another recursive slot.
     *
     * @param slot the top-level index that points back at the top table, or -1 for none
     * @return a copy of this layout with the slot replaced
     */
    public AddressLayout withRecursiveSlot(int slot) {
        return new AddressLayout(userFirst, userLast, kernelFirst, kernelLast, kernelRootFirst, kernelRootLast, slot, directMapBase);
    }

    /**
     * This layout with the direct map at another virtual address.
     *
     * @param base the virtual address physical address 0 is mapped at, or -1 for no direct map
     * @return a copy of this layout with the direct map base replaced
     */
    public AddressLayout withDirectMapBase(long base) {
        return new AddressLayout(userFirst, userLast, kernelFirst, kernelLast, kernelRootFirst, kernelRootLast, recursiveSlot, base);
    }
}
