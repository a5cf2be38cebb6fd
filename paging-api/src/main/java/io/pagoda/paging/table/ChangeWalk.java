package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.NotMappedException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.spi.EntryKind;
import org.jspecify.annotations.NullUnmarked;

/**
 * Unmap and protect: one leaf-update walk over mapped entries that clears them (telling a callback
 * of each frame) or rewrites their flags in place, splitting a block or huge guard the range covers
 * only in part.
 *
 * <p>These change existing entries, which a failure could not restore without keeping them: so a
 * read-only check pass validates the range and counts the tables splits need, those are allocated,
 * and only then the writing pass runs, which cannot fail. When the check saw a single last-level
 * table and no split, the writing pass starts at that table instead of walking from the root again.
 * What the walk made stale is gathered in one {@link ChangedRange} and flushed once, except where
 * break-before-make must flush before a write.
 *
 * <p>One instance per hierarchy, reused: an operation allocates nothing.
 */
// A reused walk: its per-operation fields are null between operations and its check pass runs with
// no table view
// where a table does not exist yet; the algorithm tests, not NullAway, prove those paths.
@NullUnmarked
final class ChangeWalk {
    private final HierarchyContext h;
    private final RangeCursor cursor;
    private final TablePool pool = new TablePool();
    private final ChangedRange changed = new ChangedRange();

    private VirtualRange range;
    private long start;
    private long end;
    private boolean unmap;
    private UnmapCallback callback;
    private long[] templates;

    /** False in the check pass, true in the writing pass. */
    private boolean commit;

    private long tablesNeeded;

    /**
     * The one last-level table the check visited, when it visited one: the writing pass can start
     * there.
     */
    private long leafTable;

    private long leafTableBase;
    private int leafTables;
    private boolean busy;

    ChangeWalk(HierarchyContext h) {
        this.h = h;
        this.cursor = h.cursor;
    }

    /**
     * This walk, or a fresh one when this one is running (an unmap callback called back into the
     * hierarchy).
     */
    ChangeWalk claim() {
        ChangeWalk walk = busy ? new ChangeWalk(h) : this;
        walk.busy = true;
        return walk;
    }

    /** Drops the operation's references and frees the walk for the next operation. */
    private void release() {
        callback = null;
        busy = false;
    }

    /** Clears every leaf and guard of the range. */
    void unmap(VirtualRange range, UnmapCallback callback) {
        begin(range, true);
        this.callback = callback;
        run();
    }

    /**
     * Rewrites every leaf of the range with {@code templates}, keeping its frame and the bits the
     * format retains.
     */
    void protect(VirtualRange range, long[] templates) {
        begin(range, false);
        this.templates = templates;
        run();
    }

    private void begin(VirtualRange range, boolean unmap) {
        this.range = range;
        this.start = range.start();
        this.end = range.end();
        this.unmap = unmap;
        callback = null;
        templates = null;
        commit = false;
        tablesNeeded = 0;
        leafTables = 0;
        changed.reset();
    }

    private void run() {
        try {
            try (TableView root = h.openRoot()) {
                walk(0, root, 0, 0);
            }
            pool.allocate(h, range, tablesNeeded);
            commit = true;
            try {
                int last = h.lastLevel;
                if (tablesNeeded == 0
                        && leafTables == 1
                        && last > 0
                        && start >= leafTableBase
                        && end - leafTableBase <= cursor.tableSpan(last)) {
                    try (TableView leaves = h.access.open(last, leafTable, leafTableBase)) {
                        walk(last, leaves, 0, leafTableBase);
                    }
                } else {
                    try (TableView root = h.openRoot()) {
                        walk(0, root, 0, 0);
                    }
                }
            } finally {
                pool.releaseUnused(h);
                h.flush(changed);
            }
        } finally {
            release();
        }
    }

