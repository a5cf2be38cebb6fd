package io.pagoda.paging.spi;

/**
 * Where an operating system on this architecture puts things: user and kernel ranges, which
 * top-level entries are the shared kernel part, the recursive slot and the direct map. A default
 * that matches common kernels; users may build their own.
 *
 * <p>The -1 of a part the layout lacks is an input convention only: asking a layout for a part it
 * lacks throws, so no caller computes with it by mistake.
 *
 * @param userFirst first user virtual address
 * @param userLast last user virtual address (inclusive, so the top of the space needs no overflow)
 * @param kernelFirst first kernel virtual address
 * @param kernelLast last kernel virtual address (inclusive)
 * @param kernelRootFirst first top-level index shared by every address space (copied on switch); -1
 *     builds a layout that shares none ({@link #sharesKernelRootEntries()})
 * @param kernelRootLast last such index (inclusive); -1 with {@code kernelRootFirst}
 * @param recursiveSlot top-level index that points back at the top table; -1 builds a layout
 *     without one ({@link #hasRecursiveSlot()})
 * @param directMapBase virtual address where all physical memory is mapped linearly; -1 builds a
 *     layout without one ({@link #hasDirectMap()})
 */
public record AddressLayout(
        long userFirst,
        long userLast,
        long kernelFirst,
        long kernelLast,
        int kernelRootFirst,
        int kernelRootLast,
        int recursiveSlot,
        long directMapBase) {

    /**
     * The first top-level index shared by every address space.
     *
     * @return the index in the top table
     * @throws IllegalStateException when the layout shares none (check {@link
     *     #sharesKernelRootEntries()})
     */
    @Override
    public int kernelRootFirst() {
        require(sharesKernelRootEntries(), "shares no top-level entries");
        return kernelRootFirst;
    }

    /**
     * The last top-level index shared by every address space (inclusive).
     *
     * @return the index in the top table
     * @throws IllegalStateException when the layout shares none (check {@link
     *     #sharesKernelRootEntries()})
     */
    @Override
    public int kernelRootLast() {
        require(sharesKernelRootEntries(), "shares no top-level entries");
        return kernelRootLast;
    }

    /**
     * The top-level index that points back at the top table.
     *
     * @return the index in the top table
     * @throws IllegalStateException when the layout has none (check {@link #hasRecursiveSlot()})
     */
    @Override
    public int recursiveSlot() {
        require(hasRecursiveSlot(), "has no recursive slot");
        return recursiveSlot;
    }

    /**
     * The virtual address where physical address 0 appears in the direct map.
     *
     * @return the virtual address
     * @throws IllegalStateException when the layout has none (check {@link #hasDirectMap()})
     */
    @Override
    public long directMapBase() {
        require(hasDirectMap(), "has no direct map");
        return directMapBase;
    }

    private void require(boolean present, String missing) {
        if (!present) {
            throw new IllegalStateException(
                    "this layout " + missing + " (" + this + "); ask first with has…/shares…");
        }
    }

    /**
     * Whether a top-level entry points back at the top table, making every table visible at a fixed
     * virtual address.
     *
     * @return true when the layout has a recursive slot
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
     * Whether a range of top-level entries is shared by every address space (copied when a space is
     * created).
     *
     * @return true when the layout shares top-level entries
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
        return new AddressLayout(
                userFirst,
                userLast,
                kernelFirst,
                kernelLast,
                kernelRootFirst,
                kernelRootLast,
                slot,
                directMapBase);
    }

    /**
     * This layout with the direct map at another virtual address.
     *
     * @param base the virtual address physical address 0 is mapped at, or -1 for no direct map
     * @return a copy of this layout with the direct map base replaced
     */
    public AddressLayout withDirectMapBase(long base) {
        return new AddressLayout(
                userFirst,
                userLast,
                kernelFirst,
                kernelLast,
                kernelRootFirst,
                kernelRootLast,
                recursiveSlot,
                base);
    }
}
