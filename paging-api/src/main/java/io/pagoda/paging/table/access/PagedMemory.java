package io.pagoda.paging.table.access;

import io.pagoda.paging.spi.Architecture;

/**
 * Memory as kernel code sees it with paging on: every access goes through the translation a root
 * register selects (and so through the TLB), which is how the recursive, direct-map and
 * temporary-mapping ways reach their tables. The simulated CPU is one; this package needs no more
 * of it.
 */
public interface PagedMemory {

    /**
     * The architecture whose tables translate the accesses.
     *
     * @return the architecture
     */
    Architecture architecture();

    /**
     * The smallest page any root translates: the unit of a temporary mapping.
     *
     * @return the page size in bytes
     */
    long pageSize();

    /**
     * The physical address of the top table that root {@code rootIndex} (in {@link
     * Architecture#roots()}) points at now.
     *
     * @param rootIndex the root register's index in {@link Architecture#roots()}, from 0
     * @return the level-0 table's physical address
     */
    long rootTable(int rootIndex);

    /**
     * The 8 bytes at kernel virtual address {@code va}, little-endian.
     *
     * @param va the virtual address of the first byte, accessed in supervisor mode
     * @return the 64-bit value stored there
     * @throws io.pagoda.paging.error.PagingException when a page of the 8 bytes is not readable
     *     (the CPU's page fault)
     */
    long readLong(long va);

    /**
     * Writes 8 bytes at kernel virtual address {@code va}, little-endian.
     *
     * @param va the virtual address of the first byte, accessed in supervisor mode
     * @param value the 64-bit value to store
     * @throws io.pagoda.paging.error.PagingException when a page of the 8 bytes is not writable
     *     (the CPU's page fault)
     */
    void writeLong(long va, long value);

    /**
     * The 4 bytes at kernel virtual address {@code va}, little-endian.
     *
     * @param va the virtual address of the first byte, accessed in supervisor mode
     * @return the 32-bit value stored there
     * @throws io.pagoda.paging.error.PagingException when a page of the 4 bytes is not readable
     *     (the CPU's page fault)
     */
    int readInt(long va);

    /**
     * Writes 4 bytes at kernel virtual address {@code va}, little-endian.
     *
     * @param va the virtual address of the first byte, accessed in supervisor mode
     * @param value the 32-bit value to store
     * @throws io.pagoda.paging.error.PagingException when a page of the 4 bytes is not writable
     *     (the CPU's page fault)
     */
    void writeInt(long va, int value);
}
