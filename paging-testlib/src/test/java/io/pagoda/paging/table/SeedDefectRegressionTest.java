package io.pagoda.paging.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import io.pagoda.paging.testlib.toy.ToyFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regressions for the seed's defects that the other test classes do not already name: 5 (link
 * before zero), 6 (one flush per operation) and 7 (one page size, equal fan-out, no sign
 * extension). Defect 1 is {@link AllOrNothingTest}, 2 is in {@link GuardUnmapTest}, 3 in {@link
 * FindSpaceTest}, 4 in {@link BadInputTest}, 8 in {@link MapTest}; 9 in {@code
 * mmu.SwitchableHierarchyTest} (closing the active one) and 10 in {@code
 * mmu.ActiveDecisionRaceTest} (the active/inactive decision under the operation's lock).
 */
class SeedDefectRegressionTest {

    /** Records every entry write in order, as (table, index, value). */
    private static final class RecordingAccess implements TableAccess {
        final PhysicalTableAccess physical;
        final List<long[]> writes = new ArrayList<>();

        RecordingAccess(PhysicalTableAccess physical) {
            this.physical = physical;
        }

        private TableView record(TableView view) {
            return new TableView() {
                @Override
                public long physicalAddress() {
                    return view.physicalAddress();
                }

                @Override
                public long read(int index) {
                    return view.read(index);
                }

                @Override
                public void write(int index, long raw) {
                    writes.add(new long[] {view.physicalAddress(), index, raw});
                    view.write(index, raw);
                }

                @Override
                public void close() {
                    view.close();
                }
            };
        }

        @Override
        public TableView open(int level, long table, long linearBase) {
            return record(physical.open(level, table, linearBase));
        }

        @Override
        public TableView openUnlinked(int level, long table) {
            return record(physical.openUnlinked(level, table));
        }
    }

    @Test
    void defect5ANewTableIsZeroedBeforeItIsLinked() {
        ToyArchitecture toy = ToyArchitecture.unequal();
        SparseMemory memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
        BitmapFrameAllocator frames = new BitmapFrameAllocator(0x100_0000L, 64, 4096);
        // garbage in every frame the allocator will hand out, as in real reused memory
        for (long a = 0x100_0000L; a < 0x100_0000L + 64 * 4096; a += 8) {
            memory.writeLong(a, 0xDEAD_0000_0000_0001L);
        }
        RecordingAccess access =
                new RecordingAccess(new PhysicalTableAccess(memory, toy.root().geometry()));
        long root = TableHierarchy.allocateRoot(toy.root(), access, frames);
        TableHierarchy hierarchy =
                new TableHierarchy(toy.root(), 40, root, access, frames, NoFlush.INSTANCE);
        access.writes.clear();
        hierarchy.mapContiguous(
                0x30_0000,
                0x8000_0000L,
                0x1000,
                MappingFlags.of(MappingAccessRights.KERNEL_RW),
                LeafSizePolicy.PAGES_ONLY);

        // a link is a valid entry pointing into the allocator's frames; before it, all of that
        // table was zeroed
        int links = 0;
        for (int i = 0; i < access.writes.size(); i++) {
            long[] w = access.writes.get(i);
            long child = w[2] & ToyFormat.ADDRESS;
            if ((w[2] & ToyFormat.VALID) == 0
                    || child < 0x100_0000L
                    || child >= 0x100_0000L + 64 * 4096) {
                continue;
            }
            links++;
            long zeroed =
                    access.writes.subList(0, i).stream()
                            .filter(x -> x[0] == child && x[2] == 0)
                            .count();
            int entries = w[0] == root ? 64 : 128;
            assertEquals(
                    entries,
                    zeroed,
                    "table "
                            + Long.toHexString(child)
                            + " linked before all its entries were zeroed");
        }
        assertEquals(2, links, "a MID and a LEAF table were linked");
        assertEquals(0x8000_0000L, hierarchy.translate(0x30_0000).physicalAddress());
        assertEquals(
                PageState.AVAILABLE,
                hierarchy.translate(0x30_1000).state(),
                "garbage must not be mapped");
    }

    @Test
    void defect6OneFlushPerOperationCoveringTheChangedRange() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                0,
                0x8000_0000L,
                0x40_0000,
                MappingFlags.of(MappingAccessRights.KERNEL_RW),
                LeafSizePolicy.PAGES_ONLY);
        assertTrue(f.flusher.flushes.isEmpty(), "P 0 -> 1 needs no invalidation");
        f.hierarchy.protect(0, 0x40_0000, MappingFlags.of(MappingAccessRights.READABLE));
        f.hierarchy.unmap(0, 0x40_0000, UnmapCallback.NONE);
        assertEquals(
                2, f.flusher.flushes.size(), "1024 pages changed twice: two flushes, not 2048");
        assertEquals(0x3F_FFFFL, f.flusher.flushes.get(1)[1]);
    }

    @Test
    void defect6GlobalMappingsAreReportedAsSuch() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                0x400_0000,
                0x8000_0000L,
                0x1000,
                MappingFlags.of(MappingAccessRights.KERNEL_RW).withGlobal(true),
                LeafSizePolicy.PAGES_ONLY);
        f.hierarchy.unmap(0x400_0000, 0x1000, UnmapCallback.NONE);
        assertEquals(
                1, f.flusher.flushes.get(0)[2], "the flusher must know a global entry went away");
    }

    @Test
    void defect7UpperCanonicalHalfAndBlocksWork() {
        Fixture f = Fixture.uniform();
        long kernel = 0xFFFF_FFC0_0020_0000L;
        f.hierarchy.mapContiguous(
                kernel,
                0x4000_0000L,
                0x40_0000,
                MappingFlags.of(MappingAccessRights.KERNEL_RW),
                LeafSizePolicy.LARGEST_FITTING);
        Translation t = f.hierarchy.translate(kernel + 0x23_4567);
        assertEquals(0x4023_4567L, t.physicalAddress());
        assertEquals(0x20_0000, t.size());
        assertEquals(1, t.level());
        // the top-level index of the sign-extended address is 256, the first of the upper half
        long l0 = f.memory.readLong(f.hierarchy.rootTable() + 8 * 256);
        assertTrue((l0 & ToyFormat.VALID) != 0);
    }
}
