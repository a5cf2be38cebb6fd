package io.pagoda.paging.table;

import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.Geometry;
import java.util.Arrays;

/**
 * Tables read and written at their physical addresses: paging off (the seed's bootstrap), inactive
 * hierarchies seen from outside, and memory dumps. One reusable view per level; nothing allocated per walk.
 *
 * <p>On memory that hands out its frames' words ({@link PhysicalMemory#hasFrameWords()}), a table of 8-byte
 * entries inside one 4 KiB frame resolves that frame's {@code long[]} once when opened and then reads and
 * writes entries as array elements: no lookup and no range check per entry beyond the array's own. Other
 * tables (4-byte entries, tables larger than 4 KiB, images) go through the memory per entry.
 */
public final class PhysicalTableAccess implements TableAccess {
    /** What an untouched frame reads as: never written, replaced by the real frame on the first write. */
    private static final long[] UNTOUCHED = new long[512];

    private final View[] linked;
    private final View[] unlinked;

    public PhysicalTableAccess(PhysicalMemory memory, Geometry geometry) {
        int levels = geometry.levelCount();
        RangeCursor cursor = new RangeCursor(geometry);
        linked = new View[levels];
        unlinked = new View[levels];
        for (int level = 0; level < levels; level++) {
            boolean words = memory.hasFrameWords() && geometry.entrySize(level) == 8 && geometry.level(level).tableBytes() <= 4096;
            linked[level] = words ? new FrameView(memory, cursor, level) : new MemoryView(memory, cursor, level);
            unlinked[level] = words ? new FrameView(memory, cursor, level) : new MemoryView(memory, cursor, level);
        }
    }

    @Override
    public TableView open(int level, long tablePhysicalAddress, long linearBase) {
        return linked[level].at(tablePhysicalAddress);
    }

    @Override
    public TableView openUnlinked(int level, long tablePhysicalAddress) {
        return unlinked[level].at(tablePhysicalAddress);
    }

    private abstract static class View implements TableView {
        abstract View at(long tablePhysicalAddress);

        @Override
        public void close() {
            // physical tables need no undoing
        }
    }

    /** A table of 8-byte entries inside one frame of word-backed memory: entries are array elements. */
    private static final class FrameView extends View {
        private final PhysicalMemory memory;
        private final long limit;
        private final MemoryView misaligned;
        private long base = -1;
        private long[] words;
        private int offset;
        /** The memory's epoch when {@code words} was resolved: reopening the same table then costs one comparison. */
        private int epoch;

        FrameView(PhysicalMemory memory, RangeCursor cursor, int level) {
            this.memory = memory;
            this.limit = memory.limit();
            this.misaligned = new MemoryView(memory, cursor, level);
        }

        @Override
        View at(long tablePhysicalAddress) {
            if ((tablePhysicalAddress & 7) != 0 || tablePhysicalAddress < 0 || tablePhysicalAddress >= limit) {
                // not words: entries straddle frames, or the memory refuses the address when an entry is read
                return misaligned.at(tablePhysicalAddress);
            }
            int now = memory.frameWordsEpoch();
            if (tablePhysicalAddress == base && now == epoch) {
                return this;
            }
            long[] frame = memory.frameWords(tablePhysicalAddress, false);
            this.epoch = now;
            this.base = tablePhysicalAddress;
            this.words = frame == null ? UNTOUCHED : frame;
            this.offset = (int) (tablePhysicalAddress & 0xFFF) >>> 3;
            return this;
        }

        @Override
        public long physicalAddress() {
            return base;
        }

        @Override
        public long read(int index) {
            return words[offset + index];
        }

        @Override
        public void write(int index, long raw) {
            long[] target = words;
            if (target == UNTOUCHED) {
                if (raw == 0) {
                    return;
                }
                target = memory.frameWords(base, true);
                words = target;
                epoch = memory.frameWordsEpoch();
            }
            target[offset + index] = raw;
        }

        @Override
        public void fill(int from, int to, long raw) {
            if (words == UNTOUCHED) {
                if (raw == 0) {
                    return;
                }
                words = memory.frameWords(base, true);
                epoch = memory.frameWordsEpoch();
            }
            Arrays.fill(words, offset + from, offset + to, raw);
        }
    }

    /** Any other table: each entry read and written through the memory. */
    private static final class MemoryView extends View {
        private final PhysicalMemory memory;
        private final RangeCursor cursor;
        private final int level;
        private final int entrySize;
        private long base;

        MemoryView(PhysicalMemory memory, RangeCursor cursor, int level) {
            this.memory = memory;
            this.cursor = cursor;
            this.level = level;
            this.entrySize = cursor.entrySize(level);
        }

        @Override
        View at(long tablePhysicalAddress) {
            this.base = tablePhysicalAddress;
            return this;
        }

        @Override
        public long physicalAddress() {
            return base;
        }

        @Override
        public long read(int index) {
            return memory.readEntry(base + cursor.entryOffset(level, index), entrySize);
        }

        @Override
        public void write(int index, long raw) {
            memory.writeEntry(base + cursor.entryOffset(level, index), entrySize, raw);
        }
    }
}
