package io.pagoda.paging.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.cpu.PageFaultException;
import io.pagoda.paging.error.InvalidRangeException;
import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13's API findings on the toy architectures with x86-64's machine shape (recursive slot 511,
 * shared kernel entries, the temporary-mapping window in entry 510); paging-api's tests may not
 * know x86-64 itself.
 */
class HostileCallsTest {
    private static final MappingFlags USER_RW = MappingFlags.of(MappingAccessRights.USER_RW);

    private final SparseMemory memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
    private final BitmapFrameAllocator allocator =
            new BitmapFrameAllocator(0x100_0000L, 4096, 4096);

    static Stream<Architecture> recursiveShapes() {
        return Stream.of(ToyArchitecture.uniform(), ToyArchitecture.fourLevel());
    }

    @Test
    void aMapOfATebibyteOnTheFourLevelShapeIsOutOfPhysicalMemoryNotOutOfHeap() {
        AddressSpace space = AddressSpace.create(ToyArchitecture.fourLevel(), memory, allocator);
        long free = allocator.freeCount();
        List<MappingRange> before = space.mappings();
        // 2^40 bytes are 2^28 pages against about 4,096 free frames: refused by arithmetic before
        // anything is made
        OutOfPhysicalMemoryException e =
                assertThrows(
                        OutOfPhysicalMemoryException.class,
                        () -> space.map(0x4000_0000L, 1L << 40, USER_RW));
        assertTrue(e.getMessage().contains("268435456 frames"), e.getMessage());
        assertEquals(free, allocator.freeCount());
        assertEquals(before, space.mappings());
        assertEquals(0, space.ownedFrameCount());
    }

    @ParameterizedTest
    @MethodSource("recursiveShapes")
    void mappingsListTheUserAndKernelPartsOnceASecondSpaceIsActive(Architecture architecture) {
        AddressSpace first = AddressSpace.create(architecture, memory, allocator);
        AddressSpace second = AddressSpace.create(first.mmu());
        second.map(0x1000, 0x1000, USER_RW);
        second.activate();
        List<MappingRange> ranges = second.mappings();
        assertEquals(1, ranges.size(), ranges.toString());
        assertEquals(0x1000, ranges.get(0).virtualAddress());
        assertEquals(PageState.PRESENT, ranges.get(0).state());
        assertEquals(
                List.of(),
                first.mappings(),
                "the window is the machine's, not a mapping of the space");
        first.activate();
        assertEquals(ranges, second.mappings());
        assertEquals(List.of(), first.mappings());
    }

    @Test
    void aNegativeReadLengthIsATypedRefusalNamingTheLength() {
        AddressSpace space = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        space.map(0x1000, 0x1000, USER_RW);
        InvalidRangeException e =
                assertThrows(InvalidRangeException.class, () -> space.read(0x1000, -1));
        assertTrue(e.getMessage().contains("length -1"), e.getMessage());
        assertThrows(InvalidRangeException.class, () -> space.read(0x1000, new byte[4], 2, 4));
        assertThrows(InvalidRangeException.class, () -> space.read(0x1000, new byte[4], -1, 2));
        assertThrows(InvalidRangeException.class, () -> space.write(0x1000, new byte[4], 0, 5));
        assertThrows(
                InvalidRangeException.class,
                () -> space.write(0xFFFF_FFFF_FFFF_F000L, new byte[0x2000]));
        assertEquals(0, space.read(0x1000, 0).length);
    }

    @Test
    void aHugeReadOfUnmappedMemoryFaultsBeforeTakingItsBuffer() {
        AddressSpace space = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        space.map(0x1000, 0x1000, USER_RW);
        // 2 GiB - 1 of heap would be asked for first if the read did not translate before
        // allocating
        assertThrows(PageFaultException.class, () -> space.read(0x1000, Integer.MAX_VALUE));
    }

