package io.pagoda.conformance.testarch;

/** Deliberate bugs the kit must catch, each in the place a real module could get it wrong. */
public enum Defect {
    /** None: the correct variant. */
    NONE,
    /** The encoder sets the global bit where the writable bit belongs. */
    WRONG_BIT,
    /** The decoder reads the guard marker as an unused entry. */
    LOST_GUARD,
    /** INVLPG-like page invalidation forgets global entries. */
    MISSING_FLUSH
}
