package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.InvalidRangeException;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.space.AddressSpace;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default machine reaches its tables through the direct map at the start of the TTBR1 range, so
 * the direct map is reserved: unmapping or reprotecting it through the address space is refused
 * with a typed error and leaves it working. Before, unmapping its first 2 MiB was accepted and
 * every later map faulted.
 */
class DirectMapReservedTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagoda.arch.aarch64.Variants#names")
    void theDirectMapCannotBeUnmappedOrReprotected(String name) {
        Aarch64Architecture arch = Variants.get(name);
        long page = arch.root(0).geometry().pageSize();
        BitmapFrameAllocator frames = new BitmapFrameAllocator(0x100_0000, 256, page);
        Machine mmu = new Machine(arch, new SparseMemory(arch.physicalAddressBits()), frames);
        assertEquals(Machine.ActiveAccess.DIRECT_MAP, mmu.activeAccess());
        AddressSpace space = AddressSpace.bootstrap(mmu);
        long base = arch.layout().directMapBase();
        long first = base + 0x100_0000;
        long last = first + 256 * page - 1;
        boolean reserved = false;
        for (long[] range : mmu.reservedRanges()) {
            reserved |= range[0] == first && range[1] == last;
        }
        assertEquals(
                true,
                reserved,
                "the direct map "
                        + Long.toHexString(first)
                        + ".."
                        + Long.toHexString(last)
                        + " is reserved");
        assertThrows(InvalidRangeException.class, () -> space.unmap(first, 0x20_0000));
        assertThrows(
                InvalidRangeException.class,
                () ->
                        space.protect(
                                last - page + 1,
                                page,
                                MappingFlags.of(MappingAccessRights.USER_RW)));
        // the machine still reaches its tables: a user mapping after the refusals works
        space.map(0x40_0000, page, MappingFlags.of(MappingAccessRights.USER_RW));
        space.writeLong(0x40_0008, 42);
        assertEquals(42, space.readLong(0x40_0008));
    }
}
