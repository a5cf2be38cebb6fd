package io.pagoda.paging.table;

import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.Geometry;

/**
 * Tables read and written at their physical addresses: paging off (the seed's bootstrap), inactive
 * hierarchies seen from outside, and memory dumps. One reusable view per level; nothing allocated per walk.
 */
public final class PhysicalTableAccess implements TableAccess {
    private final View[] linked;
    private final View[] unlinked;

    public PhysicalTableAccess(PhysicalMemory memory, Geometry geometry) {
        int levels = geometry.levelCount();
        linked = new View[levels];
        unlinked = new View[levels];
        for (int level = 0; level < levels; level++) {
            linked[level] = new View(memory, geometry.entrySize(level));
            unlinked[level] = new View(memory, geometry.entrySize(level));
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

    private static final class View implements TableView {
        private final PhysicalMemory memory;
        private final int entrySize;
        private long base;

        View(PhysicalMemory memory, int entrySize) {
            this.memory = memory;
            this.entrySize = entrySize;
        }

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
            return entrySize == 8 ? memory.readLong(base + ((long) index << 3))
                    : Integer.toUnsignedLong(memory.readInt(base + ((long) index << 2)));
        }

        @Override
        public void write(int index, long raw) {
            if (entrySize == 8) {
                memory.writeLong(base + ((long) index << 3), raw);
            } else {
                memory.writeInt(base + ((long) index << 2), (int) raw);
            }
        }

        @Override
        public void close() {
            // physical tables need no undoing
        }
    }
}
