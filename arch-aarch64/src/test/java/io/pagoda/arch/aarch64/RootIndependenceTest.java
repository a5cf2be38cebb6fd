package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import org.junit.jupiter.api.Test;

/**
 * The inactive-hierarchy contract on AArch64: each address space owns a TTBR0 hierarchy only, the
 * kernel's TTBR1 hierarchy is shared and never copied, and the two never touch each other's tables.
 */
class RootIndependenceTest {
    private static final long KERNEL_VA = 0xFFFF000000200000L;
    private static final long USER_VA = 0x0000000000400000L;

    @Test
    void theKernelHalfIsVisibleWithAnyTtbr0AndUserHalvesStayApart() {
        Aarch64Architecture arch = Variants.get("aarch64");
        SparseMemory memory = new SparseMemory(48);
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x40000000L, 64, 4096);
        TranslationRoot kernelRoot = arch.roots().get(1);
        TranslationRoot userRoot = arch.roots().get(0);

        long kernelTable =
                TableHierarchy.allocateRoot(
                        kernelRoot,
                        new PhysicalTableAccess(memory, kernelRoot.geometry()),
                        allocator);
        new TableHierarchy(
                        kernelRoot,
                        48,
                        kernelTable,
                        new PhysicalTableAccess(memory, kernelRoot.geometry()),
                        allocator,
                        NoFlush.INSTANCE)
                .map(
                        KERNEL_VA,
                        4096,
                        FrameSource.pages(new long[] {0x5000000L}, 4096),
                        MappingFlags.of(MappingAccessRights.KERNEL_RW).withGlobal(true));
        long ttbr1 = kernelRoot.registerValue(kernelTable, 0);
        long[] kernelTopBefore = entries(memory, kernelTable, 512);

        long[] userTables = new long[2];
        for (int i = 0; i < 2; i++) {
            PhysicalTableAccess access = new PhysicalTableAccess(memory, userRoot.geometry());
            userTables[i] = TableHierarchy.allocateRoot(userRoot, access, allocator);
            new TableHierarchy(userRoot, 48, userTables[i], access, allocator, NoFlush.INSTANCE)
                    .map(
                            USER_VA,
                            4096,
                            FrameSource.pages(new long[] {0x6000000L + i * 0x1000L}, 4096),
                            MappingFlags.of(MappingAccessRights.USER_RW));
        }
        // mapping user space never wrote the kernel's top table, and no user top table holds a
        // kernel entry
        assertArrayEquals(kernelTopBefore, entries(memory, kernelTable, 512));
        for (long table : userTables) {
            long[] top = entries(memory, table, 512);
            for (int index = 1; index < 512; index++) {
                assertEquals(0, top[index], "user top-level entry " + index);
            }
        }

        PageWalker walker = new PageWalker(arch, memory);
        long[] ttbr0s = {
            userRoot.registerValue(userTables[0], 1),
            userRoot.registerValue(userTables[1], 2),
            userRoot.registerValue(0x7000000L, 3), // an empty table
            0x0000000012345000L, // anything at all
        };
        for (long ttbr0 : ttbr0s) {
            assertEquals(
                    0x5000000L + 0x10,
                    walker.walk(KERNEL_VA + 0x10, ttbr0, ttbr1).physicalAddress(),
                    "kernel through TTBR1 with TTBR0 = " + Long.toHexString(ttbr0));
        }
        assertEquals(0x6000000L, walker.walk(USER_VA, ttbr0s[0], ttbr1).physicalAddress());
        assertEquals(0x6001000L, walker.walk(USER_VA, ttbr0s[1], ttbr1).physicalAddress());
        assertEquals(FaultType.NOT_PRESENT, walker.walk(USER_VA, ttbr0s[2], ttbr1).fault());
        assertEquals(0, walker.walk(USER_VA, ttbr0s[0], ttbr1).rootIndex());
        assertEquals(1, walker.walk(KERNEL_VA, ttbr0s[0], ttbr1).rootIndex());
    }

    private static long[] entries(SparseMemory memory, long table, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = memory.readLong(table + 8L * i);
        }
        return out;
    }
}
