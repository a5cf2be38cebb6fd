package io.pagoda.paging.table;

import io.pagoda.paging.CorruptTableException;
import io.pagoda.paging.Hex;
import io.pagoda.paging.InvalidRangeException;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MisalignedAddressException;
import io.pagoda.paging.PageState;
import io.pagoda.paging.PhysicalAddressException;
import io.pagoda.paging.RightsNotExpressibleException;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.Optional;

/**
 * The seed's {@code TableHierarchy} algorithms, written once over any {@link Geometry} and
 * {@link EntryFormat}: map, guard (with huge guards), unmap (splitting huge guards and blocks), iterate,
 * find free space; and beyond the seed: translate with effective rights, protect, block mappings and
 * reclaiming empty tables.
 *
 * <p>Every mutating operation is all-or-nothing. It first walks the range without writing (validating
 * every entry and every frame, and counting the tables it will need), then allocates those tables
 * (freeing them again if one allocation fails), and only then writes: the writing pass cannot fail. Range operations visit each table once; none walks from
 * the root per page. Present translations it changes are reported to the flusher once per operation.
 *
 * <p>Not thread-safe: one operation at a time (the address-space facade locks).
 */
public final class TableHierarchy {
    private final Geometry geometry;
    private final EntryFormat format;
    private final CanonicalForm canonical;
    private final TableAccess access;
    private final FrameAllocator allocator;
    private final PagingCacheFlusher flusher;
    private final long rootTable;
    private final long physicalLimit;
    private final int lastLevel;
    private final long tableLimit;

    public TableHierarchy(TranslationRoot root, int physicalAddressBits, long rootTable, TableAccess access,
                          FrameAllocator allocator, PagingCacheFlusher flusher) {
        this.geometry = root.geometry();
        this.format = root.format();
        this.canonical = root.canonicalForm();
        this.access = access;
        this.allocator = allocator;
        this.flusher = flusher;
        this.rootTable = rootTable;
        this.physicalLimit = physicalAddressBits >= 63 ? Long.MAX_VALUE : 1L << physicalAddressBits;
        this.lastLevel = geometry.lastLevel();
        long lowest = Long.MAX_VALUE;
        for (int level = 0; level < lastLevel; level++) {
            lowest = Math.min(lowest, format.tableAddressLimit(level));
        }
        this.tableLimit = lowest;
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
            for (int i = 0; i < root.geometry().entryCount(0); i++) {
                view.write(i, 0);
            }
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
        return rootTable;
    }

    public TableAccess access() {
        return access;
    }

    public FrameAllocator allocator() {
        return allocator;
    }

    public long pageSize() {
        return geometry.pageSize();
    }

    // ------------------------------------------------------------------ public operations

    /**
     * Maps {@code length} bytes at {@code va} to frames taken from {@code frames} (the seed's
     * {@code map_to_from_iterator}), one page per frame.
     */
    public void map(long va, long length, FrameSource frames, MappingFlags flags) {
        fill(Operation.MAP, va, length, frames, flags, LeafSizePolicy.PAGES_ONLY, false);
    }

    /** Maps {@code [va, va + length)} to {@code [pa, pa + length)}, with blocks where the policy allows. */
    public void mapContiguous(long va, long pa, long length, MappingFlags flags, LeafSizePolicy policy) {
        long page = geometry.pageSize();
        if ((pa & (page - 1)) != 0) {
            throw new MisalignedAddressException("cannot map physical address " + Hex.of(pa) + ": it is not aligned to the page size "
                    + Hex.size(page) + "; align it down and adjust the offset");
        }
        if (pa < 0 || length > physicalLimit || pa > physicalLimit - length) {
            throw new PhysicalAddressException("cannot map physical range " + Hex.of(pa) + " + " + Hex.size(length)
                    + ": it ends past the physical address width (" + Hex.of(physicalLimit - 1) + " is the last address)");
        }
        // every leaf of the range is reachable when the smallest leaves are: then no frame needs a check of its own
        boolean reachable = pa + length <= Math.min(physicalLimit, format.leafAddressLimit(lastLevel));
        fill(Operation.MAP, va, length, FrameSource.contiguous(pa), flags, policy, reachable);
    }

