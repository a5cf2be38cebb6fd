package io.pagoda.paging.table.access;

import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;

/**
 * Installs a direct map: physical {@code [first, first + length)} at {@code base + first}, kernel
 * read-write, global.
 */
public final class DirectMap {
    private DirectMap() {}

    /**
     * Maps the range with the largest blocks that fit, through {@code hierarchy} (usually the
     * bootstrap's).
     *
     * @param hierarchy the tables the direct map is written into
     * @param base the virtual address physical address 0 would be mapped at (the layout's
     *     direct-map base)
     * @param firstPhysical the first physical address mapped, page-aligned
     * @param length how many bytes are mapped, a positive multiple of the page size
     * @throws io.pagoda.paging.error.PagingException when the hierarchy refuses the mapping
     *     (misaligned, already mapped, beyond the physical width, out of frames for tables), as
     *     {@link TableHierarchy#mapContiguous} does
     */
    public static void install(
            TableHierarchy hierarchy, long base, long firstPhysical, long length) {
        hierarchy.mapContiguous(
                base + firstPhysical,
                firstPhysical,
                length,
                KernelDataFlags.of(hierarchy.format(), hierarchy.geometry()),
                LeafSizePolicy.LARGEST_FITTING);
    }
}
