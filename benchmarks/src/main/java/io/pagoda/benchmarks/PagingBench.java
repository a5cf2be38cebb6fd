package io.pagoda.benchmarks;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.PhysicalTableAccess;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;

/** A fresh x86_64 hierarchy on simulated memory, the system every benchmark measures. */
final class PagingBench {
    static final long PAGE = 4096;
    static final MappingFlags FLAGS = MappingFlags.of(MappingAccessRights.KERNEL_RW);

    final SparseMemory memory;
    final BitmapFrameAllocator frames;
    final TableHierarchy tables;

    PagingBench(String architecture) {
        Architecture arch = Architectures.discover().get(architecture);
        TranslationRoot root = arch.roots().get(0);
        memory = new SparseMemory(arch.physicalAddressBits());
        frames = new BitmapFrameAllocator(0x1_0000_0000L, 1 << 16, PAGE);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
        long rootTable = TableHierarchy.allocateRoot(root, access, frames);
        tables = new TableHierarchy(root, arch.physicalAddressBits(), rootTable, access, frames, NoFlush.INSTANCE);
    }

    void mapRange(long va, long pages) {
        tables.mapContiguous(va, 0x4000_0000L, pages * PAGE, FLAGS, LeafSizePolicy.PAGES_ONLY);
    }

    /** The naive way the range algorithm replaces: one operation, so one walk from the root, per page. */
    void mapPageByPage(long va, long pages) {
        for (long i = 0; i < pages; i++) {
            tables.mapContiguous(va + i * PAGE, 0x4000_0000L + i * PAGE, PAGE, FLAGS, LeafSizePolicy.PAGES_ONLY);
        }
    }

    void unmapRange(long va, long pages) {
        tables.unmap(va, pages * PAGE, UnmapCallback.NONE);
    }

    void unmapPageByPage(long va, long pages) {
        for (long i = 0; i < pages; i++) {
            tables.unmap(va + i * PAGE, PAGE, UnmapCallback.NONE);
        }
    }
}
