package io.pagoda.paging.table;

/**
 * The flusher of inactive and paging-off hierarchies: their tables are in no TLB, so nothing is
 * flushed.
 */
public final class NoFlush implements PagingCacheFlusher {
    /** The one instance: the flusher keeps no state. */
    public static final NoFlush INSTANCE = new NoFlush();

    private NoFlush() {}

    @Override
    public void flushRange(long firstVirtual, long lastVirtual, boolean global) {
        // inactive tables are not cached
    }

    @Override
    public void flushAll() {
        // inactive tables are not cached
    }
}
