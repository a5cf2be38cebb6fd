package io.pagoda.conformance;

/**
 * Told of each contract test's outcome while a {@link ConformanceRunner} runs, as it is recorded for the matrix:
 * for a progress display (the {@code pagoda conformance} command shows variant, area and count). Called on the
 * thread that ran the test; runs are serialised, so calls never overlap within one run.
 */
@FunctionalInterface
public interface ConformanceProgress {
    /** How one test ended, as the matrix counts it. */
    enum Outcome { PASSED, FAILED, SKIPPED, NOT_APPLICABLE }

    /**
     * One test of {@code variant} in {@code area} (one of {@link ConformanceMatrix#AREAS}) ended with {@code outcome}.
     * A container that failed outside any test counts once, in area {@code other}.
     */
    void recorded(String variant, String area, Outcome outcome);
}
