package io.pagoda.paging.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import org.junit.jupiter.api.Test;

/**
 * A map from {@link FrameSource#contiguous} takes its frames by arithmetic and checks the run once;
 * a run it cannot clear up front (misaligned, or past the physical width of the toy's 40 bits) is
 * still refused page by page as before, with nothing changed.
 */
class ContiguousFrameSourceTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);
    private static final long VA = 1L << 30;

    @Test
    void everyPageGetsTheFrameAtItsOffset() {
        Fixture f = new Fixture(ToyArchitecture.fourLevel());
        f.hierarchy.map(VA, 4L << 20, FrameSource.contiguous(0x8000_0000L), RW);
        for (long offset = 0; offset < (4L << 20); offset += 0x3_1000L) {
            Translation t = f.hierarchy.translate(VA + offset + 0x10);
            assertEquals(0x8000_0000L + offset + 0x10, t.physicalAddress());
            assertEquals(4096, t.size(), "no policy: pages only");
        }
    }

    @Test
    void aMisalignedRunIsRefusedWithNothingChanged() {
        Fixture f = new Fixture(ToyArchitecture.fourLevel());
        Fixture.Snapshot before = f.snapshot();
        assertThrows(
                MisalignedAddressException.class,
                () -> f.hierarchy.map(VA, 1L << 20, FrameSource.contiguous(0x8000_0800L), RW));
        assertUnchanged(before, f);
    }

    @Test
    void aRunPastThePhysicalWidthIsRefusedWithNothingChanged() {
        Fixture f = new Fixture(ToyArchitecture.fourLevel());
        Fixture.Snapshot before = f.snapshot();
        long lastFrames = (1L << ToyArchitecture.PHYSICAL_BITS) - (1L << 20);
        // the first half fits below 2^40, the second does not
        assertThrows(
                PhysicalAddressException.class,
                () -> f.hierarchy.map(VA, 2L << 20, FrameSource.contiguous(lastFrames), RW));
        assertUnchanged(before, f);
    }

    private static void assertUnchanged(Fixture.Snapshot before, Fixture f) {
        assertEquals(-1, before.memory().firstDifference(f.memory));
        assertArrayEquals(before.allocated(), f.frames.allocatedFrames());
        assertEquals(before.flushes(), f.flusher.flushes.size());
    }
}
