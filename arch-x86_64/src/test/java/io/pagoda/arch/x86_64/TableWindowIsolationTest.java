package io.pagoda.arch.x86_64;

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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default machine's table windows are the kernel's alone: the recursive slot (PML4/PML5 entry
 * 511) and the temporary-mapping slot (510) are P|RW|XD without U/S (SDM 4.6: U/S and R/W are
 * AND-ed and XD OR-ed down the walk), so the top table seen through the self-map at the top of the
 * space faults for user reads and writes, and for instruction fetches at any privilege. Before,
 * both slots were 0x...007 and a user write at 0xFFFF_FFFF_FFFF_F008 rewrote PML4[1].
 */
class TableWindowIsolationTest {
    private static final long KERNEL_TABLE_BITS = 0x8000_0000_0000_0003L; // XD, P RW; U/S clear
    private static final long LOW_AND_NX = 0x8000_0000_0000_0FFFL;

    static Stream<X86_64Architecture> variants() {
        return Stream.of(X86_64Architecture.fourLevel(), X86_64Architecture.fiveLevel());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theRecursiveAndTemporarySlotsAreSupervisorOnlyAndNeverExecutable(X86_64Architecture arch) {
        Machine mmu =
                new Machine(
                        arch,
                        new SparseMemory(52),
                        new BitmapFrameAllocator(0x100_0000, 4096, 4096));
        AddressSpace user = AddressSpace.create(mmu);
        user.activate();
        user.map(0x40_0000, 0x1000, MappingFlags.of(MappingAccessRights.USER_RW));
        long top = mmu.cpu().rootTable(0);
        assertEquals(
                KERNEL_TABLE_BITS,
                mmu.memory().readLong(top + 511 * 8) & LOW_AND_NX,
                "the recursive slot");
        assertEquals(
                KERNEL_TABLE_BITS,
                mmu.memory().readLong(top + 510 * 8) & LOW_AND_NX,
                "the temporary-mapping slot");
        // the top table's own entry 1, seen through the self-map: 0xFFFF_FFFF_FFFF_F008 on 4-level
        // paging too
        long entry1 = 0xFFFF_FFFF_FFFF_F008L;
        for (Access access : Access.values()) {
            PageFaultException fault =
                    assertThrows(
                            PageFaultException.class,
                            () -> mmu.cpu().translate(entry1, access, true));
            assertEquals(FaultType.PROTECTION, fault.faultType(), fault::getMessage);
        }
        assertThrows(
                PageFaultException.class, () -> mmu.cpu().translate(entry1, Access.EXECUTE, false));
        assertEquals(
                top + 8,
                mmu.cpu().translate(entry1, Access.WRITE, false),
                "the kernel still reaches its tables");
    }
}
