package io.pagoda.paging.table.access;

import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.table.RangeCursor;
import io.pagoda.paging.table.TableAccess;
import io.pagoda.paging.table.TableView;
import java.util.Arrays;
import java.util.Objects;

/**
 * Tables read and written at their physical addresses: paging off (the seed's bootstrap), inactive
 * hierarchies seen from outside, and memory dumps. One reusable view per level; nothing allocated
 * per walk.
 *
 * <p>On memory that hands out its frames' words ({@link PhysicalMemory#hasFrameWords()}), a table
 * resolves its frames' {@code long[]}s once when opened and then reads and writes entries as array
 * elements: no lookup and no range check per entry beyond the array's own. The common table (8-byte
 * entries inside one 4 KiB frame) has a view of its own; 4-byte entries (legacy i386) and tables of
 * several frames (AArch64's 64 KiB granule) share another. Images, whose memory hands out no words,
 * go through the memory per entry.
 */
public final class PhysicalTableAccess implements TableAccess {
    /**
     * What an untouched frame reads as: never written, replaced by the real frame on the first
     * write.
     */
    private static final long[] UNTOUCHED = new long[512];

    private final View[] linked;
    private final View[] unlinked;

    /**
     * An access to tables of {@code geometry} at their physical addresses in {@code memory}.
     *
     * @param memory the memory holding the tables
     * @param geometry the geometry of the tables reached (one reusable view per level)
     */
    public PhysicalTableAccess(PhysicalMemory memory, Geometry geometry) {
        int levels = geometry.levelCount();
        RangeCursor cursor = new RangeCursor(geometry);
        linked = new View[levels];
        unlinked = new View[levels];
        for (int level = 0; level < levels; level++) {
            linked[level] = view(memory, geometry, cursor, level);
            unlinked[level] = view(memory, geometry, cursor, level);
        }
    }

    private static View view(
            PhysicalMemory memory, Geometry geometry, RangeCursor cursor, int level) {
        if (!memory.hasFrameWords()) {
            long tableBytes = geometry.level(level).tableBytes();
            return memory.isReadOnly() && tableBytes % 8 == 0
                    ? new SnapshotView(memory, cursor, level, tableBytes)
                    : new MemoryView(memory, cursor, level);
        }
        boolean oneFrameOfLongs =
                geometry.entrySize(level) == 8 && geometry.level(level).tableBytes() <= 4096;
        return oneFrameOfLongs
                ? new FrameView(memory, cursor, level)
                : new FramesView(memory, cursor, level, geometry.level(level).tableBytes());
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
        /**
         * The table this view shows (-1 before the first open): every kind of view keeps it the
         * same way.
         */
        long base = -1;

        abstract View at(long tablePhysicalAddress);

        @Override
        public long physicalAddress() {
            return base;
        }

        @Override
        public void close() {
            // physical tables need no undoing
        }
    }

    /**
     * A table of 8-byte entries inside one frame of word-backed memory: entries are array elements.
     */
    private static final class FrameView extends View {
        private final PhysicalMemory memory;
        private final long limit;
        private final MemoryView misaligned;
        private long[] words = UNTOUCHED;
        private int offset;

        /**
         * The memory's epoch when {@code words} was resolved: reopening the same table then costs
         * one comparison.
         */
        private int epoch;

        FrameView(PhysicalMemory memory, RangeCursor cursor, int level) {
            this.memory = memory;
            this.limit = memory.limit();
            this.misaligned = new MemoryView(memory, cursor, level);
        }

        @Override
        View at(long tablePhysicalAddress) {
            if ((tablePhysicalAddress & 7) != 0
                    || tablePhysicalAddress < 0
                    || tablePhysicalAddress >= limit) {
                // not words: entries straddle frames, or the memory refuses the address when an
                // entry is read
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
                target = Objects.requireNonNull(memory.frameWords(base, true));
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
                words = Objects.requireNonNull(memory.frameWords(base, true));
                epoch = memory.frameWordsEpoch();
            }
            Arrays.fill(words, offset + from, offset + to, raw);
        }
    }

    /**
     * A table of 4-byte entries, or one spanning several frames, on word-backed memory: the frames'
     * arrays are resolved once when opened; an entry is one array element (or half of one).
     */
    private static final class FramesView extends View {
        private final PhysicalMemory memory;
        private final long limit;
        private final MemoryView misaligned;
        private final int entryShift;
        private final long tableBytes;
        private final long[][] frames;
        private int epoch;

        /** Byte offset of the table in its first frame. */
        private int offset;

        FramesView(PhysicalMemory memory, RangeCursor cursor, int level, long tableBytes) {
            this.memory = memory;
            this.limit = memory.limit();
            this.misaligned = new MemoryView(memory, cursor, level);
            this.entryShift = Integer.numberOfTrailingZeros(cursor.entrySize(level));
            this.tableBytes = tableBytes;
            this.frames = new long[(int) ((tableBytes + 0xFFF) >>> 12) + 1][];
        }

