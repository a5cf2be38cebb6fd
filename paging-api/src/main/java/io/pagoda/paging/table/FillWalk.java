package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.AlreadyMappedException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.spi.EntryKind;
import java.util.Arrays;
import org.jspecify.annotations.NullUnmarked;

/**
 * Map and guard: fills unused entries of a range with leaves (from a frame source, or contiguous
 * frames with a leaf-size policy) or guards, creating the tables it needs.
 *
 * <p>One pass, undone on failure. What can fail before anything is written is planned first: the
 * tables the range needs are counted by reading the levels above the last (a range's pages are
 * never read twice; where no table exists yet the count is arithmetic), then allocated all at once,
 * so running out of frames leaves everything untouched. The writing pass only ever fills unused
 * entries, so when it meets an occupied entry or a bad frame, everything it wrote lies in {@code
 * [start, failedAt)} and is undone by clearing the leaves there and unlinking and freeing the
 * tables its journal lists. Nothing proportional to the range is kept. When the plan found one
 * existing last-level table holding the whole range, the writing pass starts there instead of
 * walking from the root again.
 *
 * <p>One instance per hierarchy, reused: an operation allocates nothing.
 */
// A reused walk: its per-operation fields are null between operations and its check pass runs with
// no table view
// where a table does not exist yet; the algorithm tests, not NullAway, prove those paths.
@NullUnmarked
final class FillWalk {
    private final HierarchyContext h;
    private final RangeCursor cursor;
    private final TablePool pool = new TablePool();

    private VirtualRange range;
    private long start;
    private long end;
    private boolean guard;
    private FrameSource frames;

    /** A contiguous map: the frame of byte {@code offset} is {@code contiguousBase + offset}. */
    private boolean contiguous;

    private long contiguousBase;

    /** Every frame was checked up front, so no frame needs checking one by one. */
    private boolean framesChecked;

    private LeafSizePolicy policy;
    private long[] templates;
    private long tablesNeeded;

    /**
     * The one last-level table the plan met, when it met exactly one: the writing pass can start
     * there.
     */
    private long leafTable;

    private long leafTableBase;
    private int leafTables;

    /**
     * Where the writing pass failed: the start of the entry it could not fill (the deepest one), or
     * -1.
     */
    private long failedAt;

    /**
     * Tables the writing pass created, six longs each: parent level, parent table, parent base,
     * index, old raw, table.
     */
    private long[] journal = new long[JOURNAL_START];

    /** Room for eight tables: a map's journal shrinks back to this, so a big map leaves no heap. */
    private static final int JOURNAL_START = 6 * 8;

    private int journalSize;
    private boolean busy;

    FillWalk(HierarchyContext h) {
        this.h = h;
        this.cursor = h.cursor;
    }

    /**
     * This walk, or a fresh one when this one is running (a frame source called back into the
     * hierarchy).
     */
    FillWalk claim() {
        FillWalk walk = busy ? new FillWalk(h) : this;
        walk.busy = true;
        return walk;
    }

    /**
     * Maps the range to the frames {@code source} supplies, with blocks where {@code policy} and
     * the source allow.
     */
    void map(VirtualRange range, FrameSource source, long[] templates, LeafSizePolicy policy) {
        begin(range, false);
        this.frames = source;
        this.templates = templates;
        this.policy = policy;
        if (source instanceof ContiguousFrames run) {
            // frames by arithmetic; when the whole run is aligned and reachable, no frame needs a
            // check of its own
            contiguous = true;
            contiguousBase = run.base();
            long page = cursor.span(h.lastLevel);
            long limit = Math.min(h.physicalLimit, h.format.leafAddressLimit(h.lastLevel));
            framesChecked =
                    (run.base() & (page - 1)) == 0
                            && run.base() >= 0
                            && range.length() <= limit
                            && run.base() <= limit - range.length();
        }
        run();
    }

    /**
     * Maps the range to the frames from {@code pa} on, with leaves as large as {@code policy}
     * allows.
     */
    void mapContiguous(
            VirtualRange range,
            long pa,
            long[] templates,
            LeafSizePolicy policy,
            boolean framesChecked) {
        begin(range, false);
        this.contiguous = true;
        this.contiguousBase = pa;
        this.policy = policy;
        this.templates = templates;
        this.framesChecked = framesChecked;
        run();
    }

    /** Guards the range, with huge guards where a whole upper entry is covered and unused. */
    void guard(VirtualRange range) {
        begin(range, true);
        this.framesChecked = true;
        run();
    }