    /**
     * Guards {@code [va, va + length)}: marks it reserved so that access faults and no free-space search
     * hands it out. Where a whole upper-level entry is covered and unused, guards that entry (a huge
     * guard) instead of creating a table full of guards.
     */
    public void guard(long va, long length) {
        fill(Operation.GUARD, va, length, null, null, LeafSizePolicy.PAGES_ONLY, true);
    }

    /**
     * Unmaps {@code [va, va + length)}: clears leaves (telling {@code callback} of each frame) and guards;
     * splits a block or huge guard that the range covers only in part. Any unmapped entry in the range is
     * an error and nothing changes. Empty tables stay (see {@link #reclaimEmptyTables}).
     */
    public void unmap(long va, long length, UnmapCallback callback) {
        Op op = begin(Operation.UNMAP, va, length);
        op.callback = callback;
        run(op);
    }

    /** Changes the flags of every leaf in the range in place; blocks covered in part are split. */
    public void protect(long va, long length, MappingFlags flags) {
        Op op = begin(Operation.PROTECT, va, length);
        op.flags = flags;
        op.templates = templates(flags, va);
        run(op);
    }

    /** Frees every table in the range that holds only unused entries, returning how many were freed. */
    public int reclaimEmptyTables(long va, long length) {
        Op op = begin(Operation.RECLAIM, va, length);
        try (TableView root = access.open(0, rootTable, 0)) {
            reclaim(op, 0, root, 0);
        }
        if (op.changedLow <= op.changedHigh) {
            flusher.flushRange(canonical.virtual(op.changedLow), canonical.virtual(op.changedHigh), false);
        }
        return op.reclaimed;
    }

    /** Reports every leaf or non-present entry the range covers, in address order. */
    public void forEveryEntry(long va, long length, EntryVisitor visitor) {
        Op op = begin(Operation.ITERATE, va, length);
        try (TableView root = access.open(0, rootTable, 0)) {
            iterate(op, 0, root, 0, visitor);
        }
    }

    /** Walks {@code va} and reports where the walk ends, with rights combined over every level. */
    public Translation translate(long va) {
        long linear = canonical.linear(va);
        long table = rootTable;
        int limit = EntryFormat.NO_RESTRICTION;
        long base = 0;
        for (int level = 0; level <= lastLevel; level++) {
            long raw;
            int index = geometry.indexOf(level, linear);
            try (TableView view = access.open(level, table, base)) {
                raw = view.read(index);
            }
            long span = geometry.span(level);
            switch (format.kind(level, raw)) {
                case TABLE -> {
                    if (level == lastLevel) {
                        throw corrupt(level, index, linear, raw, "a table entry at the last level");
                    }
                    limit &= format.tableRightsLimit(level, raw);
                    table = format.tableAddress(level, raw);
                    base = linear & -span;
                }
                case LEAF -> {
                    MappingFlags own = format.leafFlags(level, raw);
                    MappingFlags effective = own.withRights(MappingAccessRights.ofBits(format.combineRights(own.rights().bits(), limit)));
                    long pa = format.leafAddress(level, raw) + (linear & (span - 1));
                    return new Translation(va, PageState.PRESENT, pa, level, span, effective);
                }
                case GUARD -> {
                    return new Translation(va, PageState.GUARDED, -1, level, span, null);
                }
                case UNUSED, INVALID -> {
                    return new Translation(va, PageState.AVAILABLE, -1, level, span, null);
                }
                case RESERVED -> throw corrupt(level, index, linear, raw, format.malformation(level, raw));
                default -> throw new IllegalStateException();
            }
        }
        throw new IllegalStateException("unreachable: the last level always ends a walk");
    }

