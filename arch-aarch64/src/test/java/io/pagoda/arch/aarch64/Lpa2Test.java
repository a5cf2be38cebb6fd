package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FEAT_LPA2 (TCR_EL1.DS = 1) with the 4K and 16K granules, reference §4: 52-bit VA (4K from level
 * -1 with 16 entries, 16K from L0 with 32), OA[51:50] in desc[9:8] (shareability then comes from
 * TCR_EL1.SHn), BADDR[51:48] in TTBR[5:2].
 */
class Lpa2Test {
    private static final long DS = 1L << 59;

    @ParameterizedTest
    @CsvSource({
        "aarch64-4k-52, 5, L-1, 16, 4096",
        "aarch64-16k-52, 4, L0, 32, 16384",
    })
    void geometryFollowsTheReferenceTable(
            String name, int levels, String first, int entries, long page) {
        Aarch64Architecture arch = Variants.get(name);
        for (TranslationRoot root : arch.roots()) {
            assertEquals(levels, root.geometry().levelCount());
            assertEquals(first, root.geometry().level(0).name());
            assertEquals(entries, root.geometry().entryCount(0));
            assertEquals(page, root.geometry().pageSize());
        }
        assertEquals(52, arch.physicalAddressBits());
        assertEquals(0x000FFFFFFFFFFFFFL, arch.layout().userLast());
        assertEquals(0xFFF0000000000000L, arch.layout().kernelFirst());
    }

    @Test
    void d1WalksAsTheReferenceSays() {
        HardwareVectorCheck.assertAgrees(Variants.get("aarch64-4k-52"), ReferenceVectors.D1);
        HardwareVectorCheck.assertAgrees(
                Variants.get("aarch64-4k-52"), ReferenceVectors.LPA2_L0_BLOCK);
        HardwareVectorCheck.assertAgrees(
                Variants.get("aarch64-16k-52"), ReferenceVectors.LPA2_16K_PAGE);
    }

    @ParameterizedTest
    @CsvSource({
        // T0SZ = T1SZ = 12, TG0 4K (00) / TG1 4K (10), or TG0 16K (10) / TG1 16K (01); IPS 6; DS
        "0x0000000000000000, 0x0000000080000000, aarch64-4k-52",
        "0x0000000000008000, 0x0000000040000000, aarch64-16k-52",
    })
    void theControlRegisterWithDsSelectsTheVariant(String tg0, String tg1, String name) {
        long tcr = 12 | (12L << 16) | Long.decode(tg0) | Long.decode(tg1) | (6L << 32) | DS;
        Aarch64Architecture arch =
                (Aarch64Architecture) Variants.withTcr(Variants.get("aarch64"), tcr);
        assertEquals(name, arch.name());
        assertEquals(Variants.get(name).setup(), arch.setup());
        assertEquals(tcr, arch.controlRegister());
        // DS with a 48-bit VA: the same descriptors, one level less
        Aarch64Architecture narrow =
                (Aarch64Architecture)
                        Variants.withTcr(Variants.get("aarch64"), tcr + 4 + (4L << 16));
        assertEquals(name.replace("52", "48") + "-lpa2", narrow.name());
        // D1's last four levels: L0 = VA[47:39] = 0 ... L3 = VA[20:12] = 1, desc[9:8] = 0b11 =
        // OA[51:50]
        if (name.startsWith("aarch64-4k")) {
            HardwareVectorCheck.assertAgrees(
                    narrow,
                    HardwareVector.translates(
                            "D1 at 48 bits",
                            0,
                            0xE0000000L,
                            Map.of(
                                    0xE0000000L, 0x00000000E0001003L,
                                    0xE0001000L, 0x00000000E0002003L,
                                    0xE0002000L, 0x00000000E0003003L,
                                    0xE0003008L, 0x0000000000005707L),
                            8,
                            0x1234L,
                            0xC000000005234L));
        }
    }

    @Test
    void pagesAndTablesAbove2To50RoundTrip() {
        Aarch64Architecture arch = Variants.get("aarch64-4k-52");
        TranslationRoot root = arch.roots().get(0);
        SparseMemory memory = new SparseMemory(52);
        long tablesBase =
                0x000F000000000000L; // 2^51 + 2^50 + 2^49 + 2^48: OA[51:50] = 0b11 in every table
        // entry
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(tablesBase, 16, 4096);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
        long rootTable = TableHierarchy.allocateRoot(root, access, allocator);
        assertEquals(tablesBase, rootTable);
        TableHierarchy tables =
                new TableHierarchy(root, 52, rootTable, access, allocator, NoFlush.INSTANCE);
        long va = 0x000F000000001000L; // D1's VA page: L-1 index 0xF
        long pa = 0x000C000012345000L; // OA[51:50] = 0b11, OA[49:12] = 0x12345
        tables.map(
                va,
                0x1000,
                FrameSource.pages(new long[] {pa}, 0x1000),
                new MappingFlags(MappingAccessRights.KERNEL_RW, MemoryType.WRITE_BACK, true));

        // TTBR0: BADDR[51:48] = 0xF in bits 5:2 (0x3C), BADDR[47:0] = 0
        long register = root.registerValue(rootTable, 0);
        assertEquals(0x3CL, register);
        // L-1 entry 0xF: table 0xF_0000_0000_1000 = OA[49:12] 0x3_0000_0000_1000 | OA[51:50] 0b11
        // in bits 9:8 | 0b11
        assertEquals(0x0003000000001303L, memory.readLong(rootTable + 0xF * 8));
        // the page: no SH in bits 9:8 (they hold OA[51:50] = 0b11 = 0x300), AF, AttrIndx 0, AP 00,
        // PXN UXN
        long leafTable = tablesBase + 4 * 0x1000;
        assertEquals(0x0060000012345703L, memory.readLong(leafTable + 8));
        WalkResult walk = new PageWalker(arch, memory).walk(0, register, va + 0x234);
        assertEquals(pa + 0x234, walk.physicalAddress(), walk.toString());
        assertEquals(MemoryType.WRITE_BACK, walk.flags().memoryType());
    }
}