    /**
     * Drops the operation's references and frees the walk for the next operation; a journal grown
     * by a big map is given back (it is needed again only by the next big map).
     */
    private void release() {
        frames = null;
        if (journal.length > JOURNAL_START) {
            journal = new long[JOURNAL_START];
        }
        busy = false;
    }

    private void begin(VirtualRange range, boolean guard) {
        this.range = range;
        this.start = range.start();
        this.end = range.end();
        this.guard = guard;
        frames = null;
        contiguous = false;
        framesChecked = false;
        policy = LeafSizePolicy.PAGES_ONLY;
        templates = null;
        tablesNeeded = 0;
        leafTables = 0;
        failedAt = -1;
        journalSize = 0;
    }

    private void run() {
        try {
            if (h.lastLevel > 0) {
                try (TableView root = h.openRoot()) {
                    plan(0, root, 0);
                }
            }
            pool.allocate(h, range, tablesNeeded);
            try {
                int last = h.lastLevel;
                if (tablesNeeded == 0
                        && leafTables == 1
                        && start >= leafTableBase
                        && end - leafTableBase <= cursor.tableSpan(last)) {
                    try (TableView leaves = h.access.open(last, leafTable, leafTableBase)) {
                        fill(last, leaves, leafTableBase);
                    }
                } else {
                    try (TableView root = h.openRoot()) {
                        fill(0, root, 0);
                    }
                }
            } catch (RuntimeException e) {
                undo();
                throw e;
            } finally {
                pool.releaseUnused(h);
            }
        } finally {
            release();
        }
    }

