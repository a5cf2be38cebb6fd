package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.Access;
import io.pagoda.paging.cpu.PageFaultException;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.space.AddressSpace;
import io.pagoda.paging.spi.FaultType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed layout's windows are the kernel's alone: the recursive PDE 1023 and the
 * temporary-mapping PDE 1022 are P|RW without U/S (SDM 4.6: a PDE's U/S is AND-ed with the PTE's),
 * so the page directory seen at 0xFFFF_F000 faults for every user access. 32-bit paging has no
 * execute-disable bit, so the kernel may still fetch from it. Before, both PDEs were 0x...007 and
 * user mode could rewrite the directory.
 */
class TableWindowIsolationTest {
    private static final long KERNEL_TABLE_BITS = 0x003L; // P RW; U/S clear

    @ParameterizedTest
    @EnumSource(ExecutePolicy.class)
    void theRecursiveAndTemporarySlotsAreSupervisorOnly(ExecutePolicy policy) {
        Machine mmu =
                new Machine(
                        new I386Architecture(policy),
                        new SparseMemory(32),
                        new BitmapFrameAllocator(0x100_0000, 4096, 4096));
        AddressSpace user = AddressSpace.create(mmu);
        user.activate();
        user.map(
                0x40_0000,
                0x1000,
                MappingFlags.of(MappingAccessRights.USER_RW.with(MappingAccessRights.EXECUTABLE)));
        long directory = mmu.cpu().rootTable(0);
        assertEquals(
                KERNEL_TABLE_BITS,
                mmu.memory().readInt(directory + 1023 * 4) & 0xFFF,
                "the recursive PDE");
        assertEquals(
                KERNEL_TABLE_BITS,
                mmu.memory().readInt(directory + 1022 * 4) & 0xFFF,
                "the temporary-mapping PDE");
        long pde1 = 0xFFFF_F004L; // the directory's entry 1, through the self-map
        for (Access access : Access.values()) {
            PageFaultException fault =
                    assertThrows(
                            PageFaultException.class,
                            () -> mmu.cpu().translate(pde1, access, true));
            assertEquals(FaultType.PROTECTION, fault.faultType(), fault::getMessage);
        }
        assertEquals(
                directory + 4,
                mmu.cpu().translate(pde1, Access.WRITE, false),
                "the kernel still reaches its tables");
    }
}
