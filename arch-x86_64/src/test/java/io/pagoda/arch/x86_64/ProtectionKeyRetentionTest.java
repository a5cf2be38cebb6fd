package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import org.junit.jupiter.api.Test;

/** A protection key (bits 62:59, §3) set on a leaf survives protect and the split of its block. */
class ProtectionKeyRetentionTest {
    private static final long BLOCK_VA = 0x0000_0040_0020_0000L;

    @Test
    void keysSurviveProtectAndSplit() {
        X86_64Architecture arch = X86_64Architecture.fourLevel();
        TranslationRoot root = arch.roots().get(0);
        SparseMemory memory = new SparseMemory(52);
        BitmapFrameAllocator frames = new BitmapFrameAllocator(0x100_0000, 64, 4096);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
        TableHierarchy tables =
                new TableHierarchy(
                        root,
                        52,
                        TableHierarchy.allocateRoot(root, access, frames),
                        access,
                        frames,
                        NoFlush.INSTANCE);
        tables.mapContiguous(
                BLOCK_VA,
                0x4000_0000L,
                0x20_0000,
                MappingFlags.of(MappingAccessRights.USER_RW),
                LeafSizePolicy.LARGEST_FITTING);

        // find the 2 MiB PDE by the §3 index formula and give it key 5
        long pml4 = tables.rootTable();
        long pdpt =
                memory.readLong(pml4 + 8 * ((BLOCK_VA >>> 39) & 0x1FF)) & 0x000F_FFFF_FFFF_F000L;
        long pd = memory.readLong(pdpt + 8 * ((BLOCK_VA >>> 30) & 0x1FF)) & 0x000F_FFFF_FFFF_F000L;
        long pde = pd + 8 * ((BLOCK_VA >>> 21) & 0x1FF);
        memory.writeLong(pde, memory.readLong(pde) | (5L << 59));

        tables.protect(BLOCK_VA, 0x20_0000, MappingFlags.of(MappingAccessRights.ofBits(0b1011)));
        assertEquals(5, (memory.readLong(pde) >>> 59) & 0xF, "protect kept the key");

        tables.unmap(BLOCK_VA, 0x1000, UnmapCallback.NONE);
        long pt = memory.readLong(pde) & 0x000F_FFFF_FFFF_F000L;
        for (int i = 1; i < 512; i++) {
            assertEquals(
                    5,
                    (memory.readLong(pt + 8L * i) >>> 59) & 0xF,
                    "PTE " + i + " of the split block kept the key");
        }
    }
}
