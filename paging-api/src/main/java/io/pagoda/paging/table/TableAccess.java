package io.pagoda.paging.table;

/**
 * A way to reach a hierarchy's tables: at their physical addresses (paging off, dumps), through the
 * recursive slot of the active hierarchy, by temporary mapping, or through a direct map. One hierarchy
 * uses one access; the algorithms do not know which.
 *
 * <p>Implementations may reuse one view per level, so a view is valid until the next {@code open} of the
 * same level; the algorithms never hold two tables of one level at once.
 */
public interface TableAccess {

    /**
     * Opens the linked table at {@code level} with physical address {@code tablePhysicalAddress}, which
     * translates the linear range starting at {@code linearBase}.
     */
    TableView open(int level, long tablePhysicalAddress, long linearBase);

    /** Opens a freshly allocated table before it is linked, so it can be filled first (zero, then link). */
    TableView openUnlinked(int level, long tablePhysicalAddress);

    /** Told after a table was unlinked from its parent, so cached views of it can be dropped. */
    default void tableUnlinked(int level, long tablePhysicalAddress, long linearBase) {
    }
}
