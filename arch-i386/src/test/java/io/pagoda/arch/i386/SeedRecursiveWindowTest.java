package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.access.RecursiveTableAccess;
import org.junit.jupiter.api.Test;

/** The seed's layout and recursive mapping numbers (seed-semantics.md, "i386 in the original"). */
class SeedRecursiveWindowTest {

    @Test
    void seedLayout() {
        AddressLayout layout = new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE).layout();
        assertEquals(0x0020_0000L, layout.userFirst());
        assertEquals(0xBFFF_FFFFL, layout.userLast());
        assertEquals(0xC000_0000L, layout.kernelFirst());
        assertEquals(0xFFBF_FFFFL, layout.kernelLast());
        assertEquals(768, layout.kernelRootFirst());
        assertEquals(1022, layout.kernelRootLast());
        assertEquals(1023, layout.recursiveSlot());
        assertEquals(false, layout.hasDirectMap());
    }

    @Test
    void seedRecursiveAddresses() {
        // the seed's numbers (seed-semantics.md): slot 1023 puts the directory at 0xFFFF_F000 and
        // page table i at
        // 0xFFC0_0000 + i * 4 KiB; the generic recursive access must land on exactly those
        // addresses
        RecursiveTableAccess window = recursiveAccess(1023);
        assertEquals(0xFFFF_F000L, window.windowAddress(0, 0));
        assertEquals(0xFFC0_0000L, window.windowAddress(1, 0));
        assertEquals(0xFFC0_1000L, window.windowAddress(1, 0x0040_0000L));
        assertEquals(0xFFF0_0000L, window.windowAddress(1, 0xC000_0000L));
        assertEquals(0xFFC0_0000L + 1022 * 0x1000L, window.windowAddress(1, 1022L << 22));
        // PTE of 0xC012_3ABC: table 0x300, index 0x123, 4-byte entries; its PDE: index 0x300 of the
        // directory
        assertEquals(0xFFF0_048CL, window.windowAddress(1, 0xC012_3ABCL) + 0x123 * 4);
        assertEquals(0xFFFF_FC00L, window.windowAddress(0, 0xC012_3ABCL) + 0x300 * 4);
        assertNotNull(
                RecursiveTableAccess.unsupportedReason(
                        new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE).roots().get(0),
                        1024),
                "slot 1024 is past the directory");
        assertNotNull(
                RecursiveTableAccess.unsupportedReason(new PaeArchitecture().roots().get(0), 3),
                "PAE's 4-entry PDPT cannot loop through itself");
    }

    @Test
    void otherSlots() {
        RecursiveTableAccess window = recursiveAccess(768);
        assertEquals(0xC000_0000L, window.windowAddress(1, 0));
        assertEquals(0xC030_0000L, window.windowAddress(0, 0));
        assertEquals(0xC000_5000L, window.windowAddress(1, 5L << 22));
    }

    private static RecursiveTableAccess recursiveAccess(int slot) {
        SimulatedCpu cpu =
                new SimulatedCpu(
                        new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE),
                        new SparseMemory(32));
        return new RecursiveTableAccess(cpu, 0, slot, null, NoFlush.INSTANCE);
    }

    @Test
    void theHardwareWalkerSeesTheTablesThere() {
        I386Architecture architecture = new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE);
        SparseMemory memory = new SparseMemory(36);
        long directory = 0x0010_0000L;
        // the seed's recursive entry: P|RW, not user; and a page table for directory index 0x300
        memory.writeInt(directory + 1023 * 4, (int) (directory | 0x3));
        memory.writeInt(directory + 0x300 * 4, 0x0020_0003);
        memory.writeInt(0x0020_048C, 0x0ABC_D163);
        RecursiveTableAccess window = recursiveAccess(1023);
        PageWalker walker = new PageWalker(architecture, memory);
        long cr3 = architecture.roots().get(0).registerValue(directory, 0);
        assertEquals(directory, walker.walk(window.windowAddress(0, 0), cr3).physicalAddress());
        assertEquals(
                0x0020_0000L,
                walker.walk(window.windowAddress(1, 0xC000_0000L), cr3).physicalAddress());
        WalkResult pte = walker.walk(window.windowAddress(1, 0xC012_3ABCL) + 0x123 * 4, cr3);
        assertEquals(0x0020_048CL, pte.physicalAddress());
        assertEquals(0x0ABC_DABCL, walker.walk(0xC012_3ABCL, cr3).physicalAddress());
        assertEquals(
                directory + 0x300 * 4,
                walker.walk(window.windowAddress(0, 0xC012_3ABCL) + 0x300 * 4, cr3)
                        .physicalAddress());
    }
}
