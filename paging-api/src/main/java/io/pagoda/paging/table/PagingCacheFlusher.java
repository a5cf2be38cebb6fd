package io.pagoda.paging.table;

/**
 * What an operation tells the TLB once it is done (the seed flushed the whole TLB after every entry
 * write). Each mutating operation reports the virtual range whose present translations it changed
 * or removed, once; the flusher picks per-page or full invalidation. P 0 -> 1 changes need no
 * report.
 */
public interface PagingCacheFlusher {

    /**
     * Present translations inside [firstVirtual, lastVirtual] (inclusive, so the top page of the
     * space needs no overflow) changed or went away; {@code global} when any of them was global.
     *
     * @param firstVirtual the first virtual address of the range
     * @param lastVirtual the last virtual address of the range (inclusive)
     * @param global whether any translation of the range was global (cached under every tag)
     */
    void flushRange(long firstVirtual, long lastVirtual, boolean global);

    /** Everything may be stale. */
    void flushAll();
}
