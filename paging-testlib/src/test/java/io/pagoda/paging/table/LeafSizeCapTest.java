package io.pagoda.paging.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import org.junit.jupiter.api.Test;

/**
 * A contiguous map may cap its leaves: on x86-64's shape (4 KiB pages, 2 MiB and 1 GiB blocks) 2
 * GiB at a 1 GiB aligned address and frame fit two 1 GiB blocks, but "at most 2 MiB" must use 1,024
 * blocks of 2 MiB instead.
 */
class LeafSizeCapTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private static long leafSizeAt(LeafSizePolicy policy, long probe) {
        Fixture f = new Fixture(ToyArchitecture.fourLevel());
        f.hierarchy.mapContiguous(GIB, 4 * GIB, 2 * GIB, RW, policy);
        Translation t = f.hierarchy.translate(GIB + probe);
        assertEquals(4 * GIB + probe, t.physicalAddress());
        return t.size();
    }

    @Test
    void theLargestFittingLeafIsAGibibyteBlock() {
        assertEquals(GIB, leafSizeAt(LeafSizePolicy.LARGEST_FITTING, 0x1234_5000L));
    }

    @Test
    void aCapOfTwoMebibytesUsesTwoMebibyteBlocksWhereGibibytesWouldFit() {
        assertEquals(2 * MIB, leafSizeAt(LeafSizePolicy.atMost(2 * MIB), 0));
        assertEquals(2 * MIB, leafSizeAt(LeafSizePolicy.atMost(2 * MIB), 2 * GIB - 4096));
    }

    @Test
    void aCapBetweenLeafSizesAllowsTheSizesBelowIt() {
        assertEquals(2 * MIB, leafSizeAt(LeafSizePolicy.atMost(256 * MIB), GIB + 0x1000L));
    }

    @Test
    void aCapOfOnePageMeansPagesOnly() {
        assertEquals(4096, leafSizeAt(LeafSizePolicy.atMost(4096), 0x20_0000L));
        assertEquals(
                LeafSizePolicy.PAGES_ONLY.allowsBlock(2 * MIB),
                LeafSizePolicy.atMost(4096).allowsBlock(2 * MIB));
    }

    @Test
    void aCapThatIsNoPowerOfTwoIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LeafSizePolicy.atMost(3 * MIB));
        assertThrows(IllegalArgumentException.class, () -> LeafSizePolicy.atMost(0));
    }

    @Test
    void aFrameSourceGetsBlocksWhereItCanSupplyThemAndPagesElsewhere() {
        Fixture f = new Fixture(ToyArchitecture.fourLevel());
        long gib = GIB;
        // frames for 4 MiB: the first 2 MiB from one 2 MiB aligned run, the rest page by page from
        // scattered frames
        FrameSource source =
                new FrameSource() {
                    @Override
                    public boolean canSupplyLeaf(long offset, long size) {
                        return offset == 0 && size == 2 * MIB;
                    }

                    @Override
                    public long frameFor(long offset, long size) {
                        return offset < 2 * MIB
                                ? 6 * gib + offset
                                : 7 * gib + 2 * (offset - 2 * MIB);
                    }

                    @Override
                    public boolean isPredictable() {
                        return true;
                    }
                };
        f.hierarchy.map(gib, 4 * MIB, source, RW, LeafSizePolicy.LARGEST_FITTING);
        Translation block = f.hierarchy.translate(gib + 0x1_2345L);
        assertEquals(2 * MIB, block.size());
        assertEquals(6 * gib + 0x1_2345L, block.physicalAddress());
        Translation page = f.hierarchy.translate(gib + 3 * MIB + 0x10L);
        assertEquals(4096, page.size());
        assertEquals(7 * gib + 2 * MIB + 0x10L, page.physicalAddress());
    }

    @Test
    void aFrameSourceWithoutAPolicyGetsPagesOnly() {
        Fixture f = new Fixture(ToyArchitecture.fourLevel());
        f.hierarchy.map(GIB, 2 * MIB, FrameSource.contiguous(6 * GIB), RW);
        assertEquals(4096, f.hierarchy.translate(GIB).size());
    }

    @Test
    void aRangeStartingOnAnUpperEntryBoundaryNeedsNoTableForAnEmptyPieceBeforeIt() {
        // 4 MiB at a 512 GiB boundary as two 2 MiB blocks: a new L1 and a new L2 table, nothing
        // more (by hand:
        // L0 entry 1 -> new L1 table -> its entry 0 -> new L2 table holding the two blocks); root +
        // 2 frames suffice
        Fixture f = new Fixture(ToyArchitecture.fourLevel(), 3);
        long va = 512 * GIB;
        f.hierarchy.mapContiguous(va, 4 * GIB, 4 * MIB, RW, LeafSizePolicy.LARGEST_FITTING);
        assertEquals(2 * MIB, f.hierarchy.translate(va + 3 * MIB).size());
        assertEquals(4 * GIB + 3 * MIB, f.hierarchy.translate(va + 3 * MIB).physicalAddress());
        assertEquals(0, f.frames.freeCount());
    }
}
