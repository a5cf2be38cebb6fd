package io.pagoda.paging.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.testarch.ToyArchitecture;
import org.junit.jupiter.api.Test;

/**
 * A contiguous map may cap its leaves: on x86-64's shape (4 KiB pages, 2 MiB and 1 GiB blocks) 2 GiB at a 1 GiB
 * aligned address and frame fit two 1 GiB blocks, but "at most 2 MiB" must use 1,024 blocks of 2 MiB instead.
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
        assertEquals(LeafSizePolicy.PAGES_ONLY.allowsBlock(2 * MIB), LeafSizePolicy.atMost(4096).allowsBlock(2 * MIB));
    }

    @Test
    void aCapThatIsNoPowerOfTwoIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LeafSizePolicy.atMost(3 * MIB));
        assertThrows(IllegalArgumentException.class, () -> LeafSizePolicy.atMost(0));
    }
}
