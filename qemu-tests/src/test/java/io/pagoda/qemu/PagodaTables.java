package io.pagoda.qemu;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.ArrayList;
import java.util.List;

/**
 * One Pagoda hierarchy on simulated memory, built the way a user would (TableHierarchy over
 * SparseMemory and a frame allocator), plus the standard workload the QEMU comparisons run: pages
 * from a frame list, pages with several rights, memory types and global, small and huge guards, two
 * blocks of every block size up to 1 GiB (and one more of the smallest above 4 GiB), then a page
 * unmapped out of a block (a split) and protect over a part of the split block and over a whole
 * block.
 */
final class PagodaTables {
    /**
     * A present entry as Pagoda's forEveryEntry reports it over a whole range (so whole entries).
     */
    record Present(long virtualAddress, long length, long physicalAddress, int level, long raw) {}

    final Architecture architecture;
    final TranslationRoot root;
    final SparseMemory memory;
    final BitmapFrameAllocator frames;
    final TableHierarchy hierarchy;
    final long register;

    /** Addresses the workload left unmapped or guarded on purpose, to ask QEMU about. */
    final List<Long> holes = new ArrayList<>();

    PagodaTables(
            Architecture architecture,
            int rootIndex,
            SparseMemory memory,
            BitmapFrameAllocator frames) {
        this.architecture = architecture;
        this.root = architecture.roots().get(rootIndex);
        this.memory = memory;
        this.frames = frames;
        PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
        long rootTable = TableHierarchy.allocateRoot(root, access, frames);
        this.hierarchy =
                new TableHierarchy(
                        root,
                        architecture.physicalAddressBits(),
                        rootTable,
                        access,
                        frames,
                        NoFlush.INSTANCE);
        this.register = root.registerValue(rootTable, 0);
    }

    Geometry geometry() {
        return root.geometry();
    }

    /**
     * The flags as asked when the format can express them at every leaf level; else with EXECUTABLE
     * added (i386 has no NX); else, with the memory type uncached too (x86's power-on PAT has no
     * write-combining entry).
     */
    MappingFlags expressible(MappingFlags flags) {
        if (expressedEverywhere(flags)) {
            return flags;
        }
        MappingFlags executable =
                flags.withRights(flags.rights().with(MappingAccessRights.EXECUTABLE));
        return expressedEverywhere(executable)
                ? executable
                : executable.withMemoryType(MemoryType.UNCACHED);
    }

    private boolean expressedEverywhere(MappingFlags flags) {
        try {
            for (int level = 0; level < geometry().levelCount(); level++) {
                if (geometry().level(level).leafAllowed()) {
                    root.format().leafTemplate(level, flags);
                }
            }
            return true;
        } catch (RightsNotExpressibleException e) {
            return false;
        }
    }

    /**
     * Block sizes above the page, up to 1 GiB (a 4 TiB FEAT_LPA block would need more RAM than the
     * point is worth).
     */
    List<Long> blockSizes() {
        List<Long> sizes = new ArrayList<>();
        for (long size : geometry().leafSizes()) {
            if (size > geometry().pageSize() && size <= (1L << 30)) {
                sizes.add(size);
            }
        }
        return sizes;
    }

    /**
     * The region the workload needs from {@code base}: a page area, a huge guard, then three slots
     * per block size.
     */
    long workloadSpan() {
        return unit() * (2 + 3L * blockSizes().size());
    }

