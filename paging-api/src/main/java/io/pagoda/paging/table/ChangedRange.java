package io.pagoda.paging.table;

/**
 * The linear range whose cached translations an operation made stale, and whether any of them was
 * global: gathered while the operation writes, applied once at its end through the hierarchy's
 * flusher.
 */
final class ChangedRange {
    private long low;
    private long high;
    private boolean global;

    ChangedRange() {
        reset();
    }

    void reset() {
        low = Long.MAX_VALUE;
        high = Long.MIN_VALUE;
        global = false;
    }

    /** Adds the linear range {@code [first, last]}. */
    void add(long first, long last, boolean isGlobal) {
        low = Math.min(low, first);
        high = Math.max(high, last);
        global |= isGlobal;
    }

    boolean isEmpty() {
        return low > high;
    }

    long low() {
        return low;
    }

    long high() {
        return high;
    }

    boolean global() {
        return global;
    }
}
