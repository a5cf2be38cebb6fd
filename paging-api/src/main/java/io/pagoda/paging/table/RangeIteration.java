package io.pagoda.paging.table;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;

/**
 * Iterate: reports what a range holds in address order through the one {@link RangeWalk}. Holds no
 * state of its own, so a visitor may call back into the hierarchy.
 */
final class RangeIteration {
    private final HierarchyContext h;
    private final RangeWalk walk;

    RangeIteration(HierarchyContext h) {
        this.h = h;
        this.walk = new RangeWalk(h.geometry, h.format, h.canonical, h.access);
    }

    /** Every leaf or non-present entry the range covers. */
    void forEveryEntry(VirtualRange range, EntryVisitor visitor) {
        CanonicalForm canonical = h.canonical;
        walk.walk(
                h.rootTable,
                range.start(),
                range.end(),
                new TableTreeVisitor() {
                    @Override
                    public void leaf(
                            int level,
                            long linear,
                            long length,
                            long physicalAddress,
                            long raw,
                            int rightsLimit) {
                        visitor.visit(
                                canonical.virtual(linear),
                                length,
                                PageState.PRESENT,
                                physicalAddress,
                                level,
                                raw);
                    }

                    @Override
                    public void guard(int level, long linear, long length, long raw) {
                        visitor.visit(
                                canonical.virtual(linear),
                                length,
                                PageState.GUARDED,
                                -1,
                                level,
                                raw);
                    }

                    @Override
                    public void unused(int level, long linear, long length, long raw) {
                        visitor.visit(
                                canonical.virtual(linear),
                                length,
                                PageState.AVAILABLE,
                                -1,
                                level,
                                raw);
                    }
                });
    }

    /**
     * Every leaf and guard the range covers, leaves with the rights of the tables above combined
     * into theirs.
     */
    void forEveryMapping(VirtualRange range, MappingVisitor visitor) {
        CanonicalForm canonical = h.canonical;
        EntryFormat format = h.format;
        walk.walk(
                h.rootTable,
                range.start(),
                range.end(),
                new TableTreeVisitor() {
                    @Override
                    public void leaf(
                            int level,
                            long linear,
                            long length,
                            long physicalAddress,
                            long raw,
                            int rightsLimit) {
                        MappingFlags own = format.leafFlags(level, raw);
                        MappingFlags effective =
                                own.withRights(
                                        MappingAccessRights.ofBits(
                                                format.combineRights(
                                                        own.rights().bits(), rightsLimit)));
                        visitor.visit(
                                canonical.virtual(linear),
                                length,
                                PageState.PRESENT,
                                physicalAddress,
                                level,
                                effective);
                    }

                    @Override
                    public void guard(int level, long linear, long length, long raw) {
                        visitor.visit(
                                canonical.virtual(linear),
                                length,
                                PageState.GUARDED,
                                -1,
                                level,
                                null);
                    }
                });
    }
}
