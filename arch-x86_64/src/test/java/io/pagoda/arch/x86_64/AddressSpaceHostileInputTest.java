package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.space.AddressSpace;
import io.pagoda.paging.space.MappingRange;
import io.pagoda.paging.spi.Architecture;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13's address-space findings, on the real x86-64 formats (the paging-api tests use a toy of
 * the same shape): a huge map is out of physical memory before any work, listing a space works
 * while another one is active (the temporary-mapping window is the machine's, not a mapping), and
 * closing spaces gives their frames back.
 */
class AddressSpaceHostileInputTest {
    private static final MappingFlags USER_RW = MappingFlags.of(MappingAccessRights.USER_RW);

    static Stream<Architecture> variants() {
        return Stream.of(X86_64Architecture.fourLevel(), X86_64Architecture.fiveLevel());
    }

    @ParameterizedTest
    @MethodSource("variants")
    void aMapOfATebibyteWithFourThousandFramesIsOutOfPhysicalMemoryWithNothingChanged(
            Architecture arch) {
        SparseMemory memory = new SparseMemory(52);
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x100_0000L, 4096, 4096);
        AddressSpace space = AddressSpace.create(arch, memory, allocator);
        long allocated = allocator.allocatedCount();
        List<MappingRange> before = space.mappings();
        assertThrows(
                OutOfPhysicalMemoryException.class,
                () -> space.map(0x4000_0000L, 1L << 40, USER_RW));
        assertEquals(allocated, allocator.allocatedCount());
        assertEquals(before, space.mappings());
    }

    @ParameterizedTest
    @MethodSource("variants")
    void mappingsOfEachSpaceWhileTheOtherIsActive(Architecture arch) {
        AddressSpace first =
                AddressSpace.create(
                        arch,
                        new SparseMemory(52),
                        new BitmapFrameAllocator(0x100_0000L, 4096, 4096));
        AddressSpace second = AddressSpace.create(first.mmu());
        second.map(0x1000, 0x1000, USER_RW);
        second.activate();
        List<MappingRange> ranges = second.mappings();
        assertEquals(1, ranges.size(), ranges.toString());
        assertEquals(0x1000, ranges.get(0).virtualAddress());
        assertEquals(PageState.PRESENT, ranges.get(0).state());
        assertEquals(List.of(), first.mappings());
        first.activate();
        assertEquals(ranges, second.mappings());
    }

    @ParameterizedTest
    @MethodSource("variants")
    void creatingAndClosingSpacesKeepsSimulatedMemoryFlat(Architecture arch) {
        SparseMemory memory = new SparseMemory(52);
        AddressSpace first =
                AddressSpace.create(
                        arch, memory, new BitmapFrameAllocator(0x100_0000L, 1 << 16, 4096));
        first.map(0x1000, 0x1000, USER_RW);
        first.writeLong(0x1000, 42);
        int[] touched = new int[20];
        for (int round = 0; round < touched.length; round++) {
            AddressSpace second = AddressSpace.create(first.mmu());
            second.map(0x4000_0000L, 0x2000, USER_RW);
            second.writeLong(0x4000_0000L, round + 1);
            second.writeLong(0x4000_1000L, round + 1);
            first.activate();
            second.close();
            touched[round] = memory.touchedFrames();
        }
        assertEquals(
                touched[1],
                touched[touched.length - 1],
                "frames stored after each round: " + Arrays.toString(touched));
        assertEquals(42, first.readLong(0x1000));
    }
}
