package io.pagoda.paging.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.AlreadyMappedException;
import io.pagoda.paging.error.NotMappedException;
import io.pagoda.paging.testlib.toy.ToyFormat;
import io.pagoda.paging.testlib.toy.ToyIndex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardUnmapTest {
    private static final long TOP_SPAN = 1L << 25;
    private static final long MID_SPAN = 1L << 19;
    private static final MappingFlags KERNEL_RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);

    @Test
    void guardsAWholeUpperEntryWithOneHugeGuard() {
        Fixture f = Fixture.unequal();
        f.hierarchy.guard(TOP_SPAN, TOP_SPAN);
        assertEquals(
                ToyFormat.GUARD, ToyIndex.topEntry(f.memory, f.hierarchy.rootTable(), TOP_SPAN));
        assertEquals(1, f.frames.allocatedCount(), "a huge guard needs no table");
        Translation t = f.hierarchy.translate(TOP_SPAN + 0x12_3000);
        assertEquals(PageState.GUARDED, t.state());
        assertEquals(0, t.level());
    }

    @Test
    void guardsPartOfAnEntryWithTheLargestGuardsThatFit() {
        Fixture f = Fixture.unequal();
        // one page, then a whole MID entry, then one page
        long start = MID_SPAN - 4096;
        f.hierarchy.guard(start, MID_SPAN + 8192);
        long root = f.hierarchy.rootTable();
        assertEquals(ToyFormat.GUARD, ToyIndex.leafEntry(f.memory, root, start));
        assertEquals(ToyFormat.GUARD, ToyIndex.midEntry(f.memory, root, MID_SPAN));
        assertEquals(ToyFormat.GUARD, ToyIndex.leafEntry(f.memory, root, 2 * MID_SPAN));
        assertEquals(0, ToyIndex.leafEntry(f.memory, root, 2 * MID_SPAN + 4096));
        assertEquals(0, ToyIndex.leafEntry(f.memory, root, start - 4096));
    }

    @Test
    void guardingOverAGuardIsAnError() {
        Fixture f = Fixture.unequal();
        f.hierarchy.guard(0, MID_SPAN);
        assertThrows(AlreadyMappedException.class, () -> f.hierarchy.guard(MID_SPAN - 4096, 8192));
    }

    @Test
    void unmapCallsBackWithEveryFrameAndClearsTheEntries() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                0x30_0000, 0x7000_0000L, 0x4000, KERNEL_RW, LeafSizePolicy.PAGES_ONLY);
        List<long[]> seen = new ArrayList<>();
        f.hierarchy.unmap(0x30_0000, 0x4000, (va, pa, size) -> seen.add(new long[] {va, pa, size}));
        assertEquals(4, seen.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(0x30_0000L + i * 4096, seen.get(i)[0]);
            assertEquals(0x7000_0000L + i * 4096, seen.get(i)[1]);
            assertEquals(4096, seen.get(i)[2]);
            assertEquals(
                    0,
                    ToyIndex.leafEntry(f.memory, f.hierarchy.rootTable(), 0x30_0000L + i * 4096));
        }
        // one flush for the whole operation, over exactly the unmapped range (seed defect 6)
        assertEquals(1, f.flusher.flushes.size());
        assertEquals(0x30_0000L, f.flusher.flushes.get(0)[0]);
        assertEquals(0x30_3FFFL, f.flusher.flushes.get(0)[1]);
    }

    @Test
    void unmapOfAHoleIsAnErrorNamingTheAddressAndChangesNothing() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                0x30_0000, 0x7000_0000L, 0x2000, KERNEL_RW, LeafSizePolicy.PAGES_ONLY);
        f.hierarchy.mapContiguous(
                0x30_3000, 0x7000_3000L, 0x1000, KERNEL_RW, LeafSizePolicy.PAGES_ONLY);
        Fixture.Snapshot before = f.snapshot();
        NotMappedException e =
                assertThrows(
                        NotMappedException.class,
                        () -> f.hierarchy.unmap(0x30_0000, 0x4000, UnmapCallback.NONE));
        assertTrue(e.getMessage().contains("0x302000"), e.getMessage());
        assertTrue(before.memory().contentEquals(f.memory));
        assertEquals(before.flushes(), f.flusher.flushes.size());
    }

    @Test
    void unmapSplitsAHugeGuardStartingInsideItAndKeepsBothEndsGuarded() {
        // seed defect 2: the seed un-guarded memory before the start and left the tail guarded
        Fixture f = Fixture.unequal();
        f.hierarchy.guard(0, 2 * TOP_SPAN);
        long start = TOP_SPAN / 2 + 4096;
        f.hierarchy.unmap(start, TOP_SPAN, UnmapCallback.NONE);
        assertEquals(PageState.GUARDED, f.hierarchy.translate(0).state());
        assertEquals(PageState.GUARDED, f.hierarchy.translate(start - 4096).state());
        assertEquals(PageState.AVAILABLE, f.hierarchy.translate(start).state());
        assertEquals(PageState.AVAILABLE, f.hierarchy.translate(start + TOP_SPAN - 4096).state());
        assertEquals(PageState.GUARDED, f.hierarchy.translate(start + TOP_SPAN).state());
        assertEquals(PageState.GUARDED, f.hierarchy.translate(2 * TOP_SPAN - 4096).state());
        assertTrue(
                f.flusher.flushes.isEmpty(),
                "guards are never cached, so splitting one needs no flush");
    }

    @Test
    void unmapOfPartOfABlockKeepsTheRestMappedToTheSameFrames() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                MID_SPAN, 0x8000_0000L, MID_SPAN, KERNEL_RW, LeafSizePolicy.LARGEST_FITTING);
        assertEquals(MID_SPAN, f.hierarchy.translate(MID_SPAN).size());
        List<Long> freed = new ArrayList<>();
        f.hierarchy.unmap(MID_SPAN + 0x10000, 0x2000, (va, pa, size) -> freed.add(pa));
        assertEquals(List.of(0x8001_0000L, 0x8001_1000L), freed);
        for (long off = 0; off < MID_SPAN; off += 4096) {
            Translation t = f.hierarchy.translate(MID_SPAN + off);
            if (off == 0x10000 || off == 0x11000) {
                assertEquals(PageState.AVAILABLE, t.state());
            } else {
                assertEquals(0x8000_0000L + off, t.physicalAddress());
                assertEquals(MappingAccessRights.KERNEL_RW, t.flags().rights());
            }
        }
        // the block's translation is replaced, so its whole span is flushed once
        assertEquals(1, f.flusher.flushes.size());
        assertEquals(MID_SPAN, f.flusher.flushes.get(0)[0]);
        assertEquals(2 * MID_SPAN - 1, f.flusher.flushes.get(0)[1]);
    }

    @Test
    void unmapClearsGuardsWithoutCallingBack() {
        Fixture f = Fixture.unequal();
        f.hierarchy.guard(0x1000, 0x1000);
        f.hierarchy.unmap(
                0x1000,
                0x1000,
                (va, pa, size) -> {
                    throw new AssertionError("a guard has no frame");
                });
        assertEquals(PageState.AVAILABLE, f.hierarchy.translate(0x1000).state());
    }

    @Test
    void reclaimsEmptyTablesOnRequestOnly() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                0x30_0000, 0x7000_0000L, 0x2000, KERNEL_RW, LeafSizePolicy.PAGES_ONLY);
        long withTables = f.frames.allocatedCount();
        f.hierarchy.unmap(0x30_0000, 0x2000, UnmapCallback.NONE);
        assertEquals(
                withTables,
                f.frames.allocatedCount(),
                "unmap leaves empty tables, as the seed did");
        int freed = f.hierarchy.reclaimEmptyTables(0, TOP_SPAN);
        assertEquals(2, freed);
        assertEquals(1, f.frames.allocatedCount());
        assertEquals(0, ToyIndex.topEntry(f.memory, f.hierarchy.rootTable(), 0));
    }
}