    /**
     * The plan in one table above the last level: counts the tables the range needs and refuses
     * occupied entries there. {@code view} is null for a table that does not exist yet (all
     * unused).
     */
    private void plan(int level, TableView view, long tableBase) {
        if (view == null && uniformBelow()) {
            tablesNeeded +=
                    tablesBelow(
                            level,
                            Math.max(start, tableBase),
                            Math.min(end, tableBase + cursor.tableSpan(level)));
            return;
        }
        int first = cursor.first(level, tableBase, start);
        int last = cursor.last(level, tableBase, end);
        long span = cursor.span(level);
        long entryStart = cursor.entryStart(level, tableBase, first);
        boolean childIsLast = level + 1 == h.lastLevel;
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view == null ? 0 : view.read(index);
            EntryKind kind = view == null ? EntryKind.UNUSED : h.format.kind(level, raw);
            if (kind == EntryKind.UNUSED
                    && range.coversWhole(entryStart, span)
                    && placesLeafHere(level, entryStart)) {
                continue;
            }
            if (kind == EntryKind.TABLE) {
                long child = h.format.tableAddress(level, raw);
                if (childIsLast) {
                    leafTables++;
                    leafTable = child;
                    leafTableBase = entryStart;
                } else {
                    try (TableView childView = h.access.open(level + 1, child, entryStart)) {
                        plan(level + 1, childView, entryStart);
                    }
                }
            } else if (kind == EntryKind.UNUSED) {
                tablesNeeded++;
                if (!childIsLast) {
                    plan(level + 1, null, entryStart);
                }
            } else {
                throw occupied(level, index, raw, kind, entryStart);
            }
        }
    }

    /**
     * Whether below a level every entry a range covers whole decides alike: a guard, or a
     * contiguous map (a leaf fits an entry there exactly when the frame offset is aligned to its
     * span, the same for every entry of a level). Then a missing table's needs are counted without
     * visiting its entries.
     */
    private boolean uniformBelow() {
        return guard || contiguous;
    }

    /**
     * Whether a whole unused entry at {@code level} gets a leaf, for a fill where that is uniform.
     */
    private boolean wholeGetsLeaf(int level) {
        if (guard || level == h.lastLevel) {
            return true;
        }
        long span = cursor.span(level);
        return policy.allowsBlock(span)
                && h.geometry.level(level).leafAllowed()
                && ((contiguousBase - start) & (span - 1)) == 0;
    }

    /**
     * Tables needed below the part {@code [lo, hi)} of a missing table of {@code level}, with no
     * entry read.
     */
    private long tablesBelow(int level, long lo, long hi) {
        if (level == h.lastLevel || lo >= hi) {
            return 0;
        }
        long span = cursor.span(level);
        long firstWhole = (lo + span - 1) & -span;
        long endWhole = hi & -span;
        if (firstWhole >= endWhole) {
            // no entry covered whole: one or two partly covered entries (none before the split when
            // lo is aligned)
            long split = Math.min(firstWhole, hi);
            long count = 0;
            if (lo < split) {
                count += 1 + tablesBelow(level + 1, lo, split);
            }
            if (split < hi) {
                count += 1 + tablesBelow(level + 1, split, hi);
            }
            return count;
        }
        long count = 0;
        if (lo < firstWhole) {
            count += 1 + tablesBelow(level + 1, lo, firstWhole);
        }
        if (!wholeGetsLeaf(level)) {
            long whole = (endWhole - firstWhole) / span;
            count += whole * (1 + tablesBelow(level + 1, firstWhole, firstWhole + span));
        }
        if (endWhole < hi) {
            count += 1 + tablesBelow(level + 1, endWhole, hi);
        }
        return count;
    }

    private void fill(int level, TableView view, long tableBase) {
        int first = cursor.first(level, tableBase, start);
        int last = cursor.last(level, tableBase, end);
        long span = cursor.span(level);
        long entryStart = cursor.entryStart(level, tableBase, first);
        try {
            if (level == h.lastLevel && !guard) {
                fillPages(level, view, first, last, entryStart);
                return;
            }
            for (int index = first; index <= last; index++, entryStart += span) {
                long raw = view.read(index);
                EntryKind kind = h.format.kind(level, raw);
                if (kind == EntryKind.UNUSED
                        && range.coversWhole(entryStart, span)
                        && placesLeafHere(level, entryStart)) {
                    if (guard) {
                        view.write(index, h.format.guardEntry(level));
                    } else {
                        long pa = frame(entryStart - start, span);
                        if (!framesChecked) {
                            checkFrame(level, pa, span, entryStart);
                        }
                        view.write(index, h.format.leafEntry(level, templates[level], pa));
                    }
                } else if (kind == EntryKind.TABLE && level < h.lastLevel) {
                    long child = h.format.tableAddress(level, raw);
                    try (TableView childView = h.access.open(level + 1, child, entryStart)) {
                        fill(level + 1, childView, entryStart);
                    }
                } else if (kind == EntryKind.UNUSED && level < h.lastLevel) {
                    long child = newTable(level, view, tableBase, index, raw);
                    try (TableView childView = h.access.open(level + 1, child, entryStart)) {
                        fill(level + 1, childView, entryStart);
                    }
                } else {
                    throw occupied(level, index, raw, kind, entryStart);
                }
            }
        } catch (RuntimeException e) {
            failedAt(entryStart);
            throw e;
        }
    }

    /** The hot loop of a map: last-level entries, each checked unused and written once. */
    private void fillPages(int level, TableView view, int first, int last, long entryStart) {
        long span = cursor.span(level);
        long template = templates[level];
        long offset = entryStart - start;
        // the highest frame a leaf here may start at, worked out once for the table rather than per
        // page
        long highest = Math.min(h.physicalLimit, h.format.leafAddressLimit(level)) - span;
        try {
            for (int index = first; index <= last; index++, offset += span) {
                long raw = view.read(index);
                if (raw != 0 && h.format.kind(level, raw) != EntryKind.UNUSED) {
                    throw occupied(level, index, raw, h.format.kind(level, raw), start + offset);
                }
                long pa = frame(offset, span);
                if (!framesChecked && ((pa & (span - 1)) != 0 || pa < 0 || pa > highest)) {
                    checkFrame(level, pa, span, start + offset);
                }
                view.write(index, h.format.leafEntry(level, template, pa));
            }
        } catch (RuntimeException e) {
            failedAt(start + offset);
            throw e;
        }
    }

    private long frame(long offset, long size) {
        return contiguous ? contiguousBase + offset : frames.frameFor(offset, size);
    }

    private void failedAt(long entryStart) {
        if (failedAt == -1) {
            failedAt = entryStart;
        }
    }

    /**
     * Takes a planned table, zeroes, journals and links it below entry {@code index}; returns its
     * address.
     */
    private long newTable(int level, TableView view, long tableBase, int index, long raw) {
        long table = pool.take();
        try (TableView fresh = h.access.openUnlinked(level + 1, table)) {
            fresh.fill(0, h.geometry.entryCount(level + 1), 0);
        }
        journal(level, view.physicalAddress(), tableBase, index, raw, table);
        view.write(index, h.format.tableEntry(level, table));
        return table;
    }

    private void journal(int level, long parent, long parentBase, int index, long raw, long table) {
        if (journalSize + 6 > journal.length) {
            journal = Arrays.copyOf(journal, journal.length * 2);
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

    /**
     * Clears what a failed fill wrote in {@code [start, failedAt)}, then unlinks and frees the
     * tables it made, newest first.
     */
    private void undo() {
        if (failedAt > start) {
            try (TableView root = h.openRoot()) {
                clearFilled(0, root, 0, failedAt);
            }
        }
        long[] j = journal;
        for (int n = journalSize - 6; n >= 0; n -= 6) {
            int level = (int) j[n];
            long table = j[n + 5];
            long entryStart = cursor.entryStart(level, j[n + 2], (int) j[n + 3]);
            try (TableView parent = h.access.open(level, j[n + 1], j[n + 2])) {
                parent.write((int) j[n + 3], j[n + 4]);
            }
            h.access.tableUnlinked(level + 1, table, entryStart);
            h.allocator.free(table);
        }
        journalSize = 0;
    }

    private void clearFilled(int level, TableView view, long tableBase, long until) {
        int first = cursor.first(level, tableBase, start);
        int last = cursor.last(level, tableBase, until);
        for (int index = first; index <= last; index++) {
            long raw = view.read(index);
            EntryKind kind = h.format.kind(level, raw);
            if (kind == EntryKind.LEAF || kind == EntryKind.GUARD) {
                view.write(index, 0);
            } else if (kind == EntryKind.TABLE && level < h.lastLevel) {
                long entryStart = cursor.entryStart(level, tableBase, index);
                try (TableView child =
                        h.access.open(level + 1, h.format.tableAddress(level, raw), entryStart)) {
                    clearFilled(level + 1, child, entryStart, until);
                }
            }
        }
    }

    /**
     * A map places a leaf where the level allows one and the frames fit; a guard goes as high as it
     * can.
     */
    private boolean placesLeafHere(int level, long entryStart) {
        if (guard || level == h.lastLevel) {
            return true;
        }
        long size = cursor.span(level);
        if (!policy.allowsBlock(size) || !h.geometry.level(level).leafAllowed()) {
            return false;
        }
        long offset = entryStart - start;
        return contiguous
                ? ((contiguousBase + offset) & (size - 1)) == 0
                : frames.canSupplyLeaf(offset, size);
    }

    private void checkFrame(int level, long pa, long size, long entryStart) {
        long limit = Math.min(h.physicalLimit, h.format.leafAddressLimit(level));
        if ((pa & (size - 1)) != 0) {
            throw new MisalignedAddressException(
                    "cannot map "
                            + Hex.of(h.canonical.virtual(entryStart))
                            + ": frame "
                            + Hex.of(pa)
                            + " is not aligned to the "
                            + Hex.size(size)
                            + " leaf it would back; supply aligned frames");
        }
        if (pa < 0 || pa > limit - size) {
            throw new PhysicalAddressException(
                    "cannot map "
                            + Hex.of(h.canonical.virtual(entryStart))
                            + ": frame "
                            + Hex.of(pa)
                            + " is past what a "
                            + Hex.size(size)
                            + " leaf at level "
                            + level
                            + " can address (last address "
                            + Hex.of(limit - 1)
                            + "); use a lower frame");
        }
    }

    private RuntimeException occupied(
            int level, int index, long raw, EntryKind kind, long entryStart) {
        if (kind == EntryKind.RESERVED) {
            return h.corrupt(level, index, entryStart, raw, h.format.malformation(level, raw));
        }
        String what =
                switch (kind) {
                    case LEAF ->
                            "already mapped by a "
                                    + Hex.size(cursor.span(level))
                                    + " leaf to "
                                    + Hex.of(h.format.leafAddress(level, raw));
                    case GUARD ->
                            "guarded"
                                    + (level < h.lastLevel
                                            ? " by a huge guard of " + Hex.size(cursor.span(level))
                                            : "");
                    case TABLE -> "a table entry";
                    default -> "an invalid entry " + Hex.of(raw);
                };
        return new AlreadyMappedException(
                "cannot "
                        + range.verb()
                        + " "
                        + Hex.of(range.virtualStart())
                        + ": "
                        + Hex.of(h.canonical.virtual(Math.max(entryStart, start)))
                        + " (level "
                        + level
                        + " "
                        + h.geometry.level(level).name()
                        + " entry "
                        + index
                        + ") is "
                        + what
                        + "; unmap it first or choose free space");
    }
}
