package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.RightsNotExpressibleException;
import org.jspecify.annotations.Nullable;

/**
 * The leaf template of each level for a set of flags (the entry bits without the frame), made once
 * per set: most calls repeat the flags of the one before, so the last set's templates are kept.
 */
final class LeafTemplates {
    private final HierarchyContext h;
    private @Nullable MappingFlags cachedFlags;
    private long[] cachedTemplates = new long[0];

    LeafTemplates(HierarchyContext h) {
        this.h = h;
    }

    /** The templates for {@code flags}, indexed by level (zero where a level holds no leaves). */
    long[] of(MappingFlags flags, long va) {
        if (flags.equals(cachedFlags)) {
            return cachedTemplates;
        }
        if (flags.rights().bits() == 0) {
            throw new RightsNotExpressibleException(
                    "cannot map "
                            + Hex.of(va)
                            + " with no access rights: "
                            + "a present page must be readable, writable or executable; use guard() to reserve inaccessible space");
        }
        long[] templates = new long[h.geometry.levelCount()];
        for (int level = 0; level <= h.lastLevel; level++) {
            if (h.geometry.level(level).leafAllowed()) {
                try {
                    templates[level] = h.format.leafTemplate(level, flags);
                } catch (RightsNotExpressibleException e) {
                    throw new RightsNotExpressibleException(
                            "cannot map "
                                    + Hex.of(va)
                                    + " at level "
                                    + level
                                    + " ("
                                    + h.geometry.level(level).name()
                                    + "): "
                                    + e.getMessage(),
                            e);
                }
            }
        }
        cachedTemplates = templates;
        cachedFlags = flags;
        return templates;
    }
}
