package io.pagoda.paging;

/**
 * What an entry holds, as the seed names it. Iteration and translation report it. A guarded entry
 * faults like an unused one, but marks space that must stay unmapped (a stack guard).
 */
public enum PageState {
    /** Unused: faults on access, free to map. */
    AVAILABLE,
    /** Reserved: faults on access, never handed out by a free-space search. */
    GUARDED,
    /** Used, with a backing physical address. */
    PRESENT
}
