package io.pagoda.paging.table;

/**
 * A way to reach a hierarchy's tables: at their physical addresses (paging off, dumps), through the
 * recursive slot of the active hierarchy, by temporary mapping, or through a direct map. One
 * hierarchy uses one access; the algorithms do not know which.
 *
 * <p>Implementations may reuse one view per level, so a view is valid until the next {@code open}
 * of the same level; the algorithms never hold two tables of one level at once.
 */
public interface TableAccess {

    /**
     * Opens the linked table at {@code level} with physical address {@code tablePhysicalAddress},
     * which translates the linear range starting at {@code linearBase}.
     *
     * @param level the table's level, 0 = top
     * @param tablePhysicalAddress the table's physical address
     * @param linearBase the first linear address the table translates (the recursive access finds
     *     the table by it)
     * @return a view valid until the next open of the same level, to be closed after use
     */
    TableView open(int level, long tablePhysicalAddress, long linearBase);

    /**
     * Opens a freshly allocated table before it is linked, so it can be filled first (zero, then
     * link).
     *
     * @param level the level the table will be linked at, 0 = top
     * @param tablePhysicalAddress the table's physical address
     * @return a view valid until the next unlinked open of the same level, to be closed after use
     */
    TableView openUnlinked(int level, long tablePhysicalAddress);

    /**
     * Told after a table was unlinked from its parent, so cached views of it can be dropped.
     *
     * @param level the unlinked table's level, 0 = top
     * @param tablePhysicalAddress the unlinked table's physical address
     * @param linearBase the first linear address the table translated
     */
    default void tableUnlinked(int level, long tablePhysicalAddress, long linearBase) {}
}
