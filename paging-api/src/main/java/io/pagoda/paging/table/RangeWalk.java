package io.pagoda.paging.table;

import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;

/**
 * The one walk of a range of tables, as {@link AddressWalk} is the one walk of an address: every
 * table the range reaches is read once, top down and in address order, and each entry is reported
 * to a {@link TableTreeVisitor} as a table, leaf, guard, unused or malformed entry, leaves with the
 * rights the tables above them leave. Iteration, listing, collecting a hierarchy's tables and the
 * command's dump of an image all go through it.
 */
public final class RangeWalk {
    private final Geometry geometry;
    private final EntryFormat format;
    private final CanonicalForm canonical;
    private final TableAccess access;
    private final RangeCursor cursor;
    private final int lastLevel;

    /**
     * A walk of {@code root}'s tables.
     *
     * @param root the translation root whose geometry, format and canonical form are walked
     * @param access how the tables are reached
     */
    public RangeWalk(TranslationRoot root, TableAccess access) {
        this(root.geometry(), root.format(), root.canonicalForm(), access);
    }

    /**
     * A walk of tables of {@code geometry} written in {@code format}.
     *
     * @param geometry the tables' levels, entry counts and sizes
     * @param format the entry format that decodes each entry
     * @param canonical the canonical form, for messages naming virtual addresses
     * @param access how the tables are reached
     */
    public RangeWalk(
            Geometry geometry, EntryFormat format, CanonicalForm canonical, TableAccess access) {
        this.geometry = geometry;
        this.format = format;
        this.canonical = canonical;
        this.access = access;
        this.cursor = new RangeCursor(geometry);
        this.lastLevel = geometry.lastLevel();
    }

    /**
     * Walks the linear range {@code [start, end)} of the hierarchy whose top table is {@code
     * rootTable}.
     *
     * @param rootTable the physical address of the top table (level 0)
     * @param start the range's first linear address
     * @param end the linear address one past the range
     * @param visitor told of every entry the range reaches, in address order
     * @throws io.pagoda.paging.error.CorruptTableException when a malformed entry is met and the
     *     visitor does not go on past it
     * @throws io.pagoda.paging.error.PhysicalAddressException when a table cannot be read and the
     *     visitor throws nothing else
     */
    public void walk(long rootTable, long start, long end, TableTreeVisitor visitor) {
        try (TableView root = access.open(0, rootTable, 0)) {
            walk(start, end, 0, root, 0, EntryFormat.NO_RESTRICTION, visitor);
        }
    }

    /**
     * Walks the whole linear space of the hierarchy whose top table is {@code rootTable}.
     *
     * @param rootTable the physical address of the top table (level 0)
     * @param visitor told of every entry, in address order
     * @throws io.pagoda.paging.error.CorruptTableException when a malformed entry is met and the
     *     visitor does not go on past it
     * @throws io.pagoda.paging.error.PhysicalAddressException when a table cannot be read and the
     *     visitor throws nothing else
     */
    public void walkAll(long rootTable, TableTreeVisitor visitor) {
        walk(rootTable, 0, geometry.linearSpan(), visitor);
    }

    private void walk(
            long start,
            long end,
            int level,
            TableView view,
            long tableBase,
            int limit,
            TableTreeVisitor visitor) {
        long span = cursor.span(level);
        int first = cursor.first(level, tableBase, start);
        int last = cursor.last(level, tableBase, end);
        long entryStart = cursor.entryStart(level, tableBase, first);
        for (int index = first; index <= last; index++, entryStart += span) {
            long raw;
            try {
                raw = view.read(index);
            } catch (PhysicalAddressException e) {
                visitor.unreadable(level, view.physicalAddress(), index, entryStart, e);
                throw e;
            }
            EntryKind kind = format.kind(level, raw);
            long lo = Math.max(start, entryStart);
            long length = Math.min(end, entryStart + span) - lo;
            switch (kind) {
                case TABLE -> {
                    if (level == lastLevel) {
                        malformed(
                                visitor,
                                level,
                                index,
                                entryStart,
                                raw,
                                "a table entry at the last level");
                        continue;
                    }
                    long child = format.tableAddress(level, raw);
                    if (visitor.table(level, index, entryStart, raw, child)) {
                        int below = limit & format.tableRightsLimit(level, raw);
                        try (TableView childView = access.open(level + 1, child, entryStart)) {
                            walk(start, end, level + 1, childView, entryStart, below, visitor);
                        }
                    }
                }
                case LEAF ->
                        visitor.leaf(
                                level,
                                lo,
                                length,
                                format.leafAddress(level, raw) + (lo - entryStart),
                                raw,
                                limit);
                case GUARD -> visitor.guard(level, lo, length, raw);
                case UNUSED, INVALID -> visitor.unused(level, lo, length, raw);
                case RESERVED ->
                        malformed(
                                visitor,
                                level,
                                index,
                                entryStart,
                                raw,
                                format.malformation(level, raw));
                default -> throw new IllegalStateException(kind.name());
            }
        }
    }

    private void malformed(
            TableTreeVisitor visitor, int level, int index, long linear, long raw, String why) {
        if (!visitor.malformed(level, index, linear, raw, why)) {
            throw TableErrors.corrupt(geometry, canonical, level, index, linear, raw, why);
        }
    }
}
