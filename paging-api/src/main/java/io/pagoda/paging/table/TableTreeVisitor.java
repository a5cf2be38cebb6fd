package io.pagoda.paging.table;

/**
 * What a {@link RangeWalk} reports, in address order. Addresses are linear (see
 * {@link io.pagoda.paging.spi.CanonicalForm#virtual}); lengths are the part of the entry inside the walked range.
 * Every method has a default, so a visitor names only what it wants.
 */
public interface TableTreeVisitor {

    /**
     * Entry {@code index} of a table at {@code level}, starting at {@code linear}, links the table at {@code child};
     * returns whether the walk enters it.
     */
    default boolean table(int level, int index, long linear, long raw, long child) {
        return true;
    }

    /**
     * A leaf maps {@code [linear, linear + length)} from {@code physicalAddress} on; {@code rightsLimit} is what the
     * tables above it leave ({@link io.pagoda.paging.spi.EntryFormat#combineRights} gives the effective rights).
     */
    default void leaf(int level, long linear, long length, long physicalAddress, long raw, int rightsLimit) {
    }

    /** A guard reserves {@code [linear, linear + length)}. */
    default void guard(int level, long linear, long length, long raw) {
    }

    /** An unused or invalid entry leaves {@code [linear, linear + length)} available. */
    default void unused(int level, long linear, long length, long raw) {
    }

    /**
     * A malformed entry (reserved bits set, or a table entry at the last level), {@code why} in a sentence; returns
     * whether the walk goes on past it. By default it does not: the walk throws
     * {@link io.pagoda.paging.error.CorruptTableException} naming the entry.
     */
    default boolean malformed(int level, int index, long linear, long raw, String why) {
        return false;
    }

    /**
     * Entry {@code index} of the table at {@code table} (level {@code level}, translating from {@code linear}) cannot
     * be read: the table lies outside the memory (a dump that does not hold it). By default the walk stops with
     * {@code cause}; a visitor may throw something that names the place for its reader.
     */
    default void unreadable(int level, long table, int index, long linear, io.pagoda.paging.error.PhysicalAddressException cause) {
        throw cause;
    }
}