    /**
     * One table's part. {@code view} is null in the check pass when the table does not exist yet:
     * it would hold the pieces {@code virtualRaw} of a split block or guard, which is all the check
     * needs.
     */
    private void walk(int level, TableView view, long virtualRaw, long tableBase) {
        int first = cursor.first(level, tableBase, start);
        int last = cursor.last(level, tableBase, end);
        long span = cursor.span(level);
        long entryStart = cursor.entryStart(level, tableBase, first);
        if (level == h.lastLevel && view != null) {
            if (!commit) {
                leafTables++;
                leafTable = view.physicalAddress();
                leafTableBase = tableBase;
                checkPages(level, view, first, last, entryStart);
            } else if (unmap) {
                unmapPages(level, view, first, last, entryStart);
            } else {
                for (int index = first; index <= last; index++, entryStart += span) {
                    changeLeaf(level, view, index, view.read(index), entryStart, span);
                }
            }
            return;
        }
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view == null ? virtualRaw : view.read(index);
            changeEntry(level, view, index, raw, entryStart, range.coversWhole(entryStart, span));
        }
    }

    /**
     * The check pass over last-level entries: every one must be a leaf (or, for unmap, a guard).
     */
    private void checkPages(int level, TableView view, int first, int last, long entryStart) {
        long span = cursor.span(level);
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view.read(index);
            EntryKind kind = h.format.kind(level, raw);
            if (kind != EntryKind.LEAF && !(unmap && kind == EntryKind.GUARD)) {
                changeEntry(level, view, index, raw, entryStart, true);
            }
        }
    }

    /**
     * The hot loop of an unmap: clear every last-level leaf and guard, telling the callback of each
     * leaf.
     */
    private void unmapPages(int level, TableView view, int first, int last, long entryStart) {
        long span = cursor.span(level);
        UnmapCallback tell = callback == UnmapCallback.NONE ? null : callback;
        long low = -1;
        long high = 0;
        boolean global = false;
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view.read(index);
            view.write(index, 0);
            if (h.format.kind(level, raw) == EntryKind.LEAF) {
                if (low == -1) {
                    low = entryStart;
                }
                high = entryStart + span - 1;
                global |= h.format.isGlobal(level, raw);
                if (tell != null) {
                    tell.unmapped(
                            h.canonical.virtual(entryStart),
                            h.format.leafAddress(level, raw),
                            span);
                }
            }
        }
        if (low != -1) {
            changed.add(low, high, global);
        }
    }

    private void changeEntry(
            int level, TableView view, int index, long raw, long entryStart, boolean whole) {
        EntryKind kind = h.format.kind(level, raw);
        switch (kind) {
            case TABLE -> {
                if (level == h.lastLevel) {
                    throw h.corrupt(
                            level, index, entryStart, raw, "a table entry at the last level");
                }
                descend(level, raw, entryStart);
            }
            case LEAF -> {
                if (!whole) {
                    split(level, view, index, raw, entryStart, kind);
                } else if (commit) {
                    changeLeaf(level, view, index, raw, entryStart, cursor.span(level));
                }
            }
            case GUARD -> {
                if (!unmap) {
                    throw new NotMappedException(
                            "cannot protect "
                                    + Hex.of(range.virtualStart())
                                    + ": "
                                    + Hex.of(h.canonical.virtual(entryStart))
                                    + " (level "
                                    + level
                                    + " "
                                    + h.geometry.level(level).name()
                                    + " entry "
                                    + index
                                    + ") is guarded, not mapped; protect only mapped ranges");
                }
                if (!whole) {
                    split(level, view, index, raw, entryStart, kind);
                } else if (commit) {
                    view.write(index, 0);
                }
            }
            case UNUSED, INVALID ->
                    throw new NotMappedException(
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
                                    + ") is not mapped; "
                                    + range.verb()
                                    + " only mapped or guarded ranges");
            case RESERVED ->
                    throw h.corrupt(
                            level, index, entryStart, raw, h.format.malformation(level, raw));
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private void changeLeaf(
            int level, TableView view, int index, long raw, long entryStart, long span) {
        if (h.format.kind(level, raw) != EntryKind.LEAF) {
            if (unmap) {
                view.write(index, 0);
            }
            return;
        }
        long pa = h.format.leafAddress(level, raw);
        boolean global = h.format.isGlobal(level, raw);
        if (unmap) {
            view.write(index, 0);
            changed.add(entryStart, entryStart + span - 1, global);
            callback.unmapped(h.canonical.virtual(entryStart), pa, span);
            return;
        }
        long updated =
                h.format.leafEntry(level, templates[level], pa) | h.format.retainedBits(level, raw);
        if (updated == raw) {
            return;
        }
        if (h.format.needsBreakBeforeMake(level, raw, updated)) {
            breakBeforeMake(view, index, entryStart, span, global);
        }
        view.write(index, updated);
        changed.add(entryStart, entryStart + span - 1, global || h.format.isGlobal(level, updated));
    }

    /** Invalidates a live entry and flushes it before its replacement is written (AArch64 BBM). */
    private void breakBeforeMake(
            TableView view, int index, long entryStart, long span, boolean global) {
        view.write(index, 0);
        h.flusher.flushRange(
                h.canonical.virtual(entryStart),
                h.canonical.virtual(entryStart + span - 1),
                global);
    }

    /**
     * Replaces a block or huge guard the range covers only in part by a table of its pieces, then
     * continues inside it. The seed's version lost the part before an unaligned start; here the new
     * table reproduces the whole entry before anything inside it changes.
     */
    private void split(
            int level, TableView view, int index, long raw, long entryStart, EntryKind kind) {
        if (level == h.lastLevel) {
            throw h.corrupt(
                    level, index, entryStart, raw, "a partly covered entry at the last level");
        }
        int child = level + 1;
        long span = cursor.span(level);
        long childSpan = cursor.span(child);
        long childTemplate = 0;
        long piece;
        long pa = 0;
        if (kind == EntryKind.LEAF) {
            MappingFlags flags = h.format.leafFlags(level, raw);
            if (!h.geometry.level(child).leafAllowed()) {
                throw h.corrupt(
                        level,
                        index,
                        entryStart,
                        raw,
                        "a block whose next level cannot hold its pieces");
            }
            childTemplate = h.format.leafTemplate(child, flags) | h.format.retainedBits(level, raw);
            pa = h.format.leafAddress(level, raw);
            long limit = Math.min(h.physicalLimit, h.format.leafAddressLimit(child));
            if (pa > limit - span) {
                throw new PhysicalAddressException(
                        "cannot split the "
                                + Hex.size(span)
                                + " leaf at "
                                + Hex.of(h.canonical.virtual(entryStart))
                                + " (level "
                                + level
                                + " entry "
                                + index
                                + ") -> "
                                + Hex.of(pa)
                                + ": "
                                + Hex.size(childSpan)
                                + " leaves at level "
                                + child
                                + " reach only below "
                                + Hex.of(limit)
                                + "; change or unmap the whole "
                                + Hex.size(span)
                                + " leaf instead");
            }
            piece = h.format.leafEntry(child, childTemplate, pa);
        } else {
            piece = h.format.guardEntry(child);
        }
        if (!commit) {
            tablesNeeded++;
            walk(child, null, piece, entryStart);
            return;
        }
        long table = pool.take();
        initTable(
                child,
                table,
                kind == EntryKind.LEAF ? childTemplate : piece,
                pa,
                kind == EntryKind.LEAF ? childSpan : -1);
        long tableEntry = h.format.tableEntry(level, table);
        if (kind == EntryKind.LEAF) {
            boolean global = h.format.isGlobal(level, raw);
            if (h.format.needsBreakBeforeMake(level, raw, tableEntry)) {
                breakBeforeMake(view, index, entryStart, span, global);
            }
            // the block's cached translation is stale once its pieces replace it
            changed.add(entryStart, entryStart + span - 1, global);
        }
        view.write(index, tableEntry);
        descend(level, tableEntry, entryStart);
    }

    /**
     * Fills a new, unlinked table: all {@code fill} (zero or a guard) when {@code pieceSize} is -1,
     * else the leaves {@code template} at {@code pa}, {@code pa + pieceSize}, ...
     */
    private void initTable(int level, long table, long fill, long pa, long pieceSize) {
        int count = h.geometry.entryCount(level);
        try (TableView view = h.access.openUnlinked(level, table)) {
            if (pieceSize < 0) {
                view.fill(0, count, fill);
                return;
            }
            long at = pa;
            for (int i = 0; i < count; i++, at += pieceSize) {
                view.write(i, h.format.leafEntry(level, fill, at));
            }
        }
    }

    private void descend(int level, long raw, long entryStart) {
        long child = h.format.tableAddress(level, raw);
        try (TableView view = h.access.open(level + 1, child, entryStart)) {
            walk(level + 1, view, 0, entryStart);
        }
    }
}
