package io.pagoda.paging.table.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.LevelGeometry;
import io.pagoda.paging.table.TableView;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Table views on word-backed memory read and write the bytes the memory's own byte-addressed
 * accessors see, for each shape of table: 8-byte entries in one frame, 4-byte entries (legacy i386:
 * 1,024 to a 4 KiB table) and a table of several frames (AArch64's 64 KiB granule: 8,192 entries).
 * The model is the memory's little-endian {@code readEntry}/{@code writeEntry} at table + index *
 * size, written here independently of the cursor.
 */
class PhysicalTableAccessTest {
    private static final Geometry SHAPES =
            Geometry.of(
                    new LevelGeometry("WIDE", 32, 8192, 8, false),
                    new LevelGeometry("LEGACY", 22, 1024, 4, false),
                    new LevelGeometry("PAGE", 13, 512, 8, true));

    @Test
    void everyShapeWritesWhatTheMemoryReadsAndReadsWhatItWrites() {
        SparseMemory memory = new SparseMemory(40);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, SHAPES);
        long[] tables = {0x4_0000L, 0x9000L, 0x2_1000L};
        SplittableRandom random = new SplittableRandom(7);
        for (int level = 0; level < 3; level++) {
            int size = SHAPES.entrySize(level);
            long mask = size == 8 ? -1L : 0xFFFF_FFFFL;
            for (int n = 0; n < 200; n++) {
                int index = random.nextInt(SHAPES.entryCount(level));
                long raw = random.nextLong() & mask;
                try (TableView view = access.open(level, tables[level], 0)) {
                    view.write(index, raw);
                }
                assertEquals(
                        raw,
                        memory.readEntry(tables[level] + (long) index * size, size),
                        "level " + level + " entry " + index);
                long other = random.nextLong() & mask;
                int otherIndex = random.nextInt(SHAPES.entryCount(level));
                memory.writeEntry(tables[level] + (long) otherIndex * size, size, other);
                try (TableView view = access.open(level, tables[level], 0)) {
                    assertEquals(
                            other,
                            view.read(otherIndex),
                            "level " + level + " entry " + otherIndex);
                }
            }
        }
    }

    @Test
    void aFourByteEntryLeavesItsNeighbourInTheSameWordAlone() {
        SparseMemory memory = new SparseMemory(40);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, SHAPES);
        try (TableView view = access.open(1, 0x9000L, 0)) {
            view.write(6, 0xAAAA_0001L);
            view.write(7, 0xBBBB_0002L);
            view.write(6, 0x1234_5678L);
        }
        assertEquals(0xBBBB_0002_1234_5678L, memory.readLong(0x9000L + 24));
    }

    @Test
    void aViewOfAnUntouchedTableSeesWritesMadeBehindItsBack() {
        SparseMemory memory = new SparseMemory(40);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, SHAPES);
        for (int level = 0; level < 3; level++) {
            long table = 0x10_0000L * (level + 1);
            TableView first = access.open(level, table, 0);
            assertEquals(0, first.read(3));
            memory.writeEntry(table + 3L * SHAPES.entrySize(level), SHAPES.entrySize(level), 0x77L);
            TableView again = access.open(level, table, 0);
            assertSame(first, again, "one reusable view per level");
            assertEquals(0x77L, again.read(3), "level " + level);
            memory.zero(table & ~0xFFFL, 0x1000);
            assertEquals(
                    0,
                    access.open(level, table, 0).read(3),
                    "level " + level + " after its frame was given back");
        }
    }
}
