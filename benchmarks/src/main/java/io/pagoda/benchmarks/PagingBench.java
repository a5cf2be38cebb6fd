package io.pagoda.benchmarks;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fresh hierarchy of one variant's first root over simulated memory, no TLB: the system the table
 * benchmarks measure, through the public API only ({@code TableHierarchy} over {@code
 * SparseMemory}).
 *
 * <p>Every variant gets the same work at the same addresses: virtual range at {@link #VA} (1 GiB,
 * canonical and inside every variant's lower range, i386's 4 GiB included), table frames from
 * {@link #TABLE_BASE} (below 4 GiB, where a 32-bit root register can point), mapped frames from
 * {@link #DATA_BASE}, far from the tables (mapping never touches the mapped frames, so they cost no
 * host memory).
 */
final class PagingBench {
    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;
    static final long VA = GIB;
    static final long TABLE_BASE = 0x1000_0000L;
    static final long TABLE_POOL_BYTES = 512 * MIB;
    static final long DATA_BASE = 0x1_0000_0000L;
    static final MappingFlags FLAGS = MappingFlags.of(MappingAccessRights.KERNEL_RW);

    /** The variants of issue 12's targets, in the order the summary prints them. */
    static final List<String> VARIANTS =
            List.of("x86_64", "x86_64-la57", "i386-pae", "aarch64-4k-48", "aarch64-64k-42");

    private static final Map<String, Architecture> ARCHITECTURES = new ConcurrentHashMap<>();

    final Architecture architecture;
    final TranslationRoot root;
    final Geometry geometry;
    final SparseMemory memory;
    final BitmapFrameAllocator frames;
    final TableHierarchy tables;

    PagingBench(String variant) {
        architecture = architecture(variant);
        root = architecture.roots().get(0);
        geometry = root.geometry();
        memory = new SparseMemory(architecture.physicalAddressBits());
        long frameSize = Math.max(geometry.pageSize(), geometry.largestTableBytes());
        frames = new BitmapFrameAllocator(TABLE_BASE, TABLE_POOL_BYTES / frameSize, frameSize);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, geometry);
        long rootTable = TableHierarchy.allocateRoot(root, access, frames);
        tables =
                new TableHierarchy(
                        root,
                        architecture.physicalAddressBits(),
                        rootTable,
                        access,
                        frames,
                        NoFlush.INSTANCE);
    }

    /** Discovered once per JVM: discovery is class loading, not the work measured. */
    static Architecture architecture(String variant) {
        return ARCHITECTURES.computeIfAbsent(variant, name -> Architectures.discover().get(name));
    }

    long pageSize() {
        return geometry.pageSize();
    }

    /**
     * The smallest block (a leaf above the last level): 2 MiB with 4 KiB granules, 512 MiB with 64
     * KiB.
     */
    long smallestBlock() {
        List<Long> sizes = geometry.leafSizes();
        return sizes.size() > 1 ? sizes.get(1) : sizes.get(0);
    }

    /** Pages of {@code bytes}. */
    long pages(long bytes) {
        return bytes / pageSize();
    }

    /**
     * One range call from a contiguous frame source: pages only (a frame source places no blocks
     * today).
     */
    void mapPages(long va, long bytes) {
        tables.map(va, bytes, FrameSource.contiguous(DATA_BASE), FLAGS);
    }

    /**
     * One range call placing the smallest blocks. The physical side starts one smallest block past
     * a larger-block boundary, so virtual and physical addresses never align to a larger block
     * together: every leaf is a smallest block even on variants with 1 GiB blocks (no policy caps
     * the leaf size today).
     */
    void mapSmallestBlocks(long va, long bytes) {
        tables.mapContiguous(
                va, DATA_BASE + smallestBlock(), bytes, FLAGS, LeafSizePolicy.LARGEST_FITTING);
    }

    /**
     * How many bytes of smallest blocks fit from {@link #VA}: 64 GiB, except in a 4 GiB space
     * (i386-pae: 3 GiB).
     */
    long blockWorkBytes() {
        return Math.min(64 * GIB, geometry.linearSpan() - VA);
    }

    void unmap(long va, long bytes) {
        tables.unmap(va, bytes, UnmapCallback.NONE);
    }
}