    @Test
    void aLengthOfTwoToTheThirtyOnePagesIsTooLongNotMisaligned() {
        AddressSpace space = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        long length = (1L << 31) * 4096;
        List<org.junit.jupiter.api.function.Executable> calls =
                List.of(
                        () -> space.map(0x1000, length, USER_RW),
                        () ->
                                space.mapPhysical(
                                        0x1000, 0x1000, length, USER_RW, LeafSizePolicy.PAGES_ONLY),
                        () -> space.guard(0x1000, length),
                        () -> space.unmap(0x1000, length),
                        () -> space.protect(0x1000, length, USER_RW));
        for (org.junit.jupiter.api.function.Executable call : calls) {
            InvalidRangeException e = assertThrows(InvalidRangeException.class, call);
            assertTrue(
                    e.getMessage().contains("0x800_0000_0000") && e.getMessage().contains("leaves"),
                    e.getMessage());
        }
        // inside the translated range but more pages than frames: out of memory, by arithmetic
        assertThrows(
                OutOfPhysicalMemoryException.class, () -> space.map(0x1000, 1L << 37, USER_RW));
    }

    @Test
    void protectingToRightsTheFormatCannotExpressSaysProtectAndHowToFixIt() {
        AddressSpace space = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        space.map(0x1000, 0x1000, USER_RW);
        List<MappingRange> before = space.mappings();
        MappingFlags writeOnly = MappingFlags.of(MappingAccessRights.WRITABLE);
        RightsNotExpressibleException e =
                assertThrows(
                        RightsNotExpressibleException.class,
                        () -> space.protect(0x1000, 0x1000, writeOnly));
        assertTrue(
                e.getMessage().startsWith("cannot protect 0x1000 + 0x1000 to -w--:"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("rw--"),
                "names the rights that would do: " + e.getMessage());
        assertEquals(before, space.mappings());
        RightsNotExpressibleException none =
                assertThrows(
                        RightsNotExpressibleException.class,
                        () ->
                                space.protect(
                                        0x1000, 0x1000, MappingFlags.of(MappingAccessRights.NONE)));
        assertTrue(
                none.getMessage().startsWith("cannot protect")
                        && none.getMessage().contains("guard"),
                none.getMessage());
    }

    @Test
    void creatingAndClosingSpacesKeepsSimulatedMemoryFlat() {
        BitmapFrameAllocator many = new BitmapFrameAllocator(0x100_0000L, 1 << 16, 4096);
        AddressSpace first = AddressSpace.create(ToyArchitecture.uniform(), memory, many);
        first.map(0x1000, 0x1000, USER_RW);
        first.writeLong(0x1000, 42);
        int[] touched = new int[40];
        for (int round = 0; round < touched.length; round++) {
            AddressSpace second = AddressSpace.create(first.mmu());
            second.map(0x4000_0000L, 0x2000, USER_RW);
            second.writeLong(0x4000_0000L, round + 1);
            second.writeLong(0x4000_1000L, round + 1);
            assertTrue(second.mappings().size() == 1);
            first.activate();
            second.close();
            touched[round] = memory.touchedFrames();
        }
        assertEquals(
                touched[1],
                touched[touched.length - 1],
                "frames stored after each round: " + Arrays.toString(touched));
        assertEquals(42, first.readLong(0x1000));
        // a frame given back reads as zero to its next owner: nothing of the closed spaces is left
        // behind
        AddressSpace third = AddressSpace.create(first.mmu());
        third.map(0x4000_0000L, 0x2000, USER_RW);
        assertEquals(0, third.readLong(0x4000_0000L));
    }

    @Test
    void aFrameFreedByAnAllocatorGivingFramesBackIsNoLongerStored() {
        allocator.releaseFreedFramesTo(memory);
        long frame = allocator.allocate();
        memory.writeLong(frame + 0x18, -1L);
        memory.writeByte(frame + 0xFFF, (byte) 1);
        assertEquals(1, memory.touchedFrames());
        allocator.free(frame);
        assertEquals(0, memory.touchedFrames());
        assertEquals(0, memory.readLong(frame + 0x18));
        // a partial zero keeps the frame and its other bytes
        memory.writeLong(frame, 7);
        memory.writeLong(frame + 8, 9);
        memory.zero(frame, 8);
        assertEquals(1, memory.touchedFrames());
        assertEquals(9, memory.readLong(frame + 8));
    }
}
