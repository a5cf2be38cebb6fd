package io.pagoda.conformance;

import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;

/**
 * Interesting virtual addresses of a root, computed from its geometry alone: the start and the top
 * of its range, and the edges where one table ends and the next begins (where off-by-one bugs
 * live).
 */
public final class Places {
    private final TranslationRoot root;
    private final Geometry geometry;

    /**
     * The places of {@code root}.
     *
     * @param root the root
     */
    public Places(TranslationRoot root) {
        this.root = root;
        this.geometry = root.geometry();
    }

    /**
     * The root's page size.
     *
     * @return the page size in bytes
     */
    public long page() {
        return geometry.pageSize();
    }

    /**
     * The virtual address at this position of the root's linear range.
     *
     * @param linear a position in the root's linear range
     * @return the canonical virtual address
     */
    public long va(long linear) {
        return root.canonicalForm().virtual(linear);
    }

    /**
     * The linear position where the second table of the level above the leaves begins.
     *
     * @return the linear position
     */
    public long leafTableBoundary() {
        return geometry.lastLevel() == 0
                ? geometry.pageSize() * 2
                : geometry.span(geometry.lastLevel() - 1);
    }

    /**
     * The linear position where the second top-level entry begins (or the leaf-table boundary for a
     * one-entry top).
     *
     * @return the linear position
     */
    public long topBoundary() {
        return geometry.entryCount(0) > 1 ? geometry.span(0) : leafTableBoundary();
    }

    /**
     * The last page's linear position.
     *
     * @return the linear position
     */
    public long lastPage() {
        return geometry.linearSpan() - geometry.pageSize();
    }

    /**
     * The deepest level above the leaves that allows leaves (the smallest block), or -1.
     *
     * @return the level, or -1 when the root has no blocks
     */
    public int smallestBlockLevel() {
        for (int level = geometry.lastLevel() - 1; level >= 0; level--) {
            if (geometry.level(level).leafAllowed()) {
                return level;
            }
        }
        return -1;
    }

    /**
     * Whether {@code [linear, linear + length)} is one run of canonical addresses (no hole inside).
     *
     * @param linear the first linear position
     * @param length the bytes
     * @return true when no non-canonical hole lies inside
     */
    public boolean contiguous(long linear, long length) {
        return va(linear + length - 1) - va(linear) == length - 1;
    }
}
