package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import org.junit.jupiter.api.Test;

/**
 * 64K + FEAT_LPA: tables, pages and the TTBR itself above 2^48, with OA[51:48] in desc[15:12] /
 * TTBR[5:2].
 */
class LargePhysicalAddressTest {

    @Test
    void tablesAndPagesAbove256TiBWalk() {
        Aarch64Architecture arch = Variants.get("aarch64-64k-48-lpa");
        TranslationRoot root = arch.roots().get(0);
        SparseMemory memory = new SparseMemory(52);
        long tablesBase = 0x000F000000000000L;
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(tablesBase, 16, 65536);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
        long rootTable = TableHierarchy.allocateRoot(root, access, allocator);
        TableHierarchy tables =
                new TableHierarchy(root, 52, rootTable, access, allocator, NoFlush.INSTANCE);
        // C3's page: VA 0x10000 -> PA 0xF_0000_1234_0000, normal... here with C3's attributes
        // (AttrIndx 1, kernel RWX, global)
        tables.map(
                0x10000L,
                0x10000L,
                FrameSource.pages(new long[] {0xF000012340000L}, 0x10000L),
                new MappingFlags(MappingAccessRights.parse("rwx-"), MemoryType.DEVICE, true));

        long register = root.registerValue(rootTable, 0);
        assertEquals(0x3CL, register, "BADDR[51:48] = 0xF in TTBR[5:2], BADDR[47:0] = 0");
        long l1 = memory.readLong(rootTable);
        long l2Table = tablesBase + 0x10000L;
        assertEquals(
                0x000000000000F003L | (l2Table & 0x0000FFFFFFFF0000L),
                l1,
                "table descriptor with OA[51:48] in [15:12]");
        long l2 = memory.readLong(l2Table);
        long l3Table = tablesBase + 0x20000L;
        assertEquals(0x000000000000F003L | (l3Table & 0x0000FFFFFFFF0000L), l2);
        // C3's descriptor, plus the UXN this encoder always sets on kernel pages
        assertEquals(0x000000001234F707L | (1L << 54), memory.readLong(l3Table + 8));

        WalkResult walk = new PageWalker(arch, memory).walk(0, register, 0x12345L);
        assertEquals(0xF000012342345L, walk.physicalAddress(), walk.toString());
        assertEquals(0xF000012342345L, tables.translateAddress(0x12345L));
    }
}
