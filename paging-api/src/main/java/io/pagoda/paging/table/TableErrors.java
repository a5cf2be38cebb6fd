package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.CorruptTableException;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.Geometry;

/**
 * The one wording of a malformed entry met by a walk: where it is, what it holds, why it is wrong,
 * what to do.
 */
final class TableErrors {
    private TableErrors() {}

    static CorruptTableException corrupt(
            Geometry geometry,
            CanonicalForm canonical,
            int level,
            int index,
            long linear,
            long raw,
            String why) {
        return new CorruptTableException(
                "corrupt table at level "
                        + level
                        + " ("
                        + geometry.level(level).name()
                        + ") entry "
                        + index
                        + " for "
                        + Hex.of(canonical.virtual(linear))
                        + ": raw "
                        + Hex.of(raw)
                        + ", "
                        + why
                        + "; repair the entry or check the root address");
    }
}
