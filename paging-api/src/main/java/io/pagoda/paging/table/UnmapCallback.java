package io.pagoda.paging.table;

/**
 * Told of each leaf an unmap removed, after its entry was cleared (the seed's callback). It must
 * not throw: the tables are already changed when it runs.
 */
@FunctionalInterface
public interface UnmapCallback {
    /**
     * One leaf was removed.
     *
     * @param virtualAddress the first virtual address the leaf mapped
     * @param physicalAddress the physical address of the leaf's frame (or block)
     * @param size the leaf's span in bytes (a page or block size)
     */
    void unmapped(long virtualAddress, long physicalAddress, long size);

    /** A callback that does nothing, for unmaps whose frames belong to no one to tell. */
    UnmapCallback NONE = (va, pa, size) -> {};
}
