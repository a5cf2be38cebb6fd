package io.pagoda.paging.table;

import io.pagoda.paging.spi.EntryKind;

/**
 * Reclaim: frees, in post-order, the tables entirely inside a range whose entries are all unused,
 * and unlinks them. Only tables the hierarchy's allocator owns are freed: shared kernel tables and
 * image tables are not its own.
 */
final class ReclaimWalk {
    private final HierarchyContext h;
    private final RangeCursor cursor;

    ReclaimWalk(HierarchyContext h) {
        this.h = h;
        this.cursor = h.cursor;
    }

    /**
     * Frees the empty tables of {@code range}, adding the linear ranges they translated to {@code
     * changed}.
     */
    int reclaim(VirtualRange range, ChangedRange changed) {
        try (TableView root = h.openRoot()) {
            return reclaim(range, 0, root, 0, changed);
        }
    }

    private int reclaim(
            VirtualRange range, int level, TableView view, long tableBase, ChangedRange changed) {
        long span = cursor.span(level);
        int first = cursor.first(level, tableBase, range.start());
        int last = cursor.last(level, tableBase, range.end());
        long entryStart = cursor.entryStart(level, tableBase, first);
        int reclaimed = 0;
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view.read(index);
            if (h.format.kind(level, raw) != EntryKind.TABLE || level == h.lastLevel) {
                continue;
            }
            long child = h.format.tableAddress(level, raw);
            boolean empty;
            try (TableView childView = h.access.open(level + 1, child, entryStart)) {
                reclaimed += reclaim(range, level + 1, childView, entryStart, changed);
                empty = isEmpty(level + 1, childView);
            }
            if (empty && range.coversWhole(entryStart, span) && h.allocator.isAllocated(child)) {
                view.write(index, 0);
                h.access.tableUnlinked(level + 1, child, entryStart);
                h.allocator.free(child);
                reclaimed++;
                changed.add(entryStart, entryStart + span - 1, false);
            }
        }
        return reclaimed;
    }

    private boolean isEmpty(int level, TableView view) {
        for (int i = 0; i < h.geometry.entryCount(level); i++) {
            if (h.format.kind(level, view.read(i)) != EntryKind.UNUSED) {
                return false;
            }
        }
        return true;
    }
}
