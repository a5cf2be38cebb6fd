package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.Optional;

/**
 * The seed's {@code TableHierarchy}, written once over any {@link Geometry} and {@link
 * EntryFormat}: map, guard (with huge guards), unmap (splitting huge guards and blocks), iterate,
 * find free space; and beyond the seed: translate with effective rights, protect, block mappings
 * and reclaiming empty tables.
 *
 * <p>A facade: each operation checks its range once ({@link VirtualRange}) and runs one walk with a
 * job of its own ({@link FillWalk} for map and guard, {@link ChangeWalk} for unmap and protect,
 * {@link RangeIteration}, {@link ReclaimWalk}, {@link FreeSpaceSearch}; translation through {@link
 * AddressWalk}). Every address-to-index step goes through the one {@link RangeCursor}.
 *
 * <p>Every mutating operation is all-or-nothing: tables, allocator and the flusher's view are
 * unchanged after any failure (how each walk keeps that without paying twice is told in its class).
 * Range operations visit each table once; none walks from the root per page. Present translations
 * an operation changes are reported to the flusher once per operation.
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

    /**
     * The algorithms over the hierarchy rooted at {@code rootTable}.
     *
     * @param root the translation root whose geometry, format and canonical form the tables follow
     * @param physicalAddressBits the architecture's physical address width in bits: no frame may
     *     lie above it
     * @param rootTable the physical address of the root table (level 0)
     * @param access how the tables are reached
     * @param allocator where new tables take their frames and where emptied ones are freed
     * @param flusher told of every present translation an operation changes
     * @throws IllegalArgumentException when the allocator's frames are smaller than the geometry's
     *     largest table
     */
    public TableHierarchy(
            TranslationRoot root,
            int physicalAddressBits,
            long rootTable,
            TableAccess access,
            FrameAllocator allocator,
            PagingCacheFlusher flusher) {
        this.h =
                new HierarchyContext(
                        root, physicalAddressBits, rootTable, access, allocator, flusher);
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
            throw new IllegalArgumentException(
                    "the allocator's frames of "
                            + Hex.size(allocator.frameSize())
                            + " cannot hold this geometry's tables of "
                            + Hex.size(geometry.largestTableBytes()));
        }
    }

    /**
     * Allocates a root table from {@code allocator} and zeroes it (through {@code access}).
     *
     * @param root the translation root the table is for; its register must be able to hold the
     *     frame's address
     * @param access how the new table is reached for zeroing (as an unlinked table)
     * @param allocator where the frame comes from
     * @return the new root table's physical address
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when the allocator has no frame
     *     left
     * @throws PhysicalAddressException when the frame lies at or above the root's address limit
     *     (the frame is given back)
     */
    public static long allocateRoot(
            TranslationRoot root, TableAccess access, FrameAllocator allocator) {
        long frame = allocator.allocate();
        if (Long.compareUnsigned(frame, root.rootAddressLimit()) >= 0) {
            allocator.free(frame);
            throw new PhysicalAddressException(
                    "the frame allocator handed out "
                            + Hex.of(frame)
                            + " for a root table, but "
                            + root.registerName()
                            + " holds root tables only below "
                            + Hex.of(root.rootAddressLimit())
                            + "; give the hierarchy an allocator of lower frames");
        }
        try (TableView view = access.openUnlinked(0, frame)) {
            view.fill(0, root.geometry().entryCount(0), 0);
        }
        return frame;
    }

    /**
     * The geometry of the tables: levels, entry counts and sizes, page size.
     *
     * @return the root's geometry
     */
    public Geometry geometry() {
        return geometry;
    }

    /**
     * The entry format the tables are written in.
     *
     * @return the root's entry format
     */
    public EntryFormat format() {
        return format;
    }

    /**
     * How virtual addresses map to the linear addresses the tables index.
     *
     * @return the root's canonical form
     */
    public CanonicalForm canonicalForm() {
        return canonical;
    }

    /**
     * Where the root table lies.
     *
     * @return the root table's physical address
     */
    public long rootTable() {
        return h.rootTable;
    }

    /**
     * How the tables are reached.
     *
     * @return the access given at construction
     */
    public TableAccess access() {
        return h.access;
    }

    /**
     * Where new tables take their frames.
     *
     * @return the allocator given at construction
     */
    public FrameAllocator allocator() {
        return h.allocator;
    }

    /**
     * The smallest page of the geometry, the unit of every range.
     *
     * @return the page size in bytes
     */
    public long pageSize() {
        return geometry.pageSize();
    }

    // ------------------------------------------------------------------ public operations: each
    // one walk

    /**
     * Maps {@code length} bytes at {@code va} to frames taken from {@code frames} (the seed's
     * {@code map_to_from_iterator}), one page per frame.
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @param frames where each page's frame comes from, in address order
     * @param flags the rights and attributes of every page
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is 0, or the range
     *     runs past the translated range or crosses into non-canonical addresses
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     * @throws io.pagoda.paging.error.AlreadyMappedException when an entry of the range is mapped or
     *     guarded already
     * @throws io.pagoda.paging.error.RightsNotExpressibleException when the format cannot express
     *     {@code flags}
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when the allocator runs out of
     *     frames for tables
     * @throws PhysicalAddressException when a frame lies beyond what a leaf can hold
     */
    public void map(long va, long length, FrameSource frames, MappingFlags flags) {
        map(va, length, frames, flags, LeafSizePolicy.PAGES_ONLY);
    }

    /**
     * Maps {@code length} bytes at {@code va} to frames taken from {@code frames}, placing a block
     * wherever {@code policy} allows one and the source says it can supply it ({@link
     * FrameSource#canSupplyLeaf}).
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @param frames where each leaf's frame comes from, in address order
     * @param flags the rights and attributes of every leaf
     * @param policy which leaf sizes above the page may be used
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is 0, or the range
     *     runs past the translated range or crosses into non-canonical addresses
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     * @throws io.pagoda.paging.error.AlreadyMappedException when an entry of the range is mapped or
     *     guarded already
     * @throws io.pagoda.paging.error.RightsNotExpressibleException when the format cannot express
     *     {@code flags}
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when the allocator runs out of
     *     frames for tables
     * @throws PhysicalAddressException when a frame lies beyond what a leaf can hold
     */
    public void map(
            long va, long length, FrameSource frames, MappingFlags flags, LeafSizePolicy policy) {
        VirtualRange range = VirtualRange.of(h, "map", va, length);
        long[] leafTemplates = templates.of(flags, va);
        fill.claim().map(range, frames, leafTemplates, policy);
    }

    /**
     * Maps {@code [va, va + length)} to {@code [pa, pa + length)}, with blocks where the policy
     * allows.
     *
     * @param va the first virtual address, page-aligned
     * @param pa the first physical address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @param flags the rights and attributes of every leaf
     * @param policy which leaf sizes above the page may be used
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is 0, or the range
     *     runs past the translated range or crosses into non-canonical addresses
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     * @throws MisalignedAddressException when {@code pa} is not page-aligned
     * @throws PhysicalAddressException when the physical range ends past the physical address width
     * @throws io.pagoda.paging.error.AlreadyMappedException when an entry of the range is mapped or
     *     guarded already
     * @throws io.pagoda.paging.error.RightsNotExpressibleException when the format cannot express
     *     {@code flags}
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when the allocator runs out of
     *     frames for tables
     */
    public void mapContiguous(
            long va, long pa, long length, MappingFlags flags, LeafSizePolicy policy) {
        long page = geometry.pageSize();
        if ((pa & (page - 1)) != 0) {
            throw new MisalignedAddressException(
                    "cannot map physical address "
                            + Hex.of(pa)
                            + ": it is not aligned to the page size "
                            + Hex.size(page)
                            + "; align it down and adjust the offset");
        }
        long physicalLimit = h.physicalLimit;
        if (pa < 0 || length > physicalLimit || pa > physicalLimit - length) {
            throw new PhysicalAddressException(
                    "cannot map physical range "
                            + Hex.of(pa)
                            + " + "
                            + Hex.size(length)
                            + ": it ends past the physical address width ("
                            + Hex.of(physicalLimit - 1)
                            + " is the last address)");
        }
        VirtualRange range = VirtualRange.of(h, "map", va, length);
        long[] leafTemplates = templates.of(flags, va);
        // every leaf of the range is reachable when the smallest leaves are: then no frame needs a
        // check of its own
        boolean framesChecked =
                pa + length <= Math.min(physicalLimit, format.leafAddressLimit(lastLevel));
        fill.claim().mapContiguous(range, pa, leafTemplates, policy, framesChecked);
    }

    /**
     * Guards {@code [va, va + length)}: marks it reserved so that access faults and no free-space
     * search hands it out. Where a whole upper-level entry is covered and unused, guards that entry
     * (a huge guard) instead of creating a table full of guards.
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is 0, or the range
     *     runs past the translated range or crosses into non-canonical addresses
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     * @throws io.pagoda.paging.error.AlreadyMappedException when an entry of the range is mapped or
     *     guarded already
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when the allocator runs out of
     *     frames for tables
     */
    public void guard(long va, long length) {
        fill.claim().guard(VirtualRange.of(h, "guard", va, length));
    }

    /**
     * Unmaps {@code [va, va + length)}: clears leaves (telling {@code callback} of each frame) and
     * guards; splits a block or huge guard that the range covers only in part. Any unmapped entry
     * in the range is an error and nothing changes. Empty tables stay (see {@link
     * #reclaimEmptyTables}).
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @param callback told of each leaf removed, after its entry was cleared ({@link
     *     UnmapCallback#NONE} for none)
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is 0, or the range
     *     runs past the translated range or crosses into non-canonical addresses
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     * @throws io.pagoda.paging.error.NotMappedException when an entry of the range is neither
     *     mapped nor guarded
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when splitting a block or huge
     *     guard needs a table and no frame is left
     */
    public void unmap(long va, long length, UnmapCallback callback) {
        change.claim().unmap(VirtualRange.of(h, "unmap", va, length), callback);
    }

    /**
     * Changes the flags of every leaf in the range in place; blocks covered in part are split.
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @param flags the new rights and attributes
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is 0, or the range
     *     runs past the translated range or crosses into non-canonical addresses
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     * @throws io.pagoda.paging.error.NotMappedException when an entry of the range is not mapped (a
     *     hole or a guard)
     * @throws io.pagoda.paging.error.RightsNotExpressibleException when the format cannot express
     *     {@code flags}
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when splitting a block needs a
     *     table and no frame is left
     */
    public void protect(long va, long length, MappingFlags flags) {
        VirtualRange range = VirtualRange.of(h, "protect", va, length);
        change.claim().protect(range, templates.of(flags, va));
    }

    /**
     * Frees every table in the range that holds only unused entries, returning how many were freed.
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @return the number of tables freed
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is 0, or the range
     *     runs past the translated range or crosses into non-canonical addresses
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     */
    public int reclaimEmptyTables(long va, long length) {
        VirtualRange range = VirtualRange.of(h, "reclaim tables in", va, length);
        ChangedRange changed = new ChangedRange();
        int reclaimed = reclaim.reclaim(range, changed);
        h.flush(changed);
        return reclaimed;
    }

    /**
     * Reports every leaf or non-present entry the range covers, in address order.
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @param visitor told of each entry
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is 0, or the range
     *     runs past the translated range or crosses into non-canonical addresses
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     */
    public void forEveryEntry(long va, long length, EntryVisitor visitor) {
        iteration.forEveryEntry(VirtualRange.of(h, "iterate over", va, length), visitor);
    }

    /**
     * Reports every leaf and guard the range covers, in address order, with each leaf's effective
     * flags: the tables' rights are combined on the way down, so no leaf is walked again from the
     * root.
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @param visitor told of each leaf and guard
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is 0, or the range
     *     runs past the translated range or crosses into non-canonical addresses
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     */
    public void forEveryMapping(long va, long length, MappingVisitor visitor) {
        iteration.forEveryMapping(VirtualRange.of(h, "iterate over", va, length), visitor);
    }

    /**
     * Walks {@code va} and reports where the walk ends, with rights combined over every level.
     *
     * @param va any virtual address, aligned or not
     * @return present (with physical address and effective flags), guarded or available, with the
     *     level (0 = top) and span of the entry where the walk ended
     * @throws io.pagoda.paging.error.CorruptTableException when the walk meets a malformed entry
     */
    public Translation translate(long va) {
        AddressWalk walk = walker;
        EntryKind kind = walk.walk(h.rootTable, canonical.linear(va));
        int level = walk.level();
        return switch (kind) {
            case LEAF ->
                    new Translation(
                            va,
                            PageState.PRESENT,
                            walk.physicalAddress(),
                            level,
                            walk.span(),
                            walk.effectiveFlags());
            case GUARD -> new Translation(va, PageState.GUARDED, -1, level, walk.span(), null);
            case UNUSED, INVALID ->
                    new Translation(va, PageState.AVAILABLE, -1, level, walk.span(), null);
            default ->
                    throw h.corrupt(
                            level,
                            walk.index(level),
                            canonical.linear(va),
                            walk.raw(),
                            walk.malformation());
        };
    }

    /**
     * The physical address {@code va} translates to, or -1; allocation-free for hot paths.
     *
     * @param va any virtual address, aligned or not
     * @return the physical address, offset within the leaf included, or -1 when no leaf maps {@code
     *     va}
     */
    public long translateAddress(long va) {
        // the walk of AddressWalk without its record keeping: this is the hot path of
        // translation-only callers
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
     * The first virtual address {@code v}, aligned to {@code alignment}, with {@code first <= v}
     * and {@code v + length - 1 <= last} such that all of {@code [v, v + length)} is available (the
     * seed's {@code find_available_virtual_space_aligned}; {@code last} is inclusive, so the last
     * page of a range can be returned and the top of the address space needs no overflow).
     *
     * @param length the length in bytes, a positive multiple of the page size
     * @param first the lowest start address to consider, page-aligned
     * @param last the highest address the range may cover (inclusive)
     * @param alignment the alignment of the start in bytes, a power of two of at least the page
     *     size
     * @return the lowest such {@code v}, or empty when there is none
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is not positive, or
     *     {@code [first, last]} is empty or crosses a non-canonical hole
     * @throws MisalignedAddressException when {@code alignment} is no power of two of at least the
     *     page size, or {@code first} or {@code length} is not page-aligned
     */
    public Optional<Long> findAvailableVirtualSpaceAligned(
            long length, long first, long last, long alignment) {
        return freeSpace.find(length, first, last, alignment);
    }
}
