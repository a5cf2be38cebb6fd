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

    public boolean hasRecursiveSlot() {
        return recursiveSlot >= 0;
    }

    public boolean hasDirectMap() {
        return directMapBase != -1L;
    }

    public boolean sharesKernelRootEntries() {
        return kernelRootFirst >= 0;
    }

    public AddressLayout withRecursiveSlot(int slot) {
        return new AddressLayout(userFirst, userLast, kernelFirst, kernelLast, kernelRootFirst, kernelRootLast, slot, directMapBase);
    }

    public AddressLayout withDirectMapBase(long base) {
        return new AddressLayout(userFirst, userLast, kernelFirst, kernelLast, kernelRootFirst, kernelRootLast, recursiveSlot, base);
    }
}
