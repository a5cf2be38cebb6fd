package io.pagoda.paging.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.InvalidRangeException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Seed defect 1: a failure half-way left a partly changed hierarchy. Each operation here is run
 * with allocation failure injected at every allocation point it has; after each failure the table
 * memory, the allocator and the flushes must be exactly as before.
 */
class AllOrNothingTest {
    private static final long MID_SPAN = 1L << 19;
    private static final long TOP_SPAN = 1L << 25;
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);

    /** A populated hierarchy with blocks, huge guards and pages to split and extend. */
    private static Fixture populated() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                MID_SPAN, 0x8008_0000L, 2 * MID_SPAN, RW, LeafSizePolicy.LARGEST_FITTING);
        f.hierarchy.guard(TOP_SPAN, 2 * TOP_SPAN);
        f.hierarchy.mapContiguous(
                0x10_0000 + 3 * MID_SPAN, 0x9000_0000L, 0x5000, RW, LeafSizePolicy.PAGES_ONLY);
        return f;
    }

    private static void failAtEveryAllocation(String name, Consumer<Fixture> operation) {
        int failures = 0;
        for (int point = 0; point < 64; point++) {
            Fixture f = populated();
            Fixture.Snapshot before = f.snapshot();
            f.allocator.failAllocation(point);
            try {
                operation.accept(f);
            } catch (OutOfPhysicalMemoryException expected) {
                failures++;
                long diff = before.memory().firstDifference(f.memory);
                assertEquals(
                        -1,
                        diff,
                        name
                                + ", failure at allocation "
                                + point
                                + ": memory differs at 0x"
                                + Long.toHexString(diff));
                assertArrayEquals(
                        before.allocated(),
                        f.frames.allocatedFrames(),
                        name + ": allocator state changed");
                assertEquals(
                        before.flushes(),
                        f.flusher.flushes.size(),
                        name + ": a flush was reported");
                continue;
            }
            assertTrue(
                    f.allocator.allocationsAttempted() <= point,
                    name + " succeeded although allocation " + point + " failed");
            assertTrue(failures > 0, name + " never allocated, so it proves nothing here");
            return;
        }
        fail(name + " still allocates after 64 points");
    }

    @Test
    void mapIsAllOrNothing() {
        failAtEveryAllocation(
                "map across fresh tables",
                f ->
                        f.hierarchy.mapContiguous(
                                TOP_SPAN * 3 + MID_SPAN - 0x3000,
                                0xA000_0000L,
                                MID_SPAN * 3,
                                RW,
                                LeafSizePolicy.PAGES_ONLY));
    }

    @Test
    void guardIsAllOrNothing() {
        failAtEveryAllocation(
                "guard with partial entries",
                f -> f.hierarchy.guard(0x10_0000 + 3 * MID_SPAN + 0x8000, MID_SPAN * 2));
    }

    @Test
    void unmapSplittingBlocksAndHugeGuardsIsAllOrNothing() {
        failAtEveryAllocation(
                "unmap splitting a block",
                f -> f.hierarchy.unmap(MID_SPAN + 0x1000, MID_SPAN, UnmapCallback.NONE));
        failAtEveryAllocation(
                "unmap splitting huge guards",
                f -> f.hierarchy.unmap(TOP_SPAN + MID_SPAN + 0x1000, TOP_SPAN, UnmapCallback.NONE));
    }

    @Test
    void protectSplittingABlockIsAllOrNothing() {
        failAtEveryAllocation(
                "protect part of a block",
                f ->
                        f.hierarchy.protect(
                                MID_SPAN + 0x7000,
                                0x1000,
                                MappingFlags.of(MappingAccessRights.READABLE)));
    }

    @Test
    void aFrameSourceRunningDryHalfWayUndoesTheMapAndFreesNewTables() {
        Fixture f = populated();
        Fixture.Snapshot before = f.snapshot();
        long[] frames = LongStream.range(0, 300).map(i -> 0xB000_0000L + i * 4096).toArray();
        long va = 3 * TOP_SPAN + MID_SPAN - 0x10_000;
        try {
            f.hierarchy.map(
                    va, 400 * 4096L, FrameSource.pages(LongStream.of(frames).iterator(), 4096), RW);
            fail("300 frames cannot back 400 pages");
        } catch (InvalidRangeException expected) {
            assertTrue(expected.getMessage().contains("300"), expected.getMessage());
        }
        assertEquals(-1, before.memory().firstDifference(f.memory));
        assertArrayEquals(before.allocated(), f.frames.allocatedFrames());
    }

    @Test
    void aMisalignedFrameHalfWayUndoesTheMap() {
        Fixture f = populated();
        Fixture.Snapshot before = f.snapshot();
        long[] frames = {0xB000_0000L, 0xB000_1000L, 0xB000_2800L};
        try {
            f.hierarchy.map(3 * TOP_SPAN, 3 * 4096L, FrameSource.pages(frames, 4096), RW);
            fail("a misaligned frame must be refused");
        } catch (MisalignedAddressException expected) {
            assertTrue(expected.getMessage().contains("0xB0002800"), expected.getMessage());
        }
        assertEquals(-1, before.memory().firstDifference(f.memory));
        assertArrayEquals(before.allocated(), f.frames.allocatedFrames());
    }
}
