package io.pagoda.paging.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.cpu.PageFaultException;
import io.pagoda.paging.error.AlreadyMappedException;
import io.pagoda.paging.error.HierarchyStateException;
import io.pagoda.paging.error.InvalidRangeException;
import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.testlib.FaultInjectingFrameAllocator;
import io.pagoda.paging.testlib.TlbCoherenceCheck;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AddressSpaceTest {
    private static final MappingFlags USER_RW = MappingFlags.of(MappingAccessRights.USER_RW);
    private static final MappingFlags READ_ONLY = MappingFlags.of(MappingAccessRights.READABLE);

    private final SparseMemory memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
    private final FaultInjectingFrameAllocator allocator =
            new FaultInjectingFrameAllocator(new BitmapFrameAllocator(0x100_0000L, 4096, 4096));

    static Stream<Architecture> architectures() {
        return Stream.of(ToyArchitecture.uniform(), ToyArchitecture.unequal());
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void mapsWritesReadsAndUnmapsFreeingOwnedFrames(Architecture architecture) {
        AddressSpace space = AddressSpace.create(architecture, memory, allocator);
        long before = allocator.allocatedCount();
        long va = 0x20_0000L;
        space.map(va, 0x3000, USER_RW);
        assertEquals(3, space.ownedFrameCount());
        byte[] data = new byte[0x2100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i ^ 0x5A);
        }
        space.write(va + 0x800, data);
        assertArrayEquals(data, space.read(va + 0x800, data.length));
        space.writeLong(va + 0xFFC, 0x0102_0304_0506_0708L);
        assertEquals(0x0102_0304_0506_0708L, space.readLong(va + 0xFFC));
        space.protect(va + 0x1000, 0x1000, READ_ONLY);
        PageFaultException fault =
                assertThrows(PageFaultException.class, () -> space.writeLong(va + 0x1000, 1));
        assertEquals(FaultType.PROTECTION, fault.faultType());
        space.unmap(va, 0x3000);
        assertEquals(0, space.ownedFrameCount());
        assertEquals(PageState.AVAILABLE, space.translate(va).state());
        assertThrows(PageFaultException.class, () -> space.readLong(va));
        assertTrue(
                allocator.allocatedCount() >= before
                        && allocator.allocatedCount()
                                <= before + architecture.roots().get(0).geometry().levelCount(),
                "only tables remain: " + (allocator.allocatedCount() - before));
        TlbCoherenceCheck.assertCoherent(space.cpu());
    }

    @Test
    void physicalMappingsAreNotFreedOnUnmap() {
        AddressSpace space = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        long frame = allocator.allocate();
        space.mapPhysical(0x40_0000L, frame, 0x1000, USER_RW, LeafSizePolicy.PAGES_ONLY);
        space.unmap(0x40_0000L, 0x1000);
        assertTrue(allocator.isAllocated(frame));
    }

    @Test
    void aFailedMapChangesNothingAndLeaksNothing() {
        AddressSpace space = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        space.map(0x40_0000L, 0x1000, USER_RW);
        long[] before = allocator.allocatedFrames();
        SparseMemory snapshot = memory.copy();
        for (int n = 0; n < 5; n++) {
            allocator.failAllocation(n);
            assertThrows(
                    OutOfPhysicalMemoryException.class,
                    () -> space.map(0x8000_0000L, 0x3000, USER_RW));
            allocator.disarm();
            assertArrayEquals(before, allocator.allocatedFrames());
            assertTrue(memory.contentEquals(snapshot), "memory changed at failure " + n);
        }
        assertThrows(AlreadyMappedException.class, () -> space.map(0x3F_F000L, 0x2000, USER_RW));
        assertArrayEquals(before, allocator.allocatedFrames());
        assertEquals(1, space.ownedFrameCount());
    }

    @Test
    void aMapLargerThanTheFreeFramesIsRefusedBeforeAnyWork() {
        AddressSpace space = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        long[] allocatedBefore = allocator.allocatedFrames();
        SparseMemory memoryBefore = memory.copy();
        allocator.disarm();
        // 2^37 bytes are 2^25 pages of 4 KiB against 4,096 frames: refused by arithmetic, with no
        // frame taken
        // and no per-page buffer (the seed's long[pages] ran out of heap before the allocator could
        // say no)
        OutOfPhysicalMemoryException e =
                assertThrows(
                        OutOfPhysicalMemoryException.class,
                        () -> space.map(1L << 30, 1L << 37, USER_RW));
        assertTrue(e.getMessage().contains("33554432 frames"), e.getMessage());
        assertEquals(
                0, allocator.allocationsAttempted(), "no frame may be taken before the refusal");
        assertArrayEquals(allocatedBefore, allocator.allocatedFrames());
        assertEquals(-1, memoryBefore.firstDifference(memory));
        assertEquals(0, space.ownedFrameCount());
    }

    @Test
    void aMapRunningOutOfTableFramesHalfWayFreesEveryFrameItTook() {
        AddressSpace space = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        long free = allocator.freeCount();
        long[] allocatedBefore = allocator.allocatedFrames();
        SparseMemory memoryBefore = memory.copy();
        // as many pages as frames are free: the pages fit, the tables they need do not
        long length = free * 4096;
        assertThrows(
                OutOfPhysicalMemoryException.class, () -> space.map(1L << 30, length, USER_RW));
        assertArrayEquals(allocatedBefore, allocator.allocatedFrames());
        assertEquals(-1, memoryBefore.firstDifference(memory));
        assertEquals(0, space.ownedFrameCount());
        space.map(1L << 30, 0x2000, USER_RW);
        assertEquals(2, space.ownedFrameCount());
    }

    @Test
    void listsCoalescedMappings() {
        AddressSpace space = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        space.mapPhysical(
                0x4000_0000L, 0x8000_0000L, 0x60_0000, USER_RW, LeafSizePolicy.LARGEST_FITTING);
        space.mapPhysical(0x4060_0000L, 0x8060_0000L, 0x3000, USER_RW, LeafSizePolicy.PAGES_ONLY);
        space.mapPhysical(0x4060_3000L, 0x9000_0000L, 0x1000, USER_RW, LeafSizePolicy.PAGES_ONLY);
        space.guard(0x4070_0000L, 0x2000);
        List<MappingRange> ranges = space.mappings();
        assertEquals(
                List.of(
                        new MappingRange(
                                0x4000_0000L,
                                0x60_0000,
                                0x8000_0000L,
                                PageState.PRESENT,
                                USER_RW,
                                0x20_0000,
                                1),
                        new MappingRange(
                                0x4060_0000L,
                                0x3000,
                                0x8060_0000L,
                                PageState.PRESENT,
                                USER_RW,
                                0x1000,
                                2),
                        new MappingRange(
                                0x4060_3000L,
                                0x1000,
                                0x9000_0000L,
                                PageState.PRESENT,
                                USER_RW,
                                0x1000,
                                2),
                        new MappingRange(
                                0x4070_0000L, 0x2000, -1, PageState.GUARDED, null, 0x1000, 2)),
                ranges);
    }

    @Test
    void findsFreeSpaceAndRefusesTheMachinesWindows() {
        AddressSpace space = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        space.map(0x1000, 0x1000, USER_RW);
        assertEquals(0x2000L, space.findFreeSpace(0x1000, 0x1000).orElseThrow());
        assertEquals(0x20_0000L, space.findFreeSpace(0x1000, 0x20_0000).orElseThrow());
        assertThrows(
                InvalidRangeException.class,
                () -> space.map(0xFFFF_FFFF_FFFF_F000L, 0x1000, USER_RW));
        assertThrows(
                InvalidRangeException.class,
                () -> space.map(space.mmu().temporaryWindow(), 0x1000, USER_RW));
    }

    @Test
    void spacesShareTheKernelAndKeepTheirUserParts() {
        AddressSpace first = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        AddressSpace second = AddressSpace.create(first.mmu());
        long kernel = 0xFFFF_FFC0_0040_0000L;
        first.map(kernel, 0x1000, MappingFlags.of(MappingAccessRights.KERNEL_RW));
        first.writeLong(kernel, 42);
        first.map(0x1000, 0x1000, USER_RW);
        first.writeLong(0x1000, 1);
        second.map(0x1000, 0x1000, USER_RW);
        second.writeLong(0x1000, 2);
        assertTrue(second.isActive());
        assertEquals(42, second.readLong(kernel));
        assertEquals(1, first.readLong(0x1000));
        assertEquals(2, second.readLong(0x1000));
        assertThrows(
                HierarchyStateException.class, second::close, "the active space cannot be closed");
        first.activate();
        long before = allocator.allocatedCount();
        second.close();
        assertEquals(
                before - 4,
                allocator.allocatedCount(),
                "two user tables, the root and the owned frame are freed");
        assertEquals(42, first.readLong(kernel));
    }

    @Test
    void aKernelMappingMadeThroughAnInactiveSpaceReachesEverySpace() {
        // the kernel part is copied from the active hierarchy on every switch, so a kernel change
        // made
        // through a space that is not active must still land where those copies come from
        AddressSpace boot = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        AddressSpace first = AddressSpace.create(boot.mmu());
        AddressSpace second = AddressSpace.create(boot.mmu());
        first.map(0x1000, 0x1000, USER_RW);
        first.writeLong(0x1000, 1);
        assertTrue(first.isActive());
        long kernel = 0xFFFF_FFC0_0080_0000L;
        boot.map(kernel, 0x1000, MappingFlags.of(MappingAccessRights.KERNEL_RW));
        boot.writeLong(kernel, 7);
        second.map(0x1000, 0x1000, USER_RW);
        second.writeLong(0x1000, 2);
        assertEquals(7, second.readLong(kernel));
        assertEquals(1, first.readLong(0x1000));
        assertEquals(7, first.readLong(kernel));
    }

    @Test
    void kernelPagesOfAClosedInactiveSpaceAreUnmappedAndFlushedFromTheActiveOne() {
        AddressSpace first = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        AddressSpace second = AddressSpace.create(first.mmu());
        MappingFlags kernelRw = MappingFlags.of(MappingAccessRights.KERNEL_RW);
        first.map(0xFFFF_FFC0_0000_0000L, 0x1000, kernelRw);
        second.activate();
        first.activate();
        long kernel = 0xFFFF_FFC0_0000_5000L;
        second.map(kernel, 0x1000, kernelRw);
        first.writeLong(kernel, 7);
        assertEquals(
                7,
                first.readLong(kernel),
                "the inactive space mapped it in the shared kernel tables");
        second.close();
        assertThrows(PageFaultException.class, () -> first.readLong(kernel));
        TlbCoherenceCheck.assertCoherent(first.cpu());
        assertThrows(HierarchyStateException.class, () -> second.map(0x1000, 0x1000, USER_RW));
    }
}
