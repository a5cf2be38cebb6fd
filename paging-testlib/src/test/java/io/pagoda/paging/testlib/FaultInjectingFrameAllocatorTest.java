package io.pagoda.paging.testlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import org.junit.jupiter.api.Test;

class FaultInjectingFrameAllocatorTest {

    @Test
    void faultInjectionFailsExactlyTheChosenAllocation() {
        FaultInjectingFrameAllocator allocator =
                new FaultInjectingFrameAllocator(new BitmapFrameAllocator(0, 8, 4096));
        allocator.failAllocation(2);
        allocator.allocate();
        allocator.allocate();
        assertThrows(OutOfPhysicalMemoryException.class, allocator::allocate);
        assertEquals(2, allocator.allocatedCount());
        long third = allocator.allocate();
        assertArrayEquals(new long[] {0, 0x1000, third}, allocator.allocatedFrames());
    }
}
