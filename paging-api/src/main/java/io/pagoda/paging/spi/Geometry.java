package io.pagoda.paging.spi;

import io.pagoda.paging.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of one table hierarchy, top level first. Each level's index sits directly above the
 * next one's; only the top table may be partial (PAE's 4-entry PDPT, AArch64 start levels). No
 * fan-out is assumed equal to another.
 */
public final class Geometry {
    private final LevelGeometry[] levels;
    private final long[] spans;
    private final int[] shifts;
    private final int[] entryCounts;
    private final int virtualBits;

    /**
     * A hierarchy of the given levels, checked for adjacent index fields.
     *
     * @param levels the levels, top first
     * @throws IllegalArgumentException when there is no level, two adjacent levels' index fields
     *     are not adjacent, the last level cannot hold pages, or the hierarchy translates more than
     *     62 bits
     */
    public Geometry(List<LevelGeometry> levels) {
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("a geometry needs at least one level");
        }
        this.levels = levels.toArray(new LevelGeometry[0]);
        int n = this.levels.length;
        this.spans = new long[n];
        this.shifts = new int[n];
        this.entryCounts = new int[n];
        for (int i = 0; i < n; i++) {
            LevelGeometry level = this.levels[i];
            spans[i] = level.entrySpan();
            shifts[i] = level.shift();
            entryCounts[i] = level.entryCount();
            if (i + 1 < n) {
                LevelGeometry below = this.levels[i + 1];
                if (level.shift() != below.shift() + below.indexBits()) {
                    throw new IllegalArgumentException(
                            "level "
                                    + level.name()
                                    + " starts at bit "
                                    + level.shift()
                                    + " but level "
                                    + below.name()
                                    + " ends at bit "
                                    + (below.shift() + below.indexBits())
                                    + ": the index fields must be adjacent");
                }
            }
        }
        if (!this.levels[n - 1].leafAllowed()) {
            throw new IllegalArgumentException(
                    "the last level " + this.levels[n - 1].name() + " must hold pages");
        }
        this.virtualBits = this.levels[0].shift() + this.levels[0].indexBits();
        if (virtualBits > 62) {
            throw new IllegalArgumentException(
                    "a hierarchy of "
                            + virtualBits
                            + " virtual-address bits is wider than Pagoda models (62)");
        }
    }

    /**
     * A hierarchy of the given levels, top first.
     *
     * @param levels the levels, top first
     * @return the geometry
     * @throws IllegalArgumentException as {@link #Geometry(List)} does
     */
    public static Geometry of(LevelGeometry... levels) {
        return new Geometry(List.of(levels));
    }

    /**
     * The number of levels.
     *
     * @return the level count, at least 1
     */
    public int levelCount() {
        return levels.length;
    }

    /**
     * One level.
     *
     * @param level the level index, 0 = top
     * @return its geometry
     * @throws ArrayIndexOutOfBoundsException when {@code level} is not below {@link #levelCount()}
     */
    public LevelGeometry level(int level) {
        return levels[level];
    }

    /**
     * The levels, top first.
     *
     * @return an unmodifiable list of the levels
     */
    public List<LevelGeometry> levels() {
        return List.of(levels);
    }

    /**
     * The index of the last level, whose entries map pages.
     *
     * @return {@code levelCount() - 1}
     */
    public int lastLevel() {
        return levels.length - 1;
    }

    /**
     * Bytes one entry of {@code level} covers.
     *
     * @param level the level index, 0 = top
     * @return the span in bytes, {@code 2^shift(level)}
     */
    public long span(int level) {
        return spans[level];
    }

    /**
     * The lowest virtual-address bit of the level's index.
     *
     * @param level the level index, 0 = top
     * @return the shift in bits
     */
    public int shift(int level) {
        return shifts[level];
    }

    /**
     * The entries in a table of the level.
     *
     * @param level the level index, 0 = top
     * @return the entry count, a power of two
     */
    public int entryCount(int level) {
        return entryCounts[level];
    }

    /**
     * The bytes per entry of the level.
     *
     * @param level the level index, 0 = top
     * @return 4 or 8
     */
    public int entrySize(int level) {
        return levels[level].entrySize();
    }

    /**
     * The index into a table of {@code level} that translates {@code linear}.
     *
     * @param level the level index, 0 = top
     * @param linear a position in the linear range
     * @return the entry index, 0 to {@code entryCount(level) - 1}
     */
    public int indexOf(int level, long linear) {
        return (int) ((linear >>> shifts[level]) & (entryCounts[level] - 1));
    }

    /**
     * The smallest mapping: the span of a last-level entry.
     *
     * @return the page size in bytes
     */
    public long pageSize() {
        return spans[levels.length - 1];
    }

    /**
     * Width of the linear range this hierarchy translates.
     *
     * @return the number of virtual address bits
     */
    public int virtualBits() {
        return virtualBits;
    }

    /**
     * Bytes of linear space the hierarchy covers: {@code 2^virtualBits}.
     *
     * @return the span in bytes
     */
    public long linearSpan() {
        return 1L << virtualBits;
    }

    /**
     * The largest table of any level, which is what the frame allocator must hand out for tables.
     *
     * @return the size in bytes
     */
    public int largestTableBytes() {
        int max = 0;
        for (LevelGeometry level : levels) {
            max = Math.max(max, level.tableBytes());
        }
        return max;
    }

    /**
     * Leaf sizes the geometry allows, smallest first.
     *
     * @return the spans in bytes of the levels that allow leaves, ascending
     */
    public List<Long> leafSizes() {
        List<Long> sizes = new ArrayList<>();
        for (int i = levels.length - 1; i >= 0; i--) {
            if (levels[i].leafAllowed()) {
                sizes.add(spans[i]);
            }
        }
        return sizes;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(virtualBits + "-bit: ");
        for (int i = 0; i < levels.length; i++) {
            out.append(i == 0 ? "" : " -> ").append(levels[i]);
        }
        return out.append(", pages ").append(Hex.size(pageSize())).toString();
    }
}
