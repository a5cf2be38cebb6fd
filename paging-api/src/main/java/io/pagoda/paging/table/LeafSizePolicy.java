package io.pagoda.paging.table;

/** Which leaf sizes a contiguous mapping may use. */
public enum LeafSizePolicy {
    /** Only the smallest page size. */
    PAGES_ONLY,
    /** The largest block the geometry allows wherever virtual and physical addresses both align and the range covers it. */
    LARGEST_FITTING
}
