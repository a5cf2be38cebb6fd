package io.pagoda.paging.table;

import io.pagoda.paging.error.CorruptTableException;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;

/**
 * What every walk of one hierarchy shares: its root, its geometry and format, how its tables are
 * reached and where new ones come from. Built once per {@link TableHierarchy}; the walks hold it
 * instead of a copy of each part.
 */
final class HierarchyContext {
    final Geometry geometry;
    final EntryFormat format;
    final CanonicalForm canonical;
    final TableAccess access;
    final FrameAllocator allocator;
    final PagingCacheFlusher flusher;
    final long rootTable;

    /** One past the last physical address the machine has. */
    final long physicalLimit;

    final int lastLevel;

    /** One past the last frame every level above the last can link as a table. */
    final long tableLimit;

    final RangeCursor cursor;

    HierarchyContext(
            TranslationRoot root,
            int physicalAddressBits,
            long rootTable,
            TableAccess access,
            FrameAllocator allocator,
            PagingCacheFlusher flusher) {
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
        long lowest = Long.MAX_VALUE;
        for (int level = 0; level < lastLevel; level++) {
            lowest = Math.min(lowest, format.tableAddressLimit(level));
        }
        this.tableLimit = lowest;
    }

    /** Opens the root table. */
    TableView openRoot() {
        return access.open(0, rootTable, 0);
    }

    /** Applies what an operation made stale, once, through the hierarchy's flusher. */
    void flush(ChangedRange changed) {
        if (!changed.isEmpty()) {
            flusher.flushRange(
                    canonical.virtual(changed.low()),
                    canonical.virtual(changed.high()),
                    changed.global());
        }
    }

    CorruptTableException corrupt(int level, int index, long linear, long raw, String why) {
        return TableErrors.corrupt(geometry, canonical, level, index, linear, raw, why);
    }
}
