package io.pagoda.paging.table.access;

import io.pagoda.paging.spi.Architecture;

/**
 * Memory as kernel code sees it with paging on: every access goes through the translation a root register
 * selects (and so through the TLB), which is how the recursive, direct-map and temporary-mapping ways reach their
 * tables. The simulated CPU is one; this package needs no more of it.
 */
public interface PagedMemory {

    /** The architecture whose tables translate the accesses. */
    Architecture architecture();

    /** The smallest page any root translates: the unit of a temporary mapping. */
    long pageSize();

    /** The physical address of the top table that root {@code rootIndex} (in {@link Architecture#roots()}) points at now. */
    long rootTable(int rootIndex);

    /** The 8 bytes at kernel virtual address {@code va}, little-endian. */
    long readLong(long va);

    /** Writes 8 bytes at kernel virtual address {@code va}, little-endian. */
    void writeLong(long va, long value);

    /** The 4 bytes at kernel virtual address {@code va}, little-endian. */
    int readInt(long va);

    /** Writes 4 bytes at kernel virtual address {@code va}, little-endian. */
    void writeInt(long va, int value);
}