        @Override
        View at(long tablePhysicalAddress) {
            if ((tablePhysicalAddress & ((1 << entryShift) - 1)) != 0
                    || tablePhysicalAddress < 0
                    || tablePhysicalAddress > limit - tableBytes) {
                // entries straddle frames, or the memory refuses the address when an entry is read
                return misaligned.at(tablePhysicalAddress);
            }
            int now = memory.frameWordsEpoch();
            if (tablePhysicalAddress == base && now == epoch) {
                return this;
            }
            long first = tablePhysicalAddress & ~0xFFFL;
            int count =
                    (int) (((tablePhysicalAddress + tableBytes - 1) >>> 12) - (first >>> 12)) + 1;
            for (int f = 0; f < count; f++) {
                long[] words = memory.frameWords(first + ((long) f << 12), false);
                frames[f] = words == null ? UNTOUCHED : words;
            }
            this.epoch = now;
            this.base = tablePhysicalAddress;
            this.offset = (int) (tablePhysicalAddress & 0xFFF);
            return this;
        }

        @Override
        public long read(int index) {
            long at = offset + ((long) index << entryShift);
            long word = frames[(int) (at >>> 12)][(int) (at & 0xFFF) >>> 3];
            return entryShift == 3 ? word : (word >>> ((at & 4) << 3)) & 0xFFFF_FFFFL;
        }

        @Override
        public void write(int index, long raw) {
            long at = offset + ((long) index << entryShift);
            int frame = (int) (at >>> 12);
            long[] words = frames[frame];
            long value = entryShift == 3 ? raw : raw & 0xFFFF_FFFFL;
            if (words == UNTOUCHED) {
                if (value == 0) {
                    return;
                }
                words =
                        Objects.requireNonNull(
                                memory.frameWords((base & ~0xFFFL) + ((long) frame << 12), true));
                frames[frame] = words;
                epoch = memory.frameWordsEpoch();
            }
            int word = (int) (at & 0xFFF) >>> 3;
            if (entryShift == 3) {
                words[word] = value;
            } else {
                int shift = (int) ((at & 4) << 3);
                words[word] = (words[word] & ~(0xFFFF_FFFFL << shift)) | (value << shift);
            }
        }
    }

    /**
     * A table of a read-only image (a dump): copied whole when opened, in one bulk read, since a
     * dump's tables are read whole or walked a few entries deep and never change. A table the image
     * holds only in part is read entry by entry instead, so the entries before the hole still read
     * and the first missing one is refused.
     */
    private static final class SnapshotView extends View {
        private final PhysicalMemory memory;
        private final MemoryView entryByEntry;
        private final boolean eightBytes;
        private final long tableBytes;
        private final long[] words;

        SnapshotView(PhysicalMemory memory, RangeCursor cursor, int level, long tableBytes) {
            this.memory = memory;
            this.entryByEntry = new MemoryView(memory, cursor, level);
            this.eightBytes = cursor.entrySize(level) == 8;
            this.tableBytes = tableBytes;
            this.words = new long[(int) (tableBytes / 8)];
        }

        @Override
        View at(long tablePhysicalAddress) {
            if (tablePhysicalAddress == base) {
                return this;
            }
            if ((tablePhysicalAddress & 7) != 0
                    || tablePhysicalAddress < 0
                    || tablePhysicalAddress > memory.limit() - tableBytes) {
                base = -1;
                return entryByEntry.at(tablePhysicalAddress);
            }
            try {
                memory.readLongs(tablePhysicalAddress, words, words.length);
            } catch (PhysicalAddressException e) {
                base = -1;
                return entryByEntry.at(tablePhysicalAddress);
            }
            base = tablePhysicalAddress;
            return this;
        }

        @Override
        public long read(int index) {
            return eightBytes
                    ? words[index]
                    : (words[index >>> 1] >>> ((index & 1) << 5)) & 0xFFFF_FFFFL;
        }

        @Override
        public void write(int index, long raw) {
            // refused by the image, as any write to it is
            entryByEntry.at(base).write(index, raw);
        }
    }

    /** Any other table: each entry read and written through the memory. */
    private static final class MemoryView extends View {
        private final PhysicalMemory memory;
        private final RangeCursor cursor;
        private final int level;
        private final int entrySize;

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
        public long read(int index) {
            return memory.readEntry(base + cursor.entryOffset(level, index), entrySize);
        }

        @Override
        public void write(int index, long raw) {
            memory.writeEntry(base + cursor.entryOffset(level, index), entrySize, raw);
        }
    }
}
