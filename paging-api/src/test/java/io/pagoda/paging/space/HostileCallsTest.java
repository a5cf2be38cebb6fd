package io.pagoda.paging.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.InvalidRangeException;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.PagingException;
import io.pagoda.paging.RightsNotExpressibleException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.testarch.ToyArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's API findings, on toy-uniform (x86_64's shape: recursive slot 511, shared kernel entries 256..510,
 * the temporary-mapping window in entry 510).
 */
class HostileCallsTest {
    private static final MappingFlags USER_RW = MappingFlags.of(MappingAccessRights.USER_RW);

    private final SparseMemory memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
    private final BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x100_0000L, 4096, 4096);

    @Test
    void mappingsListTheUserAndKernelPartsOnceASecondSpaceIsActive() {
        AddressSpace first = AddressSpace.create(ToyArchitecture.uniform(), memory, allocator);
        AddressSpace second = AddressSpace.create(first.mmu());
        second.map(0x1000, 0x1000, USER_RW);
        second.activate();
        List<MappingRange> ranges = second.mappings();
        assertEquals(1, ranges.size(), ranges.toString());
        assertEquals(0x1000, ranges.get(0).virtualAddress());
        assertEquals(PageState.PRESENT, ranges.get(0).state());
        assertEquals(List.of(), first.mappings(), "the window is the machine's, not a mapping of the space");
        first.activate();
        assertEquals(ranges, second.mappings());
        assertEquals(List.of(), first.mappings());
    }
}
