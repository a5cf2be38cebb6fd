package io.pagoda.conformance;

/**
 * Told of each contract test's outcome while a {@link ConformanceRunner} runs, as it is recorded
 * for the matrix: for a progress display (the {@code pagoda conformance} command shows variant,
 * area and count). Called on the thread that ran the test; runs are serialised, so calls never
 * overlap within one run.
 */
@FunctionalInterface
public interface ConformanceProgress {
    /** How one test ended, as the matrix counts it. */
    enum Outcome {
        /** The test ran and passed. */
        PASSED,
        /** The test ran and failed (or its container failed). */
        FAILED,
        /** The test was skipped by an assumption or a disabled condition. */
        SKIPPED,
        /** The test did not run because the variant lacks a capability it {@link Requires}. */
        NOT_APPLICABLE
    }

    /**
     * One test of {@code variant} in {@code area} (one of {@link ConformanceMatrix#AREAS}) ended
     * with {@code outcome}. A container that failed outside any test counts once, in area {@code
     * other}.
     *
     * @param variant the variant's name
     * @param area the test's area
     * @param outcome how the test ended
     */
    void recorded(String variant, String area, Outcome outcome);
}
