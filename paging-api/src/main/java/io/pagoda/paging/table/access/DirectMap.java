package io.pagoda.paging.table.access;

import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;

/** Installs a direct map: physical {@code [first, first + length)} at {@code base + first}, kernel read-write, global. */
public final class DirectMap {
    private DirectMap() {
    }

    /** Maps the range with the largest blocks that fit, through {@code hierarchy} (usually the bootstrap's). */
    public static void install(TableHierarchy hierarchy, long base, long firstPhysical, long length) {
        hierarchy.mapContiguous(base + firstPhysical, firstPhysical, length,
                KernelDataFlags.of(hierarchy.format(), hierarchy.geometry()), LeafSizePolicy.LARGEST_FITTING);
    }
}
