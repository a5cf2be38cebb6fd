package io.pagoda.conformance;

import io.pagoda.paging.table.PagingCacheFlusher;
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers every flush an operation reports, so tests can check that each changed translation was
 * reported.
 */
public final class RecordingFlusher implements PagingCacheFlusher {

    /** One reported range, inclusive at both ends. */
    public record Flush(long first, long last, boolean global, boolean all) {
        /**
         * Whether the flush covers {@code va}.
         *
         * @param va a virtual address
         * @return true for a full flush or when {@code va} lies in the range
         */
        public boolean covers(long va) {
            return all
                    || (Long.compareUnsigned(first, va) <= 0
                            && Long.compareUnsigned(va, last) <= 0);
        }
    }

    private final List<Flush> flushes = new ArrayList<>();

    @Override
    public void flushRange(long firstVirtual, long lastVirtual, boolean global) {
        flushes.add(new Flush(firstVirtual, lastVirtual, global, false));
    }

    @Override
    public void flushAll() {
        flushes.add(new Flush(0, -1L, true, true));
    }

    /**
     * Every flush reported, in order.
     *
     * @return a copy of the flushes
     */
    public List<Flush> flushes() {
        return List.copyOf(flushes);
    }

    /**
     * The number of flushes reported so far, a mark for {@link #since}.
     *
     * @return the count
     */
    public int count() {
        return flushes.size();
    }

    /**
     * The flushes since {@code mark} (a {@link #count()} taken earlier).
     *
     * @param mark an earlier {@link #count()}
     * @return the flushes reported after it
     */
    public List<Flush> since(int mark) {
        return List.copyOf(flushes.subList(mark, flushes.size()));
    }

    /**
     * Whether a flush since {@code mark} covers {@code va}.
     *
     * @param mark an earlier {@link #count()}
     * @param va a virtual address
     * @return true when a flush reported after the mark covers {@code va}
     */
    public boolean coveredSince(int mark, long va) {
        for (int i = mark; i < flushes.size(); i++) {
            if (flushes.get(i).covers(va)) {
                return true;
            }
        }
        return false;
    }
}
