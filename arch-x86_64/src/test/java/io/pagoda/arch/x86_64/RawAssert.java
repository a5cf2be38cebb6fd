package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.Hex;

/**
 * Entry comparisons that fail with hexadecimal values and the differing bits, not signed decimals.
 */
final class RawAssert {
    private RawAssert() {}

    static void assertRaw(long expected, long actual) {
        assertRaw(expected, actual, "entry");
    }

    static void assertRaw(long expected, long actual, String what) {
        if (expected != actual) {
            assertEquals(
                    Hex.of(expected),
                    Hex.of(actual),
                    what + ": bits " + Hex.of(expected ^ actual) + " differ");
        }
    }
}
