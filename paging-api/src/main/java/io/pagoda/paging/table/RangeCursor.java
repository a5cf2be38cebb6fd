package io.pagoda.paging.table;

import io.pagoda.paging.spi.Geometry;

/**
 * The one place that turns linear addresses into table indices: for a table of a level translating from
 * {@code tableBase}, which entries a range {@code [start, end)} touches, where an entry starts, and whether
 * the range covers an entry whole. Shifts and masks only, over the geometry's arrays; no state per walk.
 */
public final class RangeCursor {
    private final int[] shifts;
    private final int[] masks;
    private final long[] spans;
    /** log2 of each level's entry size (2 or 3). */
    private final int[] entryShifts;

    public RangeCursor(Geometry geometry) {
        int levels = geometry.levelCount();
        shifts = new int[levels];
        masks = new int[levels];
        spans = new long[levels];
        entryShifts = new int[levels];
        for (int level = 0; level < levels; level++) {
            shifts[level] = geometry.shift(level);
            masks[level] = geometry.entryCount(level) - 1;
            spans[level] = geometry.span(level);
            entryShifts[level] = Integer.numberOfTrailingZeros(geometry.entrySize(level));
        }
    }

    /** The index of {@code linear} in a table of {@code level}. */
    public int index(int level, long linear) {
        return (int) (linear >>> shifts[level]) & masks[level];
    }

    /** Bytes one entry of {@code level} takes in its table (4 or 8). */
    public int entrySize(int level) {
        return 1 << entryShifts[level];
    }

    /** Where entry {@code index} of a table of {@code level} lies, in bytes from the table's start. */
    public long entryOffset(int level, int index) {
        return (long) index << entryShifts[level];
    }

    /** The bits of a linear address that select entry {@code index} at {@code level} (the rest zero). */
    public long indexBits(int level, int index) {
        return (long) index << shifts[level];
    }

    /** Bytes one entry of {@code level} covers. */
    public long span(int level) {
        return spans[level];
    }

    /** Bytes of linear space one table of {@code level} translates. */
    public long tableSpan(int level) {
        return ((long) masks[level] + 1) << shifts[level];
    }

    /** The first index of {@code [start, ...)} in the table of {@code level} translating from {@code tableBase}. */
    public int first(int level, long tableBase, long start) {
        return start <= tableBase ? 0 : index(level, start);
    }

    /** The last index of {@code [..., end)} in the table of {@code level} translating from {@code tableBase}. */
    public int last(int level, long tableBase, long end) {
        long tableEnd = tableBase + (((long) masks[level] + 1) << shifts[level]);
        return end >= tableEnd || end <= tableBase ? masks[level] : index(level, end - 1);
    }

    /** The linear address where entry {@code index} of the table translating from {@code tableBase} starts. */
    public long entryStart(int level, long tableBase, int index) {
        return tableBase + ((long) index << shifts[level]);
    }

    /** The linear address of the entry holding {@code linear} at {@code level}. */
    public long entryBase(int level, long linear) {
        return linear & -spans[level];
    }

    /** Whether {@code [start, end)} covers the entry starting at {@code entryStart} whole. */
    public boolean coversWhole(int level, long entryStart, long start, long end) {
        return start <= entryStart && end - entryStart >= spans[level];
    }
}
