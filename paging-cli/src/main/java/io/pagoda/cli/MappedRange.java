package io.pagoda.cli;

import io.pagoda.paging.MappingFlags;

/**
 * Adjacent leaves (or guards) merged: same root, level and leaf size, same effective flags, and for
 * present memory physically contiguous — like Linux's page-table dump.
 *
 * @param register the root register's name
 * @param first first virtual address
 * @param length bytes covered
 * @param guarded a guarded (reserved, faulting) range rather than mapped memory
 * @param physical physical address of {@code first} when mapped, else -1
 * @param flags effective flags when mapped, else null
 * @param leafSize the page, block or guard size of every entry in the range
 * @param level the level of those entries (0 = top)
 */
record MappedRange(
        String register,
        long first,
        long length,
        boolean guarded,
        long physical,
        MappingFlags flags,
        long leafSize,
        int level) {

    /** Whether {@code next} continues this range without a visible change. */
    boolean continuedBy(MappedRange next) {
        return register.equals(next.register)
                && guarded == next.guarded
                && leafSize == next.leafSize
                && level == next.level
                && first + length == next.first
                && (guarded || (physical + length == next.physical && flags.equals(next.flags)));
    }

    MappedRange extendedBy(long bytes) {
        return new MappedRange(
                register, first, length + bytes, guarded, physical, flags, leafSize, level);
    }
}
