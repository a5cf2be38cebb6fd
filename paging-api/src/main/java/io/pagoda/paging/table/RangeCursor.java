package io.pagoda.paging.table;

import io.pagoda.paging.spi.Geometry;

/**
 * The one place that turns linear addresses into table indices: for a table of a level translating
 * from {@code tableBase}, which entries a range {@code [start, end)} touches, where an entry
 * starts, and whether the range covers an entry whole. Shifts and masks only, over the geometry's
 * arrays; no state per walk.
 */
public final class RangeCursor {
    private final int[] shifts;
    private final int[] masks;
    private final long[] spans;

    /** log2 of each level's entry size (2 or 3). */
    private final int[] entryShifts;

    /**
     * A cursor over {@code geometry}'s index fields.
     *
     * @param geometry the geometry whose shifts, entry counts, spans and entry sizes are used
     */
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

    /**
     * The index of {@code linear} in a table of {@code level}.
     *
     * @param level the table's level, 0 = top
     * @param linear a linear address
     * @return the index field of {@code linear} for that level, from 0
     */
    public int index(int level, long linear) {
        return (int) (linear >>> shifts[level]) & masks[level];
    }

    /**
     * Bytes one entry of {@code level} takes in its table (4 or 8).
     *
     * @param level a level, 0 = top
     * @return the entry size in bytes
     */
    public int entrySize(int level) {
        return 1 << entryShifts[level];
    }

    /**
     * Where entry {@code index} of a table of {@code level} lies, in bytes from the table's start.
     *
     * @param level the table's level, 0 = top
     * @param index the entry's index, from 0
     * @return the entry's byte offset in the table
     */
    public long entryOffset(int level, int index) {
        return (long) index << entryShifts[level];
    }

    /**
     * The bits of a linear address that select entry {@code index} at {@code level} (the rest
     * zero).
     *
     * @param level the level, 0 = top
     * @param index the entry's index, from 0
     * @return {@code index} shifted into that level's index field
     */
    public long indexBits(int level, int index) {
        return (long) index << shifts[level];
    }

    /**
     * Bytes one entry of {@code level} covers.
     *
     * @param level a level, 0 = top
     * @return the span of one entry in bytes of linear space
     */
    public long span(int level) {
        return spans[level];
    }

    /**
     * Bytes of linear space one table of {@code level} translates.
     *
     * @param level a level, 0 = top
     * @return entry count times entry span
     */
    public long tableSpan(int level) {
        return ((long) masks[level] + 1) << shifts[level];
    }

    /**
     * The first index of {@code [start, ...)} in the table of {@code level} translating from {@code
     * tableBase}.
     *
     * @param level the table's level, 0 = top
     * @param tableBase the first linear address the table translates
     * @param start the range's first linear address
     * @return 0 when the range starts at or before the table, else the index of {@code start}
     */
    public int first(int level, long tableBase, long start) {
        return start <= tableBase ? 0 : index(level, start);
    }

    /**
     * The last index of {@code [..., end)} in the table of {@code level} translating from {@code
     * tableBase}.
     *
     * @param level the table's level, 0 = top
     * @param tableBase the first linear address the table translates
     * @param end the linear address one past the range
     * @return the table's last index when the range runs to or past the table's end, else the index
     *     of {@code end - 1}
     */
    public int last(int level, long tableBase, long end) {
        long tableEnd = tableBase + (((long) masks[level] + 1) << shifts[level]);
        return end >= tableEnd || end <= tableBase ? masks[level] : index(level, end - 1);
    }

    /**
     * The linear address where entry {@code index} of the table translating from {@code tableBase}
     * starts.
     *
     * @param level the table's level, 0 = top
     * @param tableBase the first linear address the table translates
     * @param index the entry's index, from 0
     * @return the entry's first linear address
     */
    public long entryStart(int level, long tableBase, int index) {
        return tableBase + ((long) index << shifts[level]);
    }

    /**
     * The linear address of the entry holding {@code linear} at {@code level}.
     *
     * @param level the level, 0 = top
     * @param linear a linear address
     * @return {@code linear} rounded down to the level's entry span
     */
    public long entryBase(int level, long linear) {
        return linear & -spans[level];
    }

    /**
     * Whether {@code [start, end)} covers the entry starting at {@code entryStart} whole.
     *
     * @param level the entry's level, 0 = top
     * @param entryStart the entry's first linear address
     * @param start the range's first linear address
     * @param end the linear address one past the range
     * @return true when every byte of the entry's span lies in the range
     */
    public boolean coversWhole(int level, long entryStart, long start, long end) {
        return start <= entryStart && end - entryStart >= spans[level];
    }
}
