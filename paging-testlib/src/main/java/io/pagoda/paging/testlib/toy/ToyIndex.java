package io.pagoda.paging.testlib.toy;

import io.pagoda.paging.memory.PhysicalMemory;

/**
 * An independent reader of the toy unequal geometry (4 x 64 x 128, 8-byte entries), written from
 * its definition rather than from Geometry, so tests can check the raw entries the algorithms
 * wrote.
 */
public final class ToyIndex {
    private ToyIndex() {}

    /**
     * The TOP index of {@code va}.
     *
     * @param va the virtual address
     * @return bits 25..26, 0..3
     */
    public static int top(long va) {
        return (int) ((va >>> 25) & 3);
    }

    /**
     * The MID index of {@code va}.
     *
     * @param va the virtual address
     * @return bits 19..24, 0..63
     */
    public static int mid(long va) {
        return (int) ((va >>> 19) & 63);
    }

    /**
     * The LEAF index of {@code va}.
     *
     * @param va the virtual address
     * @return bits 12..18, 0..127
     */
    public static int leaf(long va) {
        return (int) ((va >>> 12) & 127);
    }

    /**
     * The TOP entry for {@code va}.
     *
     * @param memory the memory holding the tables
     * @param root the physical address of the TOP table
     * @param va the virtual address
     * @return the raw 8-byte entry
     */
    public static long topEntry(PhysicalMemory memory, long root, long va) {
        return memory.readLong(root + 8L * top(va));
    }

    /**
     * The MID entry for {@code va}, in the table the TOP entry's address bits name (whether or not
     * it is valid).
     *
     * @param memory the memory holding the tables
     * @param root the physical address of the TOP table
     * @param va the virtual address
     * @return the raw 8-byte entry
     */
    public static long midEntry(PhysicalMemory memory, long root, long va) {
        return memory.readLong((topEntry(memory, root, va) & ToyFormat.ADDRESS) + 8L * mid(va));
    }

    /**
     * The LEAF entry for {@code va}, in the table the MID entry's address bits name (whether or not
     * it is valid).
     *
     * @param memory the memory holding the tables
     * @param root the physical address of the TOP table
     * @param va the virtual address
     * @return the raw 8-byte entry
     */
    public static long leafEntry(PhysicalMemory memory, long root, long va) {
        return memory.readLong((midEntry(memory, root, va) & ToyFormat.ADDRESS) + 8L * leaf(va));
    }
}
