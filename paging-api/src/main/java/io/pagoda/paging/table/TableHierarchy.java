package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.Optional;

/**
 * The seed's {@code TableHierarchy}, written once over any {@link Geometry} and {@link EntryFormat}: map, guard
 * (with huge guards), unmap (splitting huge guards and blocks), iterate, find free space; and beyond the seed:
 * translate with effective rights, protect, block mappings and reclaiming empty tables.
 *
 * <p>A facade: each operation checks its range once ({@link VirtualRange}) and runs one walk with a job of its own
 * ({@link FillWalk} for map and guard, {@link ChangeWalk} for unmap and protect, {@link RangeIteration},
 * {@link ReclaimWalk}, {@link FreeSpaceSearch}; translation through {@link AddressWalk}). Every address-to-index
 * step goes through the one {@link RangeCursor}.
 *
 * <p>Every mutating operation is all-or-nothing: tables, allocator and the flusher's view are unchanged after any
 * failure (how each walk keeps that without paying twice is told in its class). Range operations visit each table
 * once; none walks from the root per page. Present translations an operation changes are reported to the flusher
 * once per operation.
 *
 * <p>Not thread-safe: one operation at a time (the address-space facade locks).
 */
public final class TableHierarchy {
    private final HierarchyContext h;
    private final Geometry geometry;
    private final EntryFormat format;
    private final CanonicalForm canonical;
    private final RangeCursor cursor;
    private final int lastLevel;
    private final AddressWalk walker;
    private final LeafTemplates templates;
    private final FillWalk fill;
    private final ChangeWalk change;
    private final RangeIteration iteration;
    private final ReclaimWalk reclaim;
    private final FreeSpaceSearch freeSpace;

    public TableHierarchy(TranslationRoot root, int physicalAddressBits, long rootTable, TableAccess access,
                          FrameAllocator allocator, PagingCacheFlusher flusher) {
        this.h = new HierarchyContext(root, physicalAddressBits, rootTable, access, allocator, flusher);
        this.geometry = h.geometry;
        this.format = h.format;
        this.canonical = h.canonical;
        this.cursor = h.cursor;
        this.lastLevel = h.lastLevel;
        this.walker = new AddressWalk(geometry, format, access);
        this.templates = new LeafTemplates(h);
        this.fill = new FillWalk(h);
        this.change = new ChangeWalk(h);
        this.iteration = new RangeIteration(h);
        this.reclaim = new ReclaimWalk(h);
        this.freeSpace = new FreeSpaceSearch(h);
        if (allocator != null && allocator.frameSize() < geometry.largestTableBytes()) {
            throw new IllegalArgumentException("the allocator's frames of " + Hex.size(allocator.frameSize())
                    + " cannot hold this geometry's tables of " + Hex.size(geometry.largestTableBytes()));
        }
    }

    /** Allocates a root table from {@code allocator} and zeroes it (through {@code access}). */
    public static long allocateRoot(TranslationRoot root, TableAccess access, FrameAllocator allocator) {
        long frame = allocator.allocate();
        if (Long.compareUnsigned(frame, root.rootAddressLimit()) >= 0) {
            allocator.free(frame);
            throw new PhysicalAddressException("the frame allocator handed out " + Hex.of(frame) + " for a root table, but "
                    + root.registerName() + " holds root tables only below " + Hex.of(root.rootAddressLimit())
                    + "; give the hierarchy an allocator of lower frames");
        }
        try (TableView view = access.openUnlinked(0, frame)) {
            view.fill(0, root.geometry().entryCount(0), 0);
        }
        return frame;
    }

    public Geometry geometry() {
        return geometry;
    }

    public EntryFormat format() {
        return format;
    }

    public CanonicalForm canonicalForm() {
        return canonical;
    }

    public long rootTable() {
        return h.rootTable;
    }

    public TableAccess access() {
        return h.access;
    }

    public FrameAllocator allocator() {
        return h.allocator;
    }

    public long pageSize() {
        return geometry.pageSize();
    }

    // ------------------------------------------------------------------ public operations: each one walk

    /**
     * Maps {@code length} bytes at {@code va} to frames taken from {@code frames} (the seed's
     * {@code map_to_from_iterator}), one page per frame.
     */
    public void map(long va, long length, FrameSource frames, MappingFlags flags) {
        map(va, length, frames, flags, LeafSizePolicy.PAGES_ONLY);
    }

    /**
     * Maps {@code length} bytes at {@code va} to frames taken from {@code frames}, placing a block wherever
     * {@code policy} allows one and the source says it can supply it ({@link FrameSource#canSupplyLeaf}).
     */
    public void map(long va, long length, FrameSource frames, MappingFlags flags, LeafSizePolicy policy) {
        VirtualRange range = VirtualRange.of(h, "map", va, length);
        long[] leafTemplates = templates.of(flags, va);
        fill.claim().map(range, frames, leafTemplates, policy);
    }

