package io.pagoda.conformance;

import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;

/**
 * Interesting virtual addresses of a root, computed from its geometry alone: the start and the top of its
 * range, and the edges where one table ends and the next begins (where off-by-one bugs live).
 */
public final class Places {
    private final TranslationRoot root;
    private final Geometry geometry;

    public Places(TranslationRoot root) {
        this.root = root;
        this.geometry = root.geometry();
    }

    public long page() {
        return geometry.pageSize();
    }

    /** The virtual address at this position of the root's linear range. */
    public long va(long linear) {
        return root.canonicalForm().virtual(linear);
    }

    /** The linear position where the second table of the level above the leaves begins. */
    public long leafTableBoundary() {
        return geometry.lastLevel() == 0 ? geometry.pageSize() * 2 : geometry.span(geometry.lastLevel() - 1);
    }

    /** The linear position where the second top-level entry begins (or the leaf-table boundary for a one-entry top). */
    public long topBoundary() {
        return geometry.entryCount(0) > 1 ? geometry.span(0) : leafTableBoundary();
    }

    /** The last page's linear position. */
    public long lastPage() {
        return geometry.linearSpan() - geometry.pageSize();
    }

    /** The deepest level above the leaves that allows leaves (the smallest block), or -1. */
    public int smallestBlockLevel() {
        for (int level = geometry.lastLevel() - 1; level >= 0; level--) {
            if (geometry.level(level).leafAllowed()) {
                return level;
            }
        }
        return -1;
    }

    /** Whether {@code [linear, linear + length)} is one run of canonical addresses (no hole inside). */
    public boolean contiguous(long linear, long length) {
        return va(linear + length - 1) - va(linear) == length - 1;
    }
}
