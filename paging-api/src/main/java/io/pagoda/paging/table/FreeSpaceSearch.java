package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.InvalidRangeException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.spi.EntryKind;
import java.util.Optional;

/**
 * Find free space (the seed's {@code find_available_virtual_space_aligned}): the first aligned
 * candidate whose whole range reads as unused; a used entry moves the next candidate past its end,
 * so used space is skipped a whole entry (and a whole missing table) at a time.
 */
final class FreeSpaceSearch {
    private final HierarchyContext h;
    private final RangeCursor cursor;

    FreeSpaceSearch(HierarchyContext h) {
        this.h = h;
        this.cursor = h.cursor;
    }

    Optional<Long> find(long length, long first, long last, long alignment) {
        long page = h.geometry.pageSize();
        if (length <= 0) {
            throw new InvalidRangeException(
                    "cannot search for "
                            + length
                            + " bytes of free space: the length must be positive");
        }
        if (alignment < page || Long.bitCount(alignment) != 1) {
            throw new MisalignedAddressException(
                    "alignment "
                            + Hex.of(alignment)
                            + " is not a power of two of at least the page size "
                            + Hex.size(page));
        }
        VirtualRange.requireAligned(first, "search start", page);
        VirtualRange.requireAligned(length, "search length", page);
        long lo = h.canonical.linear(first);
        long hi = h.canonical.linear(last);
        if (Long.compareUnsigned(hi, lo) < 0
                || (h.canonical.virtual(hi) - h.canonical.virtual(lo)) != hi - lo) {
            throw new InvalidRangeException(
                    "search range "
                            + Hex.of(first)
                            + ".."
                            + Hex.of(last)
                            + " is empty or crosses a non-canonical hole; give first <= last inside one canonical range");
        }
        long candidate = VirtualRange.alignUp(lo, alignment);
        while (candidate >= 0 && candidate <= hi && length - 1 <= hi - candidate) {
            long blockerEnd;
            try (TableView root = h.openRoot()) {
                blockerEnd = firstUsedEnd(candidate, candidate + length, 0, root, 0);
            }
            if (blockerEnd < 0) {
                return Optional.of(h.canonical.virtual(candidate));
            }
            candidate = VirtualRange.alignUp(blockerEnd, alignment);
        }
        return Optional.empty();
    }

    /**
     * The linear end of the first entry in {@code [lo, hi)} that is not unused, or -1 when all of
     * it is.
     */
    private long firstUsedEnd(long lo, long hi, int level, TableView view, long tableBase) {
        long span = cursor.span(level);
        int first = cursor.first(level, tableBase, lo);
        int last = cursor.last(level, tableBase, hi);
        long entryStart = cursor.entryStart(level, tableBase, first);
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw = view.read(index);
            EntryKind kind = h.format.kind(level, raw);
            if (kind == EntryKind.UNUSED) {
                continue;
            }
            if (kind == EntryKind.TABLE && level < h.lastLevel) {
                long child = h.format.tableAddress(level, raw);
                try (TableView childView = h.access.open(level + 1, child, entryStart)) {
                    long found = firstUsedEnd(lo, hi, level + 1, childView, entryStart);
                    if (found >= 0) {
                        return found;
                    }
                }
                continue;
            }
            return entryStart + span;
        }
        return -1;
    }
}
