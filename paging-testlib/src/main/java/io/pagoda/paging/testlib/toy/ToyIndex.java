package io.pagoda.paging.testlib.toy;

import io.pagoda.paging.memory.PhysicalMemory;

/**
 * An independent reader of the toy unequal geometry (4 x 64 x 128, 8-byte entries), written from its
 * definition rather than from Geometry, so tests can check the raw entries the algorithms wrote.
 */
public final class ToyIndex {
    private ToyIndex() {
    }

    public static int top(long va) {
        return (int) ((va >>> 25) & 3);
    }

    public static int mid(long va) {
        return (int) ((va >>> 19) & 63);
    }

    public static int leaf(long va) {
        return (int) ((va >>> 12) & 127);
    }

    public static long topEntry(PhysicalMemory memory, long root, long va) {
        return memory.readLong(root + 8L * top(va));
    }

    public static long midEntry(PhysicalMemory memory, long root, long va) {
        return memory.readLong((topEntry(memory, root, va) & ToyFormat.ADDRESS) + 8L * mid(va));
    }

    public static long leafEntry(PhysicalMemory memory, long root, long va) {
        return memory.readLong((midEntry(memory, root, va) & ToyFormat.ADDRESS) + 8L * leaf(va));
    }
}
