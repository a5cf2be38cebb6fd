package io.pagoda.paging.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.AlreadyMappedException;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.testlib.toy.ToyFormat;
import io.pagoda.paging.testlib.toy.ToyIndex;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MapTest {
    private static final MappingFlags USER_RW = MappingFlags.of(MappingAccessRights.USER_RW);

    @Test
    void mapsFramesFromAnIteratorAcrossTablesOfUnequalFanOut() {
        Fixture f = Fixture.unequal();
        // 0x7F000 .. 0x81000 crosses a MID entry (512 KiB) boundary; 130 pages cross a LEAF table
        // (128 entries)
        long va = 0x7_E000L;
        long[] frames = LongStream.range(0, 130).map(i -> 0x4000_0000L + i * 0x3000).toArray();
        f.hierarchy.map(
                va,
                130 * 4096L,
                FrameSource.pages(LongStream.of(frames).iterator(), 4096),
                USER_RW);

        for (int i = 0; i < frames.length; i++) {
            long page = va + i * 4096L;
            long raw = ToyIndex.leafEntry(f.memory, f.hierarchy.rootTable(), page);
            long expected =
                    frames[i]
                            | ToyFormat.VALID
                            | ToyFormat.TABLE_OR_PAGE
                            | ToyFormat.WRITABLE
                            | ToyFormat.USER;
            assertEquals(expected, raw, "raw leaf of page " + Long.toHexString(page));
            assertEquals(frames[i] + 0x123, f.hierarchy.translate(page + 0x123).physicalAddress());
        }
        // the pages before and after stay available
        assertEquals(PageState.AVAILABLE, f.hierarchy.translate(va - 4096).state());
        assertEquals(PageState.AVAILABLE, f.hierarchy.translate(va + 130 * 4096L).state());
        // the root, one MID table (top entry 0) and two LEAF tables (MID entries 0 and 1)
        assertEquals(1 + 1 + 2, f.frames.allocatedCount());
        assertTrue(f.flusher.flushes.isEmpty(), "filling unused entries needs no TLB flush");
    }

    @Test
    void placesBlocksWhereBothSidesAlignAndPagesElsewhere() {
        Fixture f = Fixture.unequal();
        // virtual 0x7_F000 .. 0x110_1000, physical offset by the same amount from a 512 KiB aligned
        // base
        long va = 0x7_F000L;
        long pa = 0x8007_F000L;
        long length = 0x110_1000L - va;
        f.hierarchy.mapContiguous(va, pa, length, USER_RW, LeafSizePolicy.LARGEST_FITTING);
        // the first page is a 4 KiB page, then 512 KiB blocks from 0x8_0000
        assertEquals(4096, f.hierarchy.translate(va).size());
        assertEquals(0x8_0000, f.hierarchy.translate(0x8_0000).size());
        long block = ToyIndex.midEntry(f.memory, f.hierarchy.rootTable(), 0x8_0000);
        assertEquals(0x8008_0000L | ToyFormat.VALID | ToyFormat.WRITABLE | ToyFormat.USER, block);
        for (long probe = va; probe < va + length; probe += 0x1_1000) {
            assertEquals(pa + (probe - va), f.hierarchy.translate(probe).physicalAddress());
        }
        assertEquals(4096, f.hierarchy.translate(0x110_0000).size());
    }

    @Test
    void pagesOnlyNeverUsesBlocks() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(0, 0x8000_0000L, 0x10_0000, USER_RW, LeafSizePolicy.PAGES_ONLY);
        assertEquals(4096, f.hierarchy.translate(0x8_0000).size());
    }

    @Test
    void refusesToMapOverAPresentPageAndChangesNothing() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                0x20_5000, 0x9000_0000L, 4096, USER_RW, LeafSizePolicy.PAGES_ONLY);
        Fixture.Snapshot before = f.snapshot();
        AlreadyMappedException e =
                assertThrows(
                        AlreadyMappedException.class,
                        () ->
                                f.hierarchy.mapContiguous(
                                        0x20_0000,
                                        0xA000_0000L,
                                        0x10000,
                                        USER_RW,
                                        LeafSizePolicy.PAGES_ONLY));
        assertTrue(e.getMessage().contains("0x205000"), e.getMessage());
        assertTrue(before.memory().contentEquals(f.memory));
        assertEquals(before.allocated().length, f.frames.allocatedCount());
    }

    @Test
    void carriesMemoryTypeAndGlobal() {
        Fixture f = Fixture.unequal();
        MappingFlags flags =
                new MappingFlags(MappingAccessRights.KERNEL_RX, MemoryType.DEVICE, true);
        f.hierarchy.mapContiguous(0x400_0000, 0xFE00_0000L, 4096, flags, LeafSizePolicy.PAGES_ONLY);
        assertEquals(flags, f.hierarchy.translate(0x400_0000).flags());
    }

    @Test
    void refusesRightsTheFormatCannotExpressInsteadOfDroppingThem() {
        // seed defect 8: EXECUTABLE was silently dropped on i386; here the format refuses and
        // nothing changes
        Fixture f = Fixture.unequal();
        Fixture.Snapshot before = f.snapshot();
        assertThrows(
                RightsNotExpressibleException.class,
                () ->
                        f.hierarchy.mapContiguous(
                                0,
                                0x8000_0000L,
                                4096,
                                MappingFlags.of(MappingAccessRights.WRITABLE),
                                LeafSizePolicy.PAGES_ONLY));
        assertThrows(
                RightsNotExpressibleException.class,
                () ->
                        f.hierarchy.mapContiguous(
                                0,
                                0x8000_0000L,
                                4096,
                                MappingFlags.of(MappingAccessRights.NONE),
                                LeafSizePolicy.PAGES_ONLY));
        assertTrue(before.memory().contentEquals(f.memory));
    }
}
