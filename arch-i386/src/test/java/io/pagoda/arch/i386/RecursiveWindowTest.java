package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.walk.PageWalker;
import io.pagoda.paging.walk.WalkResult;
import org.junit.jupiter.api.Test;

/** The seed's layout and recursive mapping numbers (seed-semantics.md, "i386 in the original"). */
class RecursiveWindowTest {

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
        RecursiveWindow window = RecursiveWindow.of(I386Layouts.SEED);
        assertEquals(1023, window.slot());
        assertEquals(0xFFFF_F000L, window.directoryAddress());
        assertEquals(0xFFC0_0000L, window.tableAddress(0));
        assertEquals(0xFFC0_1000L, window.tableAddress(1));
        assertEquals(0xFFF0_0000L, window.tableAddress(768));
        assertEquals(0xFFC0_0000L + 1022 * 0x1000L, window.tableAddress(1022));
        assertEquals(0xFFC0_0000L, window.windowBase());
        assertEquals(0xFFFF_FFFFL, window.windowLast());
        assertEquals(0xFFF0_048CL, window.pageTableEntryAddress(0xC012_3ABCL));
        assertEquals(0xFFFF_FC00L, window.directoryEntryAddress(0xC012_3ABCL));
        assertTrue(window.contains(0xFFC0_0000L));
        assertTrue(!window.contains(0xFFBF_FFFFL));
        assertThrows(IllegalArgumentException.class, () -> RecursiveWindow.forSlot(1024));
        assertThrows(IllegalArgumentException.class, () -> RecursiveWindow.of(I386Layouts.PAE));
    }

    @Test
    void otherSlots() {
        RecursiveWindow window = RecursiveWindow.forSlot(768);
        assertEquals(0xC000_0000L, window.windowBase());
        assertEquals(0xC030_0000L, window.directoryAddress());
        assertEquals(0xC000_5000L, window.tableAddress(5));
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
        RecursiveWindow window = RecursiveWindow.forSlot(1023);
        PageWalker walker = new PageWalker(architecture, memory);
        long cr3 = architecture.roots().get(0).registerValue(directory, 0);
        assertEquals(directory, walker.walk(window.directoryAddress(), cr3).physicalAddress());
        assertEquals(0x0020_0000L, walker.walk(window.tableAddress(0x300), cr3).physicalAddress());
        WalkResult pte = walker.walk(window.pageTableEntryAddress(0xC012_3ABCL), cr3);
        assertEquals(0x0020_048CL, pte.physicalAddress());
        assertEquals(0x0ABC_DABCL, walker.walk(0xC012_3ABCL, cr3).physicalAddress());
        assertEquals(directory + 0x300 * 4, walker.walk(window.directoryEntryAddress(0xC012_3ABCL), cr3).physicalAddress());
    }
}
