package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import io.pagoda.paging.error.PhysicalAddressException;

/**
 * The tables an operation planned, allocated all at once before it writes anything (so running out
 * of frames changes nothing), handed out as the writing pass links them, and the unused rest given
 * back at its end.
 */
final class TablePool {
    private static final int START = 8;

    private long[] frames = new long[START];
    private int size;
    private int next;

    /**
     * Allocates {@code needed} tables for {@code range}; on failure frees what it took and throws.
     */
    void allocate(HierarchyContext h, VirtualRange range, long needed) {
        size = 0;
        next = 0;
        if (needed == 0) {
            return;
        }
        if (needed > h.allocator.freeCount()) {
            throw new OutOfPhysicalMemoryException(
                    "cannot "
                            + range.verb()
                            + " "
                            + Hex.of(range.virtualStart())
                            + " + "
                            + Hex.size(range.length())
                            + ": it needs "
                            + needed
                            + " new tables but the allocator has "
                            + h.allocator.freeCount()
                            + " free frames; map less or free memory first");
        }
        if (frames.length < needed) {
            frames = new long[Math.toIntExact(needed)];
        }
        int allocated = 0;
        try {
            for (; allocated < needed; allocated++) {
                frames[allocated] = h.allocator.allocate();
                if (frames[allocated] >= h.tableLimit) {
                    allocated++;
                    throw new PhysicalAddressException(
                            "the frame allocator handed out "
                                    + Hex.of(frames[allocated - 1])
                                    + " for a table, but this format links tables only below "
                                    + Hex.of(h.tableLimit)
                                    + "; give the hierarchy an allocator of lower frames");
                }
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < allocated; i++) {
                h.allocator.free(frames[i]);
            }
            throw e;
        }
        size = (int) needed;
    }

    long take() {
        return frames[next++];
    }

    /** Gives back the tables the writing pass did not link. */
    void releaseUnused(HierarchyContext h) {
        for (int i = next; i < size; i++) {
            h.allocator.free(frames[i]);
        }
        next = size;
        if (frames.length > START) {
            // the operation is over: a big map's plan gives its room back
            frames = new long[START];
            size = 0;
            next = 0;
        }
    }
}