    private long unit() {
        List<Long> blocks = blockSizes();
        long page = geometry().pageSize();
        return Math.max(blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1), 128 * page);
    }

    /**
     * The standard workload at {@code base} (aligned to the largest block size), with page frames
     * from {@code dataBase} and blocks at 4 GiB multiples (physical addresses above 4 GiB: PSE-36
     * on i386).
     */
    void runWorkload(long base, long dataBase) {
        long page = geometry().pageSize();
        long unit = unit();
        long[] scattered = new long[16];
        for (int i = 0; i < scattered.length; i++) {
            scattered[i] =
                    dataBase + (long) (scattered.length - i) * 3 * page; // descending, with gaps
        }
        hierarchy.map(
                base,
                16 * page,
                FrameSource.pages(scattered, page),
                expressible(MappingFlags.of(MappingAccessRights.USER_RW)));
        MappingFlags[] variety = {
            new MappingFlags(MappingAccessRights.KERNEL_RX, MemoryType.WRITE_THROUGH, true),
            new MappingFlags(MappingAccessRights.KERNEL_RW, MemoryType.UNCACHED, false),
            new MappingFlags(MappingAccessRights.USER_RX, MemoryType.WRITE_COMBINING, false),
            new MappingFlags(MappingAccessRights.READABLE, MemoryType.DEVICE, true),
            new MappingFlags(MappingAccessRights.parse("r--u"), MemoryType.WRITE_BACK, false),
            new MappingFlags(MappingAccessRights.parse("rwxu"), MemoryType.WRITE_BACK, true),
        };
        for (int i = 0; i < variety.length; i++) {
            hierarchy.mapContiguous(
                    base + (16 + 4L * i) * page,
                    dataBase + (64 + 8L * i) * page,
                    4 * page,
                    expressible(variety[i]),
                    LeafSizePolicy.PAGES_ONLY);
        }
        long guard = base + 48 * page;
        hierarchy.guard(guard, 4 * page);
        holes.add(guard);
        holes.add(guard + 3 * page + 5);
        holes.add(base + 60 * page); // never mapped
        hierarchy.guard(base + unit, unit); // a whole upper-level entry: a huge guard
        holes.add(base + unit + unit / 2);

        List<Long> blocks = blockSizes();
        for (int j = 0; j < blocks.size(); j++) {
            long size = blocks.get(j);
            long va = base + (2 + 3L * j) * unit;
            // the block split below must stay under 4 GiB (legacy i386 PTEs reach no higher); the
            // others go above
            long pa = j == 0 ? 0x8000_0000L : (long) (j + 1) << 32;
            hierarchy.mapContiguous(
                    va,
                    pa,
                    2 * size,
                    expressible(
                            new MappingFlags(
                                    MappingAccessRights.KERNEL_RW, MemoryType.WRITE_BACK, j == 0)),
                    LeafSizePolicy.LARGEST_FITTING);
            if (j == 0) {
                long hole = va + size / 2;
                hierarchy.unmap(hole, page, UnmapCallback.NONE); // splits the first block
                holes.add(hole + 7);
                hierarchy.protect(
                        va,
                        8 * page,
                        expressible(
                                new MappingFlags(
                                        MappingAccessRights.READABLE,
                                        MemoryType.WRITE_BACK,
                                        true)));
                hierarchy.protect(
                        va + size,
                        size,
                        expressible(
                                new MappingFlags(
                                        MappingAccessRights.USER_RX,
                                        MemoryType.WRITE_THROUGH,
                                        false)));
                // one more block of this size above 4 GiB in the slot's last unit (PSE-36 on legacy
                // i386)
                hierarchy.mapContiguous(
                        va + 2 * unit,
                        1L << 32,
                        size,
                        expressible(
                                new MappingFlags(
                                        MappingAccessRights.USER_RW, MemoryType.UNCACHED, false)),
                        LeafSizePolicy.LARGEST_FITTING);
            }
        }
    }

    /** A few global kernel pages, for the upper half of x86-64 or a TTBR1 hierarchy. */
    void mapKernelPages(long base, long dataBase) {
        long page = geometry().pageSize();
        hierarchy.mapContiguous(
                base,
                dataBase,
                8 * page,
                expressible(
                        new MappingFlags(
                                MappingAccessRights.KERNEL_RW, MemoryType.WRITE_BACK, true)),
                LeafSizePolicy.PAGES_ONLY);
        holes.add(base + 8 * page);
    }

    /** Every present entry in {@code [first, first + length)}, in address order. */
    List<Present> present(long first, long length) {
        List<Present> out = new ArrayList<>();
        hierarchy.forEveryEntry(
                first,
                length,
                (va, len, state, pa, level, raw) -> {
                    if (state == PageState.PRESENT) {
                        out.add(new Present(va, len, pa, level, raw));
                    }
                });
        return out;
    }

    /** The allocator's frames (every table Pagoda wrote) into a QEMU image. */
    void dumpTo(MemoryImage image) {
        image.copyFrom(memory, frames.base(), frames.frameCount() * frames.frameSize());
    }
}
