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
    private final RangeCursor cursor;
    private final AddressWalk walker;

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
        this.cursor = new RangeCursor(geometry);
        this.walker = new AddressWalk(geometry, format, access);
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
        Op op = begin(Operation.MAP, va, length);
        op.frames = frames;
        op.templates = templatesFor(op, flags);
        fill(op);
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
        Op op = begin(Operation.MAP, va, length);
        op.contiguous = true;
        op.contiguousBase = pa;
        op.policy = policy;
        op.templates = templatesFor(op, flags);
        // every leaf of the range is reachable when the smallest leaves are: then no frame needs a check of its own
        op.framesChecked = pa + length <= Math.min(physicalLimit, format.leafAddressLimit(lastLevel));
        fill(op);
    }

    /**
     * Guards {@code [va, va + length)}: marks it reserved so that access faults and no free-space search
     * hands it out. Where a whole upper-level entry is covered and unused, guards that entry (a huge
     * guard) instead of creating a table full of guards.
     */
    public void guard(long va, long length) {
        Op op = begin(Operation.GUARD, va, length);
        op.framesChecked = true;
        fill(op);
    }

    /**
     * Unmaps {@code [va, va + length)}: clears leaves (telling {@code callback} of each frame) and guards;
     * splits a block or huge guard that the range covers only in part. Any unmapped entry in the range is
     * an error and nothing changes. Empty tables stay (see {@link #reclaimEmptyTables}).
     */
    public void unmap(long va, long length, UnmapCallback callback) {
        Op op = begin(Operation.UNMAP, va, length);
        op.callback = callback;
        change(op);
    }

    /** Changes the flags of every leaf in the range in place; blocks covered in part are split. */
    public void protect(long va, long length, MappingFlags flags) {
        Op op = begin(Operation.PROTECT, va, length);
        op.templates = templatesFor(op, flags);
        change(op);
    }

    /** Frees every table in the range that holds only unused entries, returning how many were freed. */
    public int reclaimEmptyTables(long va, long length) {
        Op op = begin(Operation.RECLAIM, va, length);
        try {
            try (TableView root = access.open(0, rootTable, 0)) {
                reclaim(op, 0, root, 0);
            }
            if (op.changedLow <= op.changedHigh) {
                flusher.flushRange(canonical.virtual(op.changedLow), canonical.virtual(op.changedHigh), false);
            }
            return op.reclaimed;
        } finally {
            done(op);
        }
    }

    /** Reports every leaf or non-present entry the range covers, in address order. */
    public void forEveryEntry(long va, long length, EntryVisitor visitor) {
        Op op = begin(Operation.ITERATE, va, length);
        // the visitor may call back into this hierarchy: the range is copied out and the shared state released
        long start = op.start;
        long end = op.end;
        done(op);
        try (TableView root = access.open(0, rootTable, 0)) {
            iterate(start, end, 0, root, 0, visitor);
        }
    }

    /**
     * Reports every leaf and guard the range covers, in address order, with each leaf's effective flags: the
     * tables' rights are combined on the way down, so no leaf is walked again from the root.
     */
    public void forEveryMapping(long va, long length, MappingVisitor visitor) {
        Op op = begin(Operation.ITERATE, va, length);
        long start = op.start;
        long end = op.end;
        done(op);
        try (TableView root = access.open(0, rootTable, 0)) {
            iterateMappings(start, end, 0, root, 0, EntryFormat.NO_RESTRICTION, visitor);
        }
    }

    /** Walks {@code va} and reports where the walk ends, with rights combined over every level. */
    public Translation translate(long va) {
        AddressWalk walk = walker;
        EntryKind kind = walk.walk(rootTable, canonical.linear(va));
        int level = walk.level();
        return switch (kind) {
            case LEAF -> new Translation(va, PageState.PRESENT, walk.physicalAddress(), level, walk.span(), walk.effectiveFlags());
            case GUARD -> new Translation(va, PageState.GUARDED, -1, level, walk.span(), null);
            case UNUSED, INVALID -> new Translation(va, PageState.AVAILABLE, -1, level, walk.span(), null);
            default -> throw corrupt(level, walk.index(level), canonical.linear(va), walk.raw(), walk.malformation());
        };
    }

    /** The physical address {@code va} translates to, or -1; allocation-free for hot paths. */
    public long translateAddress(long va) {
        // the walk of AddressWalk without its record keeping: this is the hot path of translation-only callers
        long linear = canonical.linear(va);
        long table = rootTable;
        long base = 0;
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

    /**
     * The state of one operation: its range, what it writes, where it failed and the tables it created (the
     * journal a failed fill undoes). One is kept per hierarchy and reused, so an operation allocates nothing.
     */
    private static final class Op {
        Operation operation;
        long virtualStart;
        long start;
        long end;
        boolean commit;
        FrameSource frames;
        /** A contiguous map: the frame of byte {@code offset} is {@code contiguousBase + offset}. */
        boolean contiguous;
        long contiguousBase;
        /** Every frame was checked up front, so no frame needs checking one by one. */
        boolean framesChecked;
        LeafSizePolicy policy;
        long[] templates;
        UnmapCallback callback;
        long tablesNeeded;
        long[] pool = new long[8];
        int poolSize;
        int poolNext;
        long changedLow;
        long changedHigh;
        boolean changedGlobal;
        int reclaimed;
        /** Where a fill failed: the start of the entry it could not fill (the deepest one), or -1. */
        long failedAt;
        /** Tables a fill created, six longs each: parent level, parent table, parent base, index, old raw, table. */
        long[] journal = new long[6 * 8];
        int journalSize;
        /** The one last-level table a change's check visited, when it visited one; the commit starts there. */
        long leafTable;
        long leafTableBase;
        int leafTables;
        boolean busy;

        Op reset(Operation operation, long virtualStart, long start, long end) {
            this.operation = operation;
            this.virtualStart = virtualStart;
            this.start = start;
            this.end = end;
            commit = false;
            frames = null;
            contiguous = false;
            framesChecked = false;
            policy = LeafSizePolicy.PAGES_ONLY;
            templates = null;
            callback = null;
            tablesNeeded = 0;
            poolSize = 0;
            poolNext = 0;
            changedLow = Long.MAX_VALUE;
            changedHigh = Long.MIN_VALUE;
            changedGlobal = false;
            reclaimed = 0;
            failedAt = -1;
            journalSize = 0;
            leafTables = 0;
            return this;
        }

        void changed(long low, long high, boolean global) {
            changedLow = Math.min(changedLow, low);
            changedHigh = Math.max(changedHigh, high);
            changedGlobal |= global;
        }

        void failedAt(long entryStart) {
            if (failedAt == -1) {
                failedAt = entryStart;
            }
        }

        void journal(int level, long parent, long parentBase, int index, long raw, long table) {
            if (journalSize + 6 > journal.length) {
                journal = java.util.Arrays.copyOf(journal, journal.length * 2);
            }
            long[] j = journal;
            int n = journalSize;
            j[n] = level;
            j[n + 1] = parent;
            j[n + 2] = parentBase;
            j[n + 3] = index;
            j[n + 4] = raw;
            j[n + 5] = table;
            journalSize = n + 6;
        }

        long frame(long offset, long size) {
            return contiguous ? contiguousBase + offset : frames.frameFor(offset, size);
        }

        boolean canSupplyLeaf(long offset, long size) {
            return contiguous ? ((contiguousBase + offset) & (size - 1)) == 0 : frames.canSupplyLeaf(offset, size);
        }
    }

    private final Op scratch = new Op();

    /** The hierarchy's reusable operation state, or a fresh one when an operation runs inside another (a callback). */
    private Op op() {
        Op op = scratch.busy ? new Op() : scratch;
        op.busy = true;
        return op;
    }

    private static void done(Op op) {
        op.frames = null;
        op.callback = null;
        op.busy = false;
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
        return op().reset(operation, va, start, start + length);
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

    // the templates of the flags used last: most calls repeat the flags of the one before
    private MappingFlags cachedFlags;
    private long[] cachedTemplates;

    /** The operation's templates; a refusal releases the operation's state. */
    private long[] templatesFor(Op op, MappingFlags flags) {
        try {
            return templates(flags, op.virtualStart);
        } catch (RuntimeException e) {
            done(op);
            throw e;
        }
    }

    private long[] templates(MappingFlags flags, long va) {
        if (flags.equals(cachedFlags)) {
            return cachedTemplates;
        }
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
        cachedTemplates = templates;
        cachedFlags = flags;
        return templates;
    }

    // ------------------------------------------------------------------ map and guard: one pass, undone on failure

    /**
     * Map and guard first plan what can fail before anything is written: the tables they need are counted by
     * reading the levels above the last (a range's pages are never read twice; where no table exists yet the
     * count is arithmetic), then allocated all at once (an allocation failure leaves everything untouched).
     * The writing pass follows; it only ever fills unused entries, so when it meets an occupied entry or a bad
     * frame, everything it wrote lies in {@code [start, failedAt)} and is undone by clearing the leaves there
     * and unlinking and freeing the tables the journal lists. Nothing proportional to the range is kept. When
     * the plan found one existing last-level table holding the whole range, the writing pass starts there
     * instead of walking from the root again.
     */
    private void fill(Op op) {
        try {
            if (lastLevel > 0) {
                try (TableView root = access.open(0, rootTable, 0)) {
                    planTable(op, 0, root, 0);
                }
            }
            allocatePool(op);
            try {
                long tableSpan = cursor.tableSpan(lastLevel);
                if (op.tablesNeeded == 0 && op.leafTables == 1
                        && op.start >= op.leafTableBase && op.end - op.leafTableBase <= tableSpan) {
                    try (TableView leaves = access.open(lastLevel, op.leafTable, op.leafTableBase)) {
                        fillTable(op, lastLevel, leaves, op.leafTableBase);
                    }
                } else {
                    try (TableView root = access.open(0, rootTable, 0)) {
                        fillTable(op, 0, root, 0);
                    }
                }
            } catch (RuntimeException e) {
                undoFill(op);
                throw e;
            } finally {
                releaseUnusedPool(op);
            }
        } finally {
            done(op);
        }
    }

    /**
     * The plan of a fill in one table above the last level: counts the tables the range needs and refuses
     * occupied entries there. {@code view} is null for a table that does not exist yet (all unused).
     */
    private void planTable(Op op, int level, TableView view, long tableBase) {
        if (view == null && uniformBelow(op, level)) {
            op.tablesNeeded += tablesBelow(op, level, Math.max(op.start, tableBase),
                    Math.min(op.end, tableBase + cursor.tableSpan(level)));
            return;
        }
        int first = cursor.first(level, tableBase, op.start);
        int last = cursor.last(level, tableBase, op.end);
        long span = cursor.span(level);
        long entryStart = cursor.entryStart(level, tableBase, first);
        boolean childIsLast = level + 1 == lastLevel;
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view == null ? 0 : view.read(index);
            EntryKind kind = view == null ? EntryKind.UNUSED : format.kind(level, raw);
            if (kind == EntryKind.UNUSED && cursor.coversWhole(level, entryStart, op.start, op.end)
                    && placesLeafHere(op, level, entryStart)) {
                continue;
            }
            if (kind == EntryKind.TABLE) {
                long child = format.tableAddress(level, raw);
                if (childIsLast) {
                    op.leafTables++;
                    op.leafTable = child;
                    op.leafTableBase = entryStart;
                } else {
                    try (TableView childView = access.open(level + 1, child, entryStart)) {
                        planTable(op, level + 1, childView, entryStart);
                    }
                }
            } else if (kind == EntryKind.UNUSED) {
                op.tablesNeeded++;
                if (!childIsLast) {
                    planTable(op, level + 1, null, entryStart);
                }
            } else {
                throw occupied(op, level, index, raw, kind, entryStart);
            }
        }
    }

    /**
     * Whether below {@code level} every entry a range covers whole decides alike: a guard, or a contiguous map
     * (a leaf fits an entry there exactly when the frame offset is aligned to its span, the same for every
     * entry of a level). Then a missing table's needs are counted without visiting its entries.
     */
    private boolean uniformBelow(Op op, int level) {
        return op.operation == Operation.GUARD || op.contiguous;
    }

    /** Whether a whole unused entry at {@code level} gets a leaf, for a fill where that is uniform. */
    private boolean wholeGetsLeaf(Op op, int level) {
        if (op.operation == Operation.GUARD || level == lastLevel) {
            return true;
        }
        long span = cursor.span(level);
        return op.policy == LeafSizePolicy.LARGEST_FITTING && geometry.level(level).leafAllowed()
                && ((op.contiguousBase - op.start) & (span - 1)) == 0;
    }

    /** Tables needed below the part {@code [lo, hi)} of a missing table of {@code level}, with no entry read. */
    private long tablesBelow(Op op, int level, long lo, long hi) {
        if (level == lastLevel || lo >= hi) {
            return 0;
        }
        long span = cursor.span(level);
        long firstWhole = (lo + span - 1) & -span;
        long endWhole = hi & -span;
        if (firstWhole >= endWhole) {
            // no entry covered whole: one or two partly covered entries
            long split = Math.min(firstWhole, hi);
            long count = 1 + tablesBelow(op, level + 1, lo, split);
            if (split < hi) {
                count += 1 + tablesBelow(op, level + 1, split, hi);
            }
            return count;
        }
        long count = 0;
        if (lo < firstWhole) {
            count += 1 + tablesBelow(op, level + 1, lo, firstWhole);
        }
        if (!wholeGetsLeaf(op, level)) {
            long whole = (endWhole - firstWhole) / span;
            count += whole * (1 + tablesBelow(op, level + 1, firstWhole, firstWhole + span));
        }
        if (endWhole < hi) {
            count += 1 + tablesBelow(op, level + 1, endWhole, hi);
        }
        return count;
    }

    private void fillTable(Op op, int level, TableView view, long tableBase) {
        int first = cursor.first(level, tableBase, op.start);
        int last = cursor.last(level, tableBase, op.end);
        long span = cursor.span(level);
        long entryStart = cursor.entryStart(level, tableBase, first);
        try {
            if (level == lastLevel && op.operation == Operation.MAP) {
                fillPages(op, level, view, first, last, entryStart);
                return;
            }
            for (int index = first; index <= last; index++, entryStart += span) {
                long raw = view.read(index);
                EntryKind kind = format.kind(level, raw);
                if (kind == EntryKind.UNUSED && cursor.coversWhole(level, entryStart, op.start, op.end)
                        && placesLeafHere(op, level, entryStart)) {
                    if (op.operation == Operation.GUARD) {
                        view.write(index, format.guardEntry(level));
                    } else {
                        long pa = op.frame(entryStart - op.start, span);
                        if (!op.framesChecked) {
                            checkFrame(level, pa, span, entryStart);
                        }
                        view.write(index, format.leafEntry(level, op.templates[level], pa));
                    }
                } else if (kind == EntryKind.TABLE && level < lastLevel) {
                    long child = format.tableAddress(level, raw);
                    try (TableView childView = access.open(level + 1, child, entryStart)) {
                        fillTable(op, level + 1, childView, entryStart);
                    }
                } else if (kind == EntryKind.UNUSED && level < lastLevel) {
                    long child = newTable(op, level, view, tableBase, index, raw);
                    try (TableView childView = access.open(level + 1, child, entryStart)) {
                        fillTable(op, level + 1, childView, entryStart);
                    }
                } else {
                    throw occupied(op, level, index, raw, kind, entryStart);
                }
            }
        } catch (RuntimeException e) {
            op.failedAt(entryStart);
            throw e;
        }
    }

    /** The hot loop of a map: last-level entries, each checked unused and written once. */
    private void fillPages(Op op, int level, TableView view, int first, int last, long entryStart) {
        long span = cursor.span(level);
        long template = op.templates[level];
        long offset = entryStart - op.start;
        try {
            for (int index = first; index <= last; index++, offset += span) {
                long raw = view.read(index);
                if (raw != 0 && format.kind(level, raw) != EntryKind.UNUSED) {
                    throw occupied(op, level, index, raw, format.kind(level, raw), op.start + offset);
                }
                long pa = op.frame(offset, span);
                if (!op.framesChecked) {
                    checkFrame(level, pa, span, op.start + offset);
                }
                view.write(index, format.leafEntry(level, template, pa));
            }
        } catch (RuntimeException e) {
            op.failedAt(op.start + offset);
            throw e;
        }
    }

    /** Takes a planned table, zeroes, journals and links it below entry {@code index}; returns its address. */
    private long newTable(Op op, int level, TableView view, long tableBase, int index, long raw) {
        long table = takeTable(op);
        try (TableView fresh = access.openUnlinked(level + 1, table)) {
            fresh.fill(0, geometry.entryCount(level + 1), 0);
        }
        op.journal(level, view.physicalAddress(), tableBase, index, raw, table);
        view.write(index, format.tableEntry(level, table));
        return table;
    }

    /** Clears what a failed fill wrote in {@code [start, failedAt)}, then unlinks and frees the tables it made, newest first. */
    private void undoFill(Op op) {
        if (op.failedAt > op.start) {
            try (TableView root = access.open(0, rootTable, 0)) {
                clearFilled(op, 0, root, 0, op.failedAt);
            }
        }
        long[] j = op.journal;
        for (int n = op.journalSize - 6; n >= 0; n -= 6) {
            int level = (int) j[n];
            long table = j[n + 5];
            long entryStart = cursor.entryStart(level, j[n + 2], (int) j[n + 3]);
            try (TableView parent = access.open(level, j[n + 1], j[n + 2])) {
                parent.write((int) j[n + 3], j[n + 4]);
            }
            access.tableUnlinked(level + 1, table, entryStart);
            allocator.free(table);
        }
        op.journalSize = 0;
    }

    private void clearFilled(Op op, int level, TableView view, long tableBase, long end) {
        int first = cursor.first(level, tableBase, op.start);
        int last = cursor.last(level, tableBase, end);
        for (int index = first; index <= last; index++) {
            long raw = view.read(index);
            EntryKind kind = format.kind(level, raw);
            if (kind == EntryKind.LEAF || kind == EntryKind.GUARD) {
                view.write(index, 0);
            } else if (kind == EntryKind.TABLE && level < lastLevel) {
                long entryStart = cursor.entryStart(level, tableBase, index);
                try (TableView child = access.open(level + 1, format.tableAddress(level, raw), entryStart)) {
                    clearFilled(op, level + 1, child, entryStart, end);
                }
            }
        }
    }

    /** A map places a leaf where the level allows one and the frames fit; a guard goes as high as it can. */
    private boolean placesLeafHere(Op op, int level, long entryStart) {
        if (op.operation == Operation.GUARD || level == lastLevel) {
            return true;
        }
        return op.policy == LeafSizePolicy.LARGEST_FITTING && geometry.level(level).leafAllowed()
                && op.canSupplyLeaf(entryStart - op.start, cursor.span(level));
    }

    private void checkFrame(int level, long pa, long size, long entryStart) {
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

    // ------------------------------------------------------------------ unmap and protect: check, tables, then write

    /**
     * Unmap and protect change existing entries, which a failure could not restore without keeping them: so a
     * read-only check pass validates the range and counts the tables splits need, those are allocated, and
     * only then the writing pass runs, which cannot fail. When the check saw a single last-level table and no
     * split, the writing pass starts at that table instead of walking from the root again.
     */
    private void change(Op op) {
        try {
            try (TableView root = access.open(0, rootTable, 0)) {
                changeTable(op, 0, root, 0, 0);
            }
            allocatePool(op);
            op.commit = true;
            try {
                long tableSpan = cursor.tableSpan(lastLevel);
                if (op.tablesNeeded == 0 && op.leafTables == 1 && lastLevel > 0
                        && op.start >= op.leafTableBase && op.end - op.leafTableBase <= tableSpan) {
                    try (TableView leaves = access.open(lastLevel, op.leafTable, op.leafTableBase)) {
                        changeTable(op, lastLevel, leaves, 0, op.leafTableBase);
                    }
                } else {
                    try (TableView root = access.open(0, rootTable, 0)) {
                        changeTable(op, 0, root, 0, 0);
                    }
                }
            } finally {
                releaseUnusedPool(op);
                if (op.changedLow <= op.changedHigh) {
                    flusher.flushRange(canonical.virtual(op.changedLow), canonical.virtual(op.changedHigh), op.changedGlobal);
                }
            }
        } finally {
            done(op);
        }
    }

    private void allocatePool(Op op) {
        if (op.tablesNeeded > allocator.freeCount()) {
            throw new io.pagoda.paging.OutOfPhysicalMemoryException("cannot " + op.operation.verb + " " + Hex.of(op.virtualStart)
                    + " + " + Hex.size(op.end - op.start) + ": it needs " + op.tablesNeeded + " new tables but the allocator has "
                    + allocator.freeCount() + " free frames; map less or free memory first");
        }
        if (op.pool.length < op.tablesNeeded) {
            op.pool = new long[Math.toIntExact(op.tablesNeeded)];
        }
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
        op.poolSize = (int) op.tablesNeeded;
    }

    private void releaseUnusedPool(Op op) {
        for (int i = op.poolNext; i < op.poolSize; i++) {
            allocator.free(op.pool[i]);
        }
        op.poolNext = op.poolSize;
    }

    private long takeTable(Op op) {
        return op.pool[op.poolNext++];
    }

    /**
     * One table's part of an unmap or protect. {@code view} is null in the check pass when the table does not
     * exist yet: it would hold the pieces {@code virtualRaw} of a split block or guard, which is all the check needs.
     */
    private void changeTable(Op op, int level, TableView view, long virtualRaw, long tableBase) {
        int first = cursor.first(level, tableBase, op.start);
        int last = cursor.last(level, tableBase, op.end);
        long span = cursor.span(level);
        long entryStart = cursor.entryStart(level, tableBase, first);
        if (level == lastLevel && view != null) {
            if (!op.commit) {
                op.leafTables++;
                op.leafTable = view.physicalAddress();
                op.leafTableBase = tableBase;
                checkPages(op, level, view, first, last, entryStart);
            } else if (op.operation == Operation.UNMAP) {
                unmapPages(op, level, view, first, last, entryStart);
            } else {
                for (int index = first; index <= last; index++, entryStart += span) {
                    changeLeaf(op, level, view, index, view.read(index), entryStart, span);
                }
            }
            return;
        }
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view == null ? virtualRaw : view.read(index);
            changeEntry(op, level, view, index, raw, entryStart, cursor.coversWhole(level, entryStart, op.start, op.end));
        }
    }

    /** The check pass over last-level entries: every one must be a leaf (or, for unmap, a guard). */
    private void checkPages(Op op, int level, TableView view, int first, int last, long entryStart) {
        boolean guardsAllowed = op.operation == Operation.UNMAP;
        long span = cursor.span(level);
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view.read(index);
            EntryKind kind = format.kind(level, raw);
            if (kind != EntryKind.LEAF && !(guardsAllowed && kind == EntryKind.GUARD)) {
                changeEntry(op, level, view, index, raw, entryStart, true);
            }
        }
    }

    /** The hot loop of an unmap: clear every last-level leaf and guard, telling the callback of each leaf. */
    private void unmapPages(Op op, int level, TableView view, int first, int last, long entryStart) {
        long span = cursor.span(level);
        UnmapCallback callback = op.callback == UnmapCallback.NONE ? null : op.callback;
        long low = -1;
        long high = 0;
        boolean global = false;
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view.read(index);
            view.write(index, 0);
            if (format.kind(level, raw) == EntryKind.LEAF) {
                if (low == -1) {
                    low = entryStart;
                }
                high = entryStart + span - 1;
                global |= format.isGlobal(level, raw);
                if (callback != null) {
                    callback.unmapped(canonical.virtual(entryStart), format.leafAddress(level, raw), span);
                }
            }
        }
        if (low != -1) {
            op.changed(low, high, global);
        }
    }

    private void changeEntry(Op op, int level, TableView view, int index, long raw, long entryStart, boolean whole) {
        EntryKind kind = format.kind(level, raw);
        long span = cursor.span(level);
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
        if (format.kind(level, raw) != EntryKind.LEAF) {
            if (op.operation == Operation.UNMAP) {
                view.write(index, 0);
            }
            return;
        }
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
        long childSpan = cursor.span(child);
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
            if (pa > limit - cursor.span(level)) {
                throw new PhysicalAddressException("cannot split the " + Hex.size(cursor.span(level)) + " leaf at "
                        + Hex.of(canonical.virtual(entryStart)) + " (level " + level + " entry " + index + ") -> " + Hex.of(pa)
                        + ": " + Hex.size(childSpan) + " leaves at level " + child + " reach only below " + Hex.of(limit)
                        + "; change or unmap the whole " + Hex.size(cursor.span(level)) + " leaf instead");
            }
            piece = format.leafEntry(child, childTemplate, pa);
        } else {
            piece = format.guardEntry(child);
        }
        if (!op.commit) {
            op.tablesNeeded++;
            changeTable(op, child, null, piece, entryStart);
            return;
        }
        long table = takeTable(op);
        initTable(child, table, kind == EntryKind.LEAF ? childTemplate : piece, pa, kind == EntryKind.LEAF ? childSpan : -1);
        long tableEntry = format.tableEntry(level, table);
        if (kind == EntryKind.LEAF) {
            boolean global = format.isGlobal(level, raw);
            if (format.needsBreakBeforeMake(level, raw, tableEntry)) {
                breakBeforeMake(view, index, entryStart, cursor.span(level), global);
            }
            // the block's cached translation is stale once its pieces replace it
            op.changed(entryStart, entryStart + cursor.span(level) - 1, global);
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
            if (pieceSize < 0) {
                view.fill(0, count, fill);
                return;
            }
            long at = pa;
            for (int i = 0; i < count; i++, at += pieceSize) {
                view.write(i, format.leafEntry(level, fill, at));
            }
        }
    }

    private void descend(Op op, int level, long raw, long entryStart) {
        long child = format.tableAddress(level, raw);
        try (TableView view = access.open(level + 1, child, entryStart)) {
            changeTable(op, level + 1, view, 0, entryStart);
        }
    }

    private void iterate(long start, long end, int level, TableView view, long tableBase, EntryVisitor visitor) {
        long span = cursor.span(level);
        int first = cursor.first(level, tableBase, start);
        int last = cursor.last(level, tableBase, end);
        long entryStart = cursor.entryStart(level, tableBase, first);
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view.read(index);
            long lo = Math.max(start, entryStart);
            long hi = Math.min(end, entryStart + span);
            switch (format.kind(level, raw)) {
                case TABLE -> {
                    if (level == lastLevel) {
                        throw corrupt(level, index, entryStart, raw, "a table entry at the last level");
                    }
                    long child = format.tableAddress(level, raw);
                    try (TableView childView = access.open(level + 1, child, entryStart)) {
                        iterate(start, end, level + 1, childView, entryStart, visitor);
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

    private void iterateMappings(long start, long end, int level, TableView view, long tableBase, int limit, MappingVisitor visitor) {
        long span = cursor.span(level);
        int first = cursor.first(level, tableBase, start);
        int last = cursor.last(level, tableBase, end);
        long entryStart = cursor.entryStart(level, tableBase, first);
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view.read(index);
            EntryKind kind = format.kind(level, raw);
            if (kind == EntryKind.UNUSED || kind == EntryKind.INVALID) {
                continue;
            }
            long lo = Math.max(start, entryStart);
            long hi = Math.min(end, entryStart + span);
            switch (kind) {
                case TABLE -> {
                    if (level == lastLevel) {
                        throw corrupt(level, index, entryStart, raw, "a table entry at the last level");
                    }
                    int below = limit & format.tableRightsLimit(level, raw);
                    try (TableView childView = access.open(level + 1, format.tableAddress(level, raw), entryStart)) {
                        iterateMappings(start, end, level + 1, childView, entryStart, below, visitor);
                    }
                }
                case LEAF -> {
                    MappingFlags own = format.leafFlags(level, raw);
                    MappingFlags effective = own.withRights(MappingAccessRights.ofBits(format.combineRights(own.rights().bits(), limit)));
                    visitor.visit(canonical.virtual(lo), hi - lo, PageState.PRESENT, format.leafAddress(level, raw) + (lo - entryStart),
                            level, effective);
                }
                case GUARD -> visitor.visit(canonical.virtual(lo), hi - lo, PageState.GUARDED, -1, level, null);
                default -> throw corrupt(level, index, entryStart, raw, format.malformation(level, raw));
            }
        }
    }

    /** The linear end of the first entry in [lo, hi) that is not available, or -1 when all of it is. */
    private long firstUsedEnd(long lo, long hi) {
        long[] found = {-1};
        Op op = new Op().reset(Operation.ITERATE, canonical.virtual(lo), lo, hi);
        try (TableView root = access.open(0, rootTable, 0)) {
            scanForUsed(op, 0, root, 0, found);
        }
        return found[0];
    }

    private boolean scanForUsed(Op op, int level, TableView view, long tableBase, long[] found) {
        long span = cursor.span(level);
        int first = cursor.first(level, tableBase, op.start);
        int last = cursor.last(level, tableBase, op.end);
        long entryStart = cursor.entryStart(level, tableBase, first);
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
        long span = cursor.span(level);
        int first = cursor.first(level, tableBase, op.start);
        int last = cursor.last(level, tableBase, op.end);
        long entryStart = cursor.entryStart(level, tableBase, first);
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
