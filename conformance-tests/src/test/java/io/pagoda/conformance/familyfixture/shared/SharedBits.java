package io.pagoda.conformance.familyfixture.shared;

/** A bit two architectures of one family would otherwise each define. */
public final class SharedBits {
    public static final long PRESENT = 1L;

    private SharedBits() {}

    public static boolean present(long raw) {
        return (raw & PRESENT) != 0;
    }
}
