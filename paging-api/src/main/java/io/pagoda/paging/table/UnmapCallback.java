package io.pagoda.paging.table;

/**
 * Told of each leaf an unmap removed, after its entry was cleared (the seed's callback). It must not
 * throw: the tables are already changed when it runs.
 */
@FunctionalInterface
public interface UnmapCallback {
    void unmapped(long virtualAddress, long physicalAddress, long size);

    UnmapCallback NONE = (va, pa, size) -> { };
}