    /** The physical address {@code va} translates to, or -1; allocation-free for hot paths. */
    public long translateAddress(long va) {
        long linear = canonical.linear(va);
        long table = rootTable;
        long base = 0;
        for (int level = 0; level <= lastLevel; level++) {
            long raw;
            try (TableView view = access.open(level, table, base)) {
                raw = view.read(geometry.indexOf(level, linear));
            }
            EntryKind kind = format.kind(level, raw);
            if (kind == EntryKind.LEAF) {
                return format.leafAddress(level, raw) + (linear & (geometry.span(level) - 1));
            }
            if (kind != EntryKind.TABLE || level == lastLevel) {
                return -1;
            }
            table = format.tableAddress(level, raw);
            base = linear & -geometry.span(level);
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
        long page = geometry.pageSize();
        if (length <= 0) {
            throw new InvalidRangeException("cannot search for " + length + " bytes of free space: the length must be positive");
        }
        if (alignment < page || Long.bitCount(alignment) != 1) {
            throw new MisalignedAddressException("alignment " + Hex.of(alignment) + " is not a power of two of at least the page size " + Hex.size(page));
        }
        requireAligned(first, "search start", page);
        requireAligned(length, "search length", page);
        long lo = canonical.linear(first);
        long hi = canonical.linear(last);
        if (Long.compareUnsigned(hi, lo) < 0 || (canonical.virtual(hi) - canonical.virtual(lo)) != hi - lo) {
            throw new InvalidRangeException("search range " + Hex.of(first) + ".." + Hex.of(last)
                    + " is empty or crosses a non-canonical hole; give first <= last inside one canonical range");
        }
        long candidate = alignUp(lo, alignment);
        while (candidate >= 0 && candidate <= hi && length - 1 <= hi - candidate) {
            long blockerEnd = firstUsedEnd(candidate, candidate + length);
            if (blockerEnd < 0) {
                return Optional.of(canonical.virtual(candidate));
            }
            candidate = alignUp(blockerEnd, alignment);
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ validation

    private enum Operation {
        MAP("map"), GUARD("guard"), UNMAP("unmap"), PROTECT("protect"), ITERATE("iterate over"), RECLAIM("reclaim tables in");

        final String verb;

        Operation(String verb) {
            this.verb = verb;
        }
    }

    /** The state of one operation: its range, what it writes, and the tables it pre-allocated. */
    private static final class Op {
        final Operation operation;
        final long virtualStart;
        final long start;
        final long end;
        boolean commit;
        FrameSource frames;
        /** The whole frame range was checked up front, so no frame needs checking one by one. */
        boolean framesChecked;
        LeafSizePolicy policy;
        MappingFlags flags;
        long[] templates;
        UnmapCallback callback;
        int tablesNeeded;
        long[] pool;
        int poolNext;
        long changedLow = Long.MAX_VALUE;
        long changedHigh = Long.MIN_VALUE;
        boolean changedGlobal;
        int reclaimed;

        Op(Operation operation, long virtualStart, long start, long end) {
            this.operation = operation;
            this.virtualStart = virtualStart;
            this.start = start;
            this.end = end;
        }

        void changed(long low, long high, boolean global) {
            changedLow = Math.min(changedLow, low);
            changedHigh = Math.max(changedHigh, high);
            changedGlobal |= global;
        }
    }

    private Op begin(Operation operation, long va, long length) {
        long page = geometry.pageSize();
        if (length == 0) {
            throw new InvalidRangeException("cannot " + operation.verb + " " + Hex.of(va)
                    + " with length 0: give a positive multiple of the page size " + Hex.size(page));
        }
        requireAligned(va, "virtual address", page);
        if ((length & (page - 1)) != 0) {
            throw new MisalignedAddressException("cannot " + operation.verb + " " + Hex.of(va) + ": length " + Hex.of(length)
                    + " is not a multiple of the page size " + Hex.size(page) + "; round it up to " + Hex.of(alignUp(length, page)));
        }
        long start = canonical.linear(va);
        long span = geometry.linearSpan();
        if (length < 0 || length > span - start) {
            throw new InvalidRangeException("cannot " + operation.verb + " " + Hex.of(va) + " + " + Hex.of(length)
                    + ": the range runs past the end of the translated range " + canonical.describeRanges()
                    + "; shorten it to at most " + Hex.of(span - start));
        }
        long lastVa = va + length - 1;
        if (!canonical.isCanonical(lastVa) || canonical.linear(lastVa) != start + length - 1) {
            throw new InvalidRangeException("cannot " + operation.verb + " " + Hex.of(va) + " + " + Hex.of(length)
                    + ": the range crosses into non-canonical addresses (translated: " + canonical.describeRanges() + ")");
        }
        return new Op(operation, va, start, start + length);
    }

    private static void requireAligned(long value, String what, long page) {
        if ((value & (page - 1)) != 0) {
            throw new MisalignedAddressException(what + " " + Hex.of(value) + " is not aligned to the page size "
                    + Hex.size(page) + "; align it down to " + Hex.of(value & -page));
        }
    }

    private static long alignUp(long value, long alignment) {
        long aligned = (value + alignment - 1) & -alignment;
        return aligned < value ? -1 : aligned;
    }

    private long[] templates(MappingFlags flags, long va) {
        if (flags.rights().bits() == 0) {
            throw new RightsNotExpressibleException("cannot map " + Hex.of(va) + " with no access rights: "
                    + "a present page must be readable, writable or executable; use guard() to reserve inaccessible space");
        }
        long[] templates = new long[geometry.levelCount()];
        for (int level = 0; level <= lastLevel; level++) {
            if (geometry.level(level).leafAllowed()) {
                try {
                    templates[level] = format.leafTemplate(level, flags);
                } catch (RightsNotExpressibleException e) {
                    throw new RightsNotExpressibleException("cannot map " + Hex.of(va) + " at level " + level + " ("
                            + geometry.level(level).name() + "): " + e.getMessage(), e);
                }
            }
        }
        return templates;
    }

    private void fill(Operation operation, long va, long length, FrameSource frames, MappingFlags flags,
                      LeafSizePolicy policy, boolean framesChecked) {
        Op op = begin(operation, va, length);
        op.frames = frames;
        op.framesChecked = framesChecked;
        op.policy = policy;
        if (operation == Operation.MAP) {
            op.flags = flags;
            op.templates = templates(flags, va);
        }
        run(op);
    }

    /**
     * Dry run, then frames and tables, then the writing pass. Everything that can fail happens before the
     * first write, so the writing pass cannot fail half-way and nothing needs undoing.
     */
    private void run(Op op) {
        try (TableView root = access.open(0, rootTable, 0)) {
            walk(op, 0, root, 0, 0);
        }
        if (op.operation == Operation.MAP && !op.frames.isPredictable()) {
            op.frames = bufferFrames(op);
        }
        allocatePool(op);
        op.commit = true;
        try (TableView root = access.open(0, rootTable, 0)) {
            walk(op, 0, root, 0, 0);
        } finally {
            releaseUnusedPool(op);
            if (op.changedLow <= op.changedHigh) {
                flusher.flushRange(canonical.virtual(op.changedLow), canonical.virtual(op.changedHigh), op.changedGlobal);
            }
        }
    }

    /**
     * Takes every frame an iterator-like source will give, checking each, before anything is written (the
     * source is consumed once; on a bad frame it stays consumed up to that frame).
     */
    private FrameSource bufferFrames(Op op) {
        long page = geometry.pageSize();
        long pages = (op.end - op.start) / page;
        if (pages > Integer.MAX_VALUE - 8) {
            throw new InvalidRangeException("cannot map " + Hex.of(op.virtualStart) + " + " + Hex.size(op.end - op.start)
                    + " from a frame iterator: too many pages for one call; split the range or map a contiguous range");
        }
        long[] frames = new long[(int) pages];
        for (int i = 0; i < frames.length; i++) {
            long offset = (long) i * page;
            frames[i] = op.frames.frameFor(offset, page);
            checkFrame(op, lastLevel, frames[i], page, op.start + offset);
        }
        return FrameSource.pages(frames, page);
    }

    private void allocatePool(Op op) {
        op.pool = new long[op.tablesNeeded];
        int allocated = 0;
        try {
            for (; allocated < op.tablesNeeded; allocated++) {
                op.pool[allocated] = allocator.allocate();
                if (op.pool[allocated] >= tableLimit) {
                    allocated++;
                    throw new PhysicalAddressException("the frame allocator handed out " + Hex.of(op.pool[allocated - 1])
                            + " for a table, but this format links tables only below " + Hex.of(tableLimit)
                            + "; give the hierarchy an allocator of lower frames");
                }
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < allocated; i++) {
                allocator.free(op.pool[i]);
            }
            throw e;
        }
    }

    private void releaseUnusedPool(Op op) {
        for (int i = op.poolNext; i < op.pool.length; i++) {
            allocator.free(op.pool[i]);
        }
        op.poolNext = op.pool.length;
    }

    private long takeTable(Op op) {
        return op.pool[op.poolNext++];
    }

    // ------------------------------------------------------------------ the range walk

    /**
     * One table's part of a range operation. {@code view} is null in the dry run when the table does not
     * exist yet: it would be filled with {@code virtualRaw} (all unused, or the pieces of a split block or
     * guard), which is all the dry run needs to know.
     */
    private void walk(Op op, int level, TableView view, long virtualRaw, long tableBase) {
        long span = geometry.span(level);
        int first = geometry.indexOf(level, Math.max(op.start, tableBase));
        long tableEnd = tableBase + span * geometry.entryCount(level);
        long rangeEnd = Math.min(op.end, tableEnd);
        int last = geometry.indexOf(level, rangeEnd - 1);
        long entryStart = tableBase + (long) first * span;
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view == null ? virtualRaw : view.read(index);
            long lo = Math.max(op.start, entryStart);
            long hi = Math.min(op.end, entryStart + span);
            boolean whole = lo == entryStart && hi == entryStart + span;
            switch (op.operation) {
                case MAP, GUARD -> fillEntry(op, level, view, index, raw, entryStart, whole);
                case UNMAP, PROTECT -> changeEntry(op, level, view, index, raw, entryStart, whole);
                default -> throw new IllegalStateException(op.operation.name());
            }
        }
    }

    private void fillEntry(Op op, int level, TableView view, int index, long raw, long entryStart, boolean whole) {
        long span = geometry.span(level);
        EntryKind kind = format.kind(level, raw);
        if (kind == EntryKind.UNUSED && whole && placesLeafHere(op, level, entryStart)) {
            if (!op.commit && op.operation == Operation.MAP && op.frames.isPredictable() && !op.framesChecked) {
                checkFrame(op, level, op.frames.frameFor(entryStart - op.start, span), span, entryStart);
            }
            if (op.commit) {
                if (op.operation == Operation.GUARD) {
                    view.write(index, format.guardEntry(level));
                } else {
                    long pa = op.frames.frameFor(entryStart - op.start, span);
                    view.write(index, format.leafEntry(level, op.templates[level], pa));
                }
            }
            return;
        }
        if (kind == EntryKind.TABLE && level < lastLevel) {
            descend(op, level, raw, entryStart);
            return;
        }
        if (kind == EntryKind.UNUSED && level < lastLevel) {
            if (!op.commit) {
                op.tablesNeeded++;
                walk(op, level + 1, null, 0, entryStart);
                return;
            }
            long child = takeTable(op);
            initTable(level + 1, child, 0, 0, 0);
            view.write(index, format.tableEntry(level, child));
            descend(op, level, view.read(index), entryStart);
            return;
        }
        throw occupied(op, level, index, raw, kind, entryStart);
    }

    /** A map places a leaf where the level allows one and the frames fit; a guard goes as high as it can. */
    private boolean placesLeafHere(Op op, int level, long entryStart) {
        if (op.operation == Operation.GUARD || level == lastLevel) {
            return true;
        }
        return op.policy == LeafSizePolicy.LARGEST_FITTING && geometry.level(level).leafAllowed()
                && op.frames.canSupplyLeaf(entryStart - op.start, geometry.span(level));
    }

    private void checkFrame(Op op, int level, long pa, long size, long entryStart) {
        long limit = Math.min(physicalLimit, format.leafAddressLimit(level));
        if ((pa & (size - 1)) != 0) {
            throw new MisalignedAddressException("cannot map " + Hex.of(canonical.virtual(entryStart)) + ": frame "
                    + Hex.of(pa) + " is not aligned to the " + Hex.size(size) + " leaf it would back; supply aligned frames");
        }
        if (pa < 0 || pa > limit - size) {
            throw new PhysicalAddressException("cannot map " + Hex.of(canonical.virtual(entryStart)) + ": frame "
                    + Hex.of(pa) + " is past what a " + Hex.size(size) + " leaf at level " + level + " can address (last address "
                    + Hex.of(limit - 1) + "); use a lower frame");
        }
    }

    private void changeEntry(Op op, int level, TableView view, int index, long raw, long entryStart, boolean whole) {
        EntryKind kind = format.kind(level, raw);
        long span = geometry.span(level);
        switch (kind) {
            case TABLE -> {
                if (level == lastLevel) {
                    throw corrupt(level, index, entryStart, raw, "a table entry at the last level");
                }
                descend(op, level, raw, entryStart);
            }
            case LEAF -> {
                if (!whole) {
                    split(op, level, view, index, raw, entryStart, kind);
                } else if (op.commit) {
                    changeLeaf(op, level, view, index, raw, entryStart, span);
                }
            }
            case GUARD -> {
                if (op.operation == Operation.PROTECT) {
                    throw new io.pagoda.paging.NotMappedException("cannot protect " + Hex.of(op.virtualStart) + ": "
                            + Hex.of(canonical.virtual(entryStart)) + " (level " + level + " " + geometry.level(level).name()
                            + " entry " + index + ") is guarded, not mapped; protect only mapped ranges");
                }
                if (!whole) {
                    split(op, level, view, index, raw, entryStart, kind);
                } else if (op.commit) {
                    view.write(index, 0);
                }
            }
            case UNUSED, INVALID -> throw new io.pagoda.paging.NotMappedException("cannot " + op.operation.verb + " "
                    + Hex.of(op.virtualStart) + ": " + Hex.of(canonical.virtual(Math.max(entryStart, op.start)))
                    + " (level " + level + " " + geometry.level(level).name() + " entry " + index + ") is not mapped; "
                    + op.operation.verb + " only mapped or guarded ranges");
            case RESERVED -> throw corrupt(level, index, entryStart, raw, format.malformation(level, raw));
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void changeLeaf(Op op, int level, TableView view, int index, long raw, long entryStart, long span) {
        long pa = format.leafAddress(level, raw);
        boolean global = format.isGlobal(level, raw);
        if (op.operation == Operation.UNMAP) {
            view.write(index, 0);
            op.changed(entryStart, entryStart + span - 1, global);
            op.callback.unmapped(canonical.virtual(entryStart), pa, span);
            return;
        }
        long updated = format.leafEntry(level, op.templates[level], pa) | format.retainedBits(level, raw);
        if (updated == raw) {
            return;
        }
        if (format.needsBreakBeforeMake(level, raw, updated)) {
            breakBeforeMake(view, index, entryStart, span, global);
        }
        view.write(index, updated);
        op.changed(entryStart, entryStart + span - 1, global || format.isGlobal(level, updated));
    }

    /** Invalidates a live entry and flushes it before its replacement is written (AArch64 BBM). */
    private void breakBeforeMake(TableView view, int index, long entryStart, long span, boolean global) {
        view.write(index, 0);
        flusher.flushRange(canonical.virtual(entryStart), canonical.virtual(entryStart + span - 1), global);
    }

    /**
     * Replaces a block or huge guard the range covers only in part by a table of its pieces, then
     * continues the operation inside it. The seed's version lost the part before an unaligned start;
     * here the new table reproduces the whole entry before anything inside it changes.
     */
    private void split(Op op, int level, TableView view, int index, long raw, long entryStart, EntryKind kind) {
        if (level == lastLevel) {
            throw corrupt(level, index, entryStart, raw, "a partly covered entry at the last level");
        }
        int child = level + 1;
        long childSpan = geometry.span(child);
        long childTemplate = 0;
        long piece;
        long pa = 0;
        if (kind == EntryKind.LEAF) {
            MappingFlags flags = format.leafFlags(level, raw);
            if (!geometry.level(child).leafAllowed()) {
                throw corrupt(level, index, entryStart, raw, "a block whose next level cannot hold its pieces");
            }
            childTemplate = format.leafTemplate(child, flags) | format.retainedBits(level, raw);
            pa = format.leafAddress(level, raw);
            long limit = Math.min(physicalLimit, format.leafAddressLimit(child));
            if (pa > limit - geometry.span(level)) {
                throw new PhysicalAddressException("cannot split the " + Hex.size(geometry.span(level)) + " leaf at "
                        + Hex.of(canonical.virtual(entryStart)) + " (level " + level + " entry " + index + ") -> " + Hex.of(pa)
                        + ": " + Hex.size(childSpan) + " leaves at level " + child + " reach only below " + Hex.of(limit)
                        + "; change or unmap the whole " + Hex.size(geometry.span(level)) + " leaf instead");
            }
            piece = format.leafEntry(child, childTemplate, pa);
        } else {
            piece = format.guardEntry(child);
        }
        if (!op.commit) {
            op.tablesNeeded++;
            walk(op, child, null, piece, entryStart);
            return;
        }
        long table = takeTable(op);
        initTable(child, table, kind == EntryKind.LEAF ? childTemplate : piece, pa, kind == EntryKind.LEAF ? childSpan : -1);
        long tableEntry = format.tableEntry(level, table);
        if (kind == EntryKind.LEAF) {
            boolean global = format.isGlobal(level, raw);
            if (format.needsBreakBeforeMake(level, raw, tableEntry)) {
                breakBeforeMake(view, index, entryStart, geometry.span(level), global);
            }
            // the block's cached translation is stale once its pieces replace it
            op.changed(entryStart, entryStart + geometry.span(level) - 1, global);
        }
        view.write(index, tableEntry);
        descend(op, level, tableEntry, entryStart);
    }

    /**
     * Fills a new, unlinked table: all {@code fill} (zero or a guard) when {@code pieceSize} is -1, else the
     * leaves {@code template} at {@code pa}, {@code pa + pieceSize}, ...
     */
    private void initTable(int level, long table, long fill, long pa, long pieceSize) {
        int count = geometry.entryCount(level);
        try (TableView view = access.openUnlinked(level, table)) {
            for (int i = 0; i < count; i++) {
                view.write(i, pieceSize < 0 ? fill : format.leafEntry(level, fill, pa + i * pieceSize));
            }
        }
    }

    private void descend(Op op, int level, long raw, long entryStart) {
        long child = format.tableAddress(level, raw);
        try (TableView view = access.open(level + 1, child, entryStart)) {
            walk(op, level + 1, view, 0, entryStart);
        }
    }

    private void iterate(Op op, int level, TableView view, long tableBase, EntryVisitor visitor) {
        long span = geometry.span(level);
        int first = geometry.indexOf(level, Math.max(op.start, tableBase));
        long rangeEnd = Math.min(op.end, tableBase + span * geometry.entryCount(level));
        int last = geometry.indexOf(level, rangeEnd - 1);
        long entryStart = tableBase + (long) first * span;
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view.read(index);
            long lo = Math.max(op.start, entryStart);
            long hi = Math.min(op.end, entryStart + span);
            switch (format.kind(level, raw)) {
                case TABLE -> {
                    if (level == lastLevel) {
                        throw corrupt(level, index, entryStart, raw, "a table entry at the last level");
                    }
                    long child = format.tableAddress(level, raw);
                    try (TableView childView = access.open(level + 1, child, entryStart)) {
                        iterate(op, level + 1, childView, entryStart, visitor);
                    }
                }
                case LEAF -> visitor.visit(canonical.virtual(lo), hi - lo, PageState.PRESENT,
                        format.leafAddress(level, raw) + (lo - entryStart), level, raw);
                case GUARD -> visitor.visit(canonical.virtual(lo), hi - lo, PageState.GUARDED, -1, level, raw);
                case UNUSED, INVALID -> visitor.visit(canonical.virtual(lo), hi - lo, PageState.AVAILABLE, -1, level, raw);
                case RESERVED -> throw corrupt(level, index, entryStart, raw, format.malformation(level, raw));
                default -> throw new IllegalStateException();
            }
        }
    }

    /** The linear end of the first entry in [lo, hi) that is not available, or -1 when all of it is. */
    private long firstUsedEnd(long lo, long hi) {
        long[] found = {-1};
        Op op = new Op(Operation.ITERATE, canonical.virtual(lo), lo, hi);
        try (TableView root = access.open(0, rootTable, 0)) {
            scanForUsed(op, 0, root, 0, found);
        }
        return found[0];
    }

    private boolean scanForUsed(Op op, int level, TableView view, long tableBase, long[] found) {
        long span = geometry.span(level);
        int first = geometry.indexOf(level, Math.max(op.start, tableBase));
        long rangeEnd = Math.min(op.end, tableBase + span * geometry.entryCount(level));
        int last = geometry.indexOf(level, rangeEnd - 1);
        long entryStart = tableBase + (long) first * span;
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view.read(index);
            EntryKind kind = format.kind(level, raw);
            if (kind == EntryKind.UNUSED) {
                continue;
            }
            if (kind == EntryKind.TABLE && level < lastLevel) {
                long child = format.tableAddress(level, raw);
                try (TableView childView = access.open(level + 1, child, entryStart)) {
                    if (scanForUsed(op, level + 1, childView, entryStart, found)) {
                        return true;
                    }
                }
                continue;
            }
            found[0] = entryStart + span;
            return true;
        }
        return false;
    }

    /** Post-order: frees the tables entirely inside the range whose entries are all unused. */
    private void reclaim(Op op, int level, TableView view, long tableBase) {
        long span = geometry.span(level);
        int first = geometry.indexOf(level, Math.max(op.start, tableBase));
        long rangeEnd = Math.min(op.end, tableBase + span * geometry.entryCount(level));
        int last = geometry.indexOf(level, rangeEnd - 1);
        long entryStart = tableBase + (long) first * span;
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view.read(index);
            if (format.kind(level, raw) != EntryKind.TABLE || level == lastLevel) {
                continue;
            }
            long child = format.tableAddress(level, raw);
            boolean empty;
            try (TableView childView = access.open(level + 1, child, entryStart)) {
                reclaim(op, level + 1, childView, entryStart);
                empty = isEmpty(level + 1, childView);
            }
            boolean inside = entryStart >= op.start && entryStart + span <= op.end;
            // only tables this hierarchy's allocator owns are freed: shared kernel tables and image tables are not ours
            if (empty && inside && allocator.isAllocated(child)) {
                view.write(index, 0);
                access.tableUnlinked(level + 1, child, entryStart);
                allocator.free(child);
                op.reclaimed++;
                op.changed(entryStart, entryStart + span - 1, false);
            }
        }
    }

    private boolean isEmpty(int level, TableView view) {
        for (int i = 0; i < geometry.entryCount(level); i++) {
            if (format.kind(level, view.read(i)) != EntryKind.UNUSED) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ messages

    private RuntimeException occupied(Op op, int level, int index, long raw, EntryKind kind, long entryStart) {
        String what = switch (kind) {
            case LEAF -> "already mapped by a " + Hex.size(geometry.span(level)) + " leaf to " + Hex.of(format.leafAddress(level, raw));
            case GUARD -> "guarded" + (level < lastLevel ? " by a huge guard of " + Hex.size(geometry.span(level)) : "");
            case TABLE -> "a table entry";
            case RESERVED -> "a malformed entry (" + format.malformation(level, raw) + ")";
            default -> "an invalid entry " + Hex.of(raw);
        };
        if (kind == EntryKind.RESERVED) {
            return corrupt(level, index, entryStart, raw, format.malformation(level, raw));
        }
        return new io.pagoda.paging.AlreadyMappedException("cannot " + op.operation.verb + " " + Hex.of(op.virtualStart) + ": "
                + Hex.of(canonical.virtual(Math.max(entryStart, op.start))) + " (level " + level + " "
                + geometry.level(level).name() + " entry " + index + ") is " + what + "; unmap it first or choose free space");
    }

    private CorruptTableException corrupt(int level, int index, long linear, long raw, String why) {
        return new CorruptTableException("corrupt table at level " + level + " (" + geometry.level(level).name()
                + ") entry " + index + " for " + Hex.of(canonical.virtual(linear)) + ": raw " + Hex.of(raw) + ", " + why
                + "; repair the entry or check the root address");
    }
}