    /** Maps {@code [va, va + length)} to {@code [pa, pa + length)}, with blocks where the policy allows. */
    public void mapContiguous(long va, long pa, long length, MappingFlags flags, LeafSizePolicy policy) {
        long page = geometry.pageSize();
        if ((pa & (page - 1)) != 0) {
            throw new MisalignedAddressException("cannot map physical address " + Hex.of(pa) + ": it is not aligned to the page size "
                    + Hex.size(page) + "; align it down and adjust the offset");
        }
        long physicalLimit = h.physicalLimit;
        if (pa < 0 || length > physicalLimit || pa > physicalLimit - length) {
            throw new PhysicalAddressException("cannot map physical range " + Hex.of(pa) + " + " + Hex.size(length)
                    + ": it ends past the physical address width (" + Hex.of(physicalLimit - 1) + " is the last address)");
        }
        VirtualRange range = VirtualRange.of(h, "map", va, length);
        long[] leafTemplates = templates.of(flags, va);
        // every leaf of the range is reachable when the smallest leaves are: then no frame needs a check of its own
        boolean framesChecked = pa + length <= Math.min(physicalLimit, format.leafAddressLimit(lastLevel));
        fill.claim().mapContiguous(range, pa, leafTemplates, policy, framesChecked);
    }

    /**
     * Guards {@code [va, va + length)}: marks it reserved so that access faults and no free-space search
     * hands it out. Where a whole upper-level entry is covered and unused, guards that entry (a huge
     * guard) instead of creating a table full of guards.
     */
    public void guard(long va, long length) {
        fill.claim().guard(VirtualRange.of(h, "guard", va, length));
    }

    /**
     * Unmaps {@code [va, va + length)}: clears leaves (telling {@code callback} of each frame) and guards;
     * splits a block or huge guard that the range covers only in part. Any unmapped entry in the range is
     * an error and nothing changes. Empty tables stay (see {@link #reclaimEmptyTables}).
     */
    public void unmap(long va, long length, UnmapCallback callback) {
        change.claim().unmap(VirtualRange.of(h, "unmap", va, length), callback);
    }

    /** Changes the flags of every leaf in the range in place; blocks covered in part are split. */
    public void protect(long va, long length, MappingFlags flags) {
        VirtualRange range = VirtualRange.of(h, "protect", va, length);
        change.claim().protect(range, templates.of(flags, va));
    }

    /** Frees every table in the range that holds only unused entries, returning how many were freed. */
    public int reclaimEmptyTables(long va, long length) {
        VirtualRange range = VirtualRange.of(h, "reclaim tables in", va, length);
        ChangedRange changed = new ChangedRange();
        int reclaimed = reclaim.reclaim(range, changed);
        h.flush(changed);
        return reclaimed;
    }

    /** Reports every leaf or non-present entry the range covers, in address order. */
    public void forEveryEntry(long va, long length, EntryVisitor visitor) {
        iteration.forEveryEntry(VirtualRange.of(h, "iterate over", va, length), visitor);
    }

    /**
     * Reports every leaf and guard the range covers, in address order, with each leaf's effective flags: the
     * tables' rights are combined on the way down, so no leaf is walked again from the root.
     */
    public void forEveryMapping(long va, long length, MappingVisitor visitor) {
        iteration.forEveryMapping(VirtualRange.of(h, "iterate over", va, length), visitor);
    }

    /** Walks {@code va} and reports where the walk ends, with rights combined over every level. */
    public Translation translate(long va) {
        AddressWalk walk = walker;
        EntryKind kind = walk.walk(h.rootTable, canonical.linear(va));
        int level = walk.level();
        return switch (kind) {
            case LEAF -> new Translation(va, PageState.PRESENT, walk.physicalAddress(), level, walk.span(), walk.effectiveFlags());
            case GUARD -> new Translation(va, PageState.GUARDED, -1, level, walk.span(), null);
            case UNUSED, INVALID -> new Translation(va, PageState.AVAILABLE, -1, level, walk.span(), null);
            default -> throw h.corrupt(level, walk.index(level), canonical.linear(va), walk.raw(), walk.malformation());
        };
    }

    /** The physical address {@code va} translates to, or -1; allocation-free for hot paths. */
    public long translateAddress(long va) {
        // the walk of AddressWalk without its record keeping: this is the hot path of translation-only callers
        long linear = canonical.linear(va);
        long table = h.rootTable;
        long base = 0;
        TableAccess access = h.access;
        for (int level = 0; level <= lastLevel; level++) {
            long raw;
            try (TableView view = access.open(level, table, base)) {
                raw = view.read(cursor.index(level, linear));
            }
            EntryKind kind = format.kind(level, raw);
            if (kind == EntryKind.LEAF) {
                return format.leafAddress(level, raw) + (linear & (cursor.span(level) - 1));
            }
            if (kind != EntryKind.TABLE) {
                return -1;
            }
            table = format.tableAddress(level, raw);
            base = cursor.entryBase(level, linear);
        }
        return -1;
    }

    /**
     * The first virtual address {@code v}, aligned to {@code alignment}, with {@code first <= v} and
     * {@code v + length - 1 <= last} such that all of {@code [v, v + length)} is available (the seed's
     * {@code find_available_virtual_space_aligned}; {@code last} is inclusive, so the last page of a range
     * can be returned and the top of the address space needs no overflow).
     */
    public Optional<Long> findAvailableVirtualSpaceAligned(long length, long first, long last, long alignment) {
        return freeSpace.find(length, first, last, alignment);
    }
}
