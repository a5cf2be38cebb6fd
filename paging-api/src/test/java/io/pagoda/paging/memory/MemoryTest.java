package io.pagoda.paging.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.error.FrameOwnershipException;
import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import io.pagoda.paging.error.PhysicalAddressException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemoryTest {

    @Test
    void sparseMemoryIsLittleEndianAcrossEveryWidth() {
        SparseMemory memory = new SparseMemory(36);
        memory.writeLong(0x1000, 0x0807_0605_0403_0201L);
        for (int i = 0; i < 8; i++) {
            assertEquals(i + 1, memory.readByte(0x1000 + i));
        }
        assertEquals(0x0403_0201, memory.readInt(0x1000));
        assertEquals(0x0807_0605, memory.readInt(0x1004));
        assertEquals(0x0504_0302, memory.readInt(0x1001), "unaligned int");
        memory.writeInt(0x1004, 0xAABB_CCDD);
        assertEquals(0xAABB_CCDD_0403_0201L, memory.readLong(0x1000));
        memory.writeLong(0x1FFC, 0x1122_3344_5566_7788L);
        assertEquals(0x5566_7788, memory.readInt(0x1FFC), "a long straddling two frames");
        assertEquals(0x1122_3344, memory.readInt(0x2000));
        assertEquals(0, memory.readEntry(0x3000, 4), "untouched memory reads as zero");
    }

    @Test
    void untouchedMemoryReadsZeroAndAllocatesNothing() {
        SparseMemory memory = new SparseMemory(52);
        assertEquals(0, memory.readLong(0xF_FFFF_FFFF_F000L));
        memory.writeLong(0x5000, 0);
        assertEquals(
                0, memory.touchedFrames(), "writing zero to untouched memory allocates no frame");
        memory.writeByte(0x5001, (byte) 1);
        assertEquals(1, memory.touchedFrames());
    }

    @Test
    void addressesPastThePhysicalWidthAreRefused() {
        SparseMemory memory = new SparseMemory(32);
        PhysicalAddressException e =
                assertThrows(PhysicalAddressException.class, () -> memory.readLong(0xFFFF_FFFCL));
        assertTrue(e.getMessage().contains("0xFFFFFFFC"), e.getMessage());
        assertThrows(PhysicalAddressException.class, () -> memory.writeInt(1L << 32, 1));
        assertThrows(PhysicalAddressException.class, () -> memory.readByte(-1));
    }

    @Test
    void growsAndCopiesManyFrames() {
        SparseMemory memory = new SparseMemory(40);
        for (long i = 0; i < 5000; i++) {
            memory.writeLong(i * 0x1000 * 7, i + 1);
        }
        SparseMemory copy = memory.copy();
        for (long i = 0; i < 5000; i++) {
            assertEquals(i + 1, copy.readLong(i * 0x1000 * 7));
        }
        assertTrue(copy.contentEquals(memory));
        copy.writeByte(0x7000 * 4999 + 5, (byte) 9);
        assertEquals(0x7000L * 4999, memory.firstDifference(copy));
    }

    @Test
    void allocatorHandsOutEveryFrameOnceThenReportsExhaustion() {
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x10_0000, 100, 4096);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            long frame = allocator.allocate();
            assertTrue(
                    frame >= 0x10_0000 && frame < 0x10_0000 + 100 * 4096 && (frame & 0xFFF) == 0);
            assertTrue(seen.add(frame));
        }
        OutOfPhysicalMemoryException e =
                assertThrows(OutOfPhysicalMemoryException.class, allocator::allocate);
        assertTrue(e.getMessage().contains("100 frames"), e.getMessage());
        allocator.free(0x10_5000);
        assertEquals(0x10_5000, allocator.allocate());
    }

    @Test
    void allocatorDetectsDoubleFreeAndForeignFrames() {
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x10_0000, 8, 4096);
        long frame = allocator.allocate();
        allocator.free(frame);
        FrameOwnershipException twice =
                assertThrows(FrameOwnershipException.class, () -> allocator.free(frame));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
        assertThrows(FrameOwnershipException.class, () -> allocator.free(0x9000));
        assertThrows(FrameOwnershipException.class, () -> allocator.free(0x10_0800));
        assertThrows(FrameOwnershipException.class, () -> allocator.free(0x10_8000));
        assertFalse(allocator.isAllocated(0x10_0000));
        assertEquals(0, allocator.allocatedCount());
    }
}
