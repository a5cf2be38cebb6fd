package io.pagoda.paging.table;

import io.pagoda.paging.error.PhysicalAddressException;

/**
 * What a {@link RangeWalk} reports, in address order. Addresses are linear (see {@link
 * io.pagoda.paging.spi.CanonicalForm#virtual}); lengths are the part of the entry inside the walked
 * range. Every method has a default, so a visitor names only what it wants.
 */
public interface TableTreeVisitor {

    /**
     * Entry {@code index} of a table at {@code level}, starting at {@code linear}, links the table
     * at {@code child}; returns whether the walk enters it.
     *
     * @param level the level of the table holding the entry, 0 = top
     * @param index the entry's index in its table, from 0
     * @param linear the linear address where the entry's span starts
     * @param raw the entry's raw value
     * @param child the physical address of the linked table
     * @return true (the default) to walk the child table, false to skip it
     */
    default boolean table(int level, int index, long linear, long raw, long child) {
        return true;
    }

    /**
     * A leaf maps {@code [linear, linear + length)} from {@code physicalAddress} on; {@code
     * rightsLimit} is what the tables above it leave ({@link
     * io.pagoda.paging.spi.EntryFormat#combineRights} gives the effective rights).
     *
     * @param level the leaf's level, 0 = top
     * @param linear the first linear address of the part inside the walked range
     * @param length the bytes of the leaf inside the walked range
     * @param physicalAddress the physical address {@code linear} maps to
     * @param raw the leaf's raw entry
     * @param rightsLimit the rights bits the tables above leave (AND of their limits)
     */
    default void leaf(
            int level, long linear, long length, long physicalAddress, long raw, int rightsLimit) {}

    /**
     * A guard reserves {@code [linear, linear + length)}.
     *
     * @param level the guard's level, 0 = top
     * @param linear the first linear address of the part inside the walked range
     * @param length the bytes of the guard inside the walked range
     * @param raw the guard's raw entry
     */
    default void guard(int level, long linear, long length, long raw) {}

    /**
     * An unused or invalid entry leaves {@code [linear, linear + length)} available.
     *
     * @param level the entry's level, 0 = top
     * @param linear the first linear address of the part inside the walked range
     * @param length the bytes of the entry's span inside the walked range
     * @param raw the entry's raw value
     */
    default void unused(int level, long linear, long length, long raw) {}

    /**
     * A malformed entry (reserved bits set, or a table entry at the last level), {@code why} in a
     * sentence; returns whether the walk goes on past it. By default it does not: the walk throws
     * {@link io.pagoda.paging.error.CorruptTableException} naming the entry.
     *
     * @param level the level of the table holding the entry, 0 = top
     * @param index the entry's index in its table, from 0
     * @param linear the linear address where the entry's span starts
     * @param raw the entry's raw value
     * @param why why the entry is malformed
     * @return true to go on with the next entry, false (the default) to have the walk throw
     */
    default boolean malformed(int level, int index, long linear, long raw, String why) {
        return false;
    }

    /**
     * Entry {@code index} of the table at {@code table} (level {@code level}, translating from
     * {@code linear}) cannot be read: the table lies outside the memory (a dump that does not hold
     * it). By default the walk stops with {@code cause}; a visitor may throw something that names
     * the place for its reader.
     *
     * @param level the level of the unreadable table, 0 = top
     * @param table the unreadable table's physical address
     * @param index the index of the entry that could not be read, from 0
     * @param linear the linear address where that entry's span starts
     * @param cause the failed read; the walk rethrows it when this method returns
     */
    default void unreadable(
            int level, long table, int index, long linear, PhysicalAddressException cause) {
        throw cause;
    }
}
