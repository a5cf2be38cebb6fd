package io.pagoda.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects test outcomes per run (a run is one Launcher execution, named by the configuration
 * parameter {@link ConformanceRunner#RUN_PARAMETER}; plain build runs share the run "default"), so
 * that a run nested inside another (the kit testing itself) never mixes its results into the outer
 * one.
 */
final class MatrixCollector {
    static final String DEFAULT_RUN = "default";
    private static final Map<String, MatrixCollector> RUNS = new ConcurrentHashMap<>();

    private static final class Counts {
        int run;
        int passed;
        int failed;
        int skipped;
        int notApplicable;
        final List<String> failures = new ArrayList<>();
        final List<String> notApplicableTests = new ArrayList<>();
    }

    private final Map<String, Counts> counts = new LinkedHashMap<>();
    private volatile ConformanceProgress progress;

    static MatrixCollector of(String run) {
        return RUNS.computeIfAbsent(run, r -> new MatrixCollector());
    }

    static MatrixCollector remove(String run) {
        MatrixCollector collector = RUNS.remove(run);
        return collector == null ? new MatrixCollector() : collector;
    }

    /**
     * NOT_APPLICABLE: the variant lacks what the test needs ({@link Requires}); not run, not a
     * pass.
     */
    enum Outcome {
        PASSED,
        FAILED,
        SKIPPED,
        NOT_APPLICABLE
    }

    /** Who hears of each outcome as it is recorded (null: nobody). */
    void progress(ConformanceProgress listener) {
        this.progress = listener;
    }

    synchronized void record(String variant, String area, Outcome outcome, String detail) {
        Counts cell = counts.computeIfAbsent(variant + "\u0000" + area, k -> new Counts());
        switch (outcome) {
            case PASSED -> {
                cell.run++;
                cell.passed++;
            }
            case FAILED -> {
                cell.run++;
                cell.failed++;
                cell.failures.add(detail);
            }
            case SKIPPED -> cell.skipped++;
            case NOT_APPLICABLE -> {
                cell.notApplicable++;
                cell.notApplicableTests.add(detail);
            }
            default -> throw new IllegalStateException();
        }
        ConformanceProgress listener = progress;
        if (listener != null) {
            listener.recorded(variant, area, ConformanceProgress.Outcome.valueOf(outcome.name()));
        }
    }

    synchronized ConformanceMatrix matrix() {
        List<ConformanceMatrix.Cell> cells = new ArrayList<>();
        counts.forEach(
                (key, c) -> {
                    String[] parts = key.split("\u0000", 2);
                    cells.add(
                            new ConformanceMatrix.Cell(
                                    parts[0],
                                    parts[1],
                                    c.run,
                                    c.passed,
                                    c.failed,
                                    c.skipped,
                                    c.notApplicable,
                                    c.failures,
                                    c.notApplicableTests));
                });
        return new ConformanceMatrix(cells);
    }
}
