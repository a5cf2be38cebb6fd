package io.pagoda.paging.spi;

/** What a raw entry means at its level, as the hardware walker would read it. */
public enum EntryKind {
    /**
     * Unused: all zero (or only bits the format treats as noise, such as x86 A/D on a non-present
     * entry).
     */
    UNUSED,
    /** Not present, carrying the framework's guard marker. */
    GUARD,
    /** Points to the next-level table. */
    TABLE,
    /** Maps memory: a page at the last level, a block or huge page above. */
    LEAF,
    /** Present with a reserved bit set: the walker raises a reserved-bit fault. */
    RESERVED,
    /**
     * Not zero, not a guard, not valid: the walker raises a translation fault; nothing may
     * overwrite it silently.
     */
    INVALID
}
