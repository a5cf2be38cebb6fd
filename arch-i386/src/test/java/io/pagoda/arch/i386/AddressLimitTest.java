package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Legacy 32-bit paging reaches less than its 36-bit physical width (§1): PTEs and page-table
 * pointers stop at 4 GiB, only 4 MiB pages go beyond through PSE-36. Both limits are refused before
 * anything is written.
 */
class AddressLimitTest {
    private static final MappingFlags RWX = MappingFlags.of(MappingAccessRights.ofBits(0b0111));

    private static TableHierarchy hierarchy(SparseMemory memory, BitmapFrameAllocator frames) {
        I386Architecture arch = new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE);
        TranslationRoot root = arch.roots().get(0);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
        return new TableHierarchy(
                root,
                36,
                TableHierarchy.allocateRoot(root, access, frames),
                access,
                frames,
                NoFlush.INSTANCE);
    }

    @Test
    void aFourKibPageAbove4GiBIsRefusedBeforeAnyWrite() {
        SparseMemory memory = new SparseMemory(36);
        BitmapFrameAllocator frames = new BitmapFrameAllocator(0x10_0000, 16, 4096);
        TableHierarchy tables = hierarchy(memory, frames);
        SparseMemory before = memory.copy();
        long[] allocated = frames.allocatedFrames();
        PhysicalAddressException e =
                assertThrows(
                        PhysicalAddressException.class,
                        () ->
                                tables.mapContiguous(
                                        0x40_0000,
                                        0x1_0000_0000L,
                                        0x1000,
                                        RWX,
                                        LeafSizePolicy.PAGES_ONLY));
        assertTrue(e.getMessage().contains("0x1_0000_0000"), e.getMessage());
        assertTrue(before.contentEquals(memory));
        assertArrayEquals(allocated, frames.allocatedFrames());
        // the same frame as part of a 4 MiB page is fine: PSE-36 reaches it
        tables.mapContiguous(
                0x40_0000, 0x1_0000_0000L, 0x40_0000, RWX, LeafSizePolicy.LARGEST_FITTING);
        assertEquals(0x1_0000_1234L, tables.translate(0x40_1234).physicalAddress());
    }

    @Test
    void tableFramesAbove4GiBAreRefusedAndReturnedToTheAllocator() {
        SparseMemory memory = new SparseMemory(36);
        BitmapFrameAllocator low = new BitmapFrameAllocator(0x10_0000, 1, 4096);
        TableHierarchy lowRoot = hierarchy(memory, low);
        BitmapFrameAllocator high = new BitmapFrameAllocator(0x2_0000_0000L, 16, 4096);
        I386Architecture arch = new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE);
        TranslationRoot root = arch.roots().get(0);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
        TableHierarchy tables =
                new TableHierarchy(root, 36, lowRoot.rootTable(), access, high, NoFlush.INSTANCE);
        SparseMemory before = memory.copy();
        PhysicalAddressException e =
                assertThrows(
                        PhysicalAddressException.class,
                        () ->
                                tables.mapContiguous(
                                        0x40_0000,
                                        0x80_0000,
                                        0x1000,
                                        RWX,
                                        LeafSizePolicy.PAGES_ONLY));
        assertTrue(e.getMessage().contains("0x2_0000_0000"), e.getMessage());
        assertEquals(
                0, high.allocatedCount(), "the refused table frame went back to the allocator");
        assertTrue(before.contentEquals(memory));
    }

    @Test
    void splittingAFourMibPageAbove4GiBIsRefusedBeforeAnyWrite() {
        SparseMemory memory = new SparseMemory(36);
        BitmapFrameAllocator frames = new BitmapFrameAllocator(0x10_0000, 16, 4096);
        TableHierarchy tables = hierarchy(memory, frames);
        tables.mapContiguous(
                0x40_0000, 0x1_0000_0000L, 0x40_0000, RWX, LeafSizePolicy.LARGEST_FITTING);
        SparseMemory before = memory.copy();
        long[] allocated = frames.allocatedFrames();
        // 4 KiB pieces of this PSE-36 page would need PTEs above 4 GiB, which 32-bit paging cannot
        // hold
        PhysicalAddressException e =
                assertThrows(
                        PhysicalAddressException.class,
                        () -> tables.unmap(0x40_1000, 0x1000, UnmapCallback.NONE));
        assertTrue(
                e.getMessage().contains("0x401000") || e.getMessage().contains("0x400000"),
                e.getMessage());
        assertTrue(before.contentEquals(memory));
        assertArrayEquals(allocated, frames.allocatedFrames());
        assertEquals(0x1_0000_1234L, tables.translate(0x40_1234).physicalAddress());
    }

    @Test
    void aRootTableAbove4GiBIsRefusedAndReturned() {
        SparseMemory memory = new SparseMemory(36);
        BitmapFrameAllocator high = new BitmapFrameAllocator(0x2_0000_0000L, 4, 4096);
        for (Architecture arch :
                List.of(
                        new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE),
                        new PaeArchitecture())) {
            TranslationRoot root = arch.roots().get(0);
            PhysicalAddressException e =
                    assertThrows(
                            PhysicalAddressException.class,
                            () ->
                                    TableHierarchy.allocateRoot(
                                            root,
                                            new PhysicalTableAccess(memory, root.geometry()),
                                            high));
            assertTrue(e.getMessage().contains("0x1_0000_0000"), e.getMessage());
            assertEquals(0, high.allocatedCount());
        }
    }
}
