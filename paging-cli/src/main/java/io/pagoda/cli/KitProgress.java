package io.pagoda.cli;

import io.pagoda.conformance.ConformanceMatrix;
import io.pagoda.conformance.ConformanceProgress;
import io.pagoda.conformance.ConformanceRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pagoda conformance}'s progress on stderr, so a run of minutes is not silent. On a console
 * ({@link Mode#LIVE}) one line is rewritten in place with the variant, its number, the area of the
 * latest test and the counts so far, and left behind as a line of totals when the variant is done.
 * With {@code --progress} and no console ({@link Mode#LINES}: a CI log) only the totals line of
 * each variant is written. Otherwise nothing, so pipes and tests stay clean. Bounded: on a console
 * one rewrite of under a hundred characters per test (a kit test takes milliseconds to seconds, so
 * no rewrite is wasted), a line per variant.
 */
final class KitProgress implements ConformanceProgress {
    enum Mode {
        OFF,
        LIVE,
        LINES
    }

    /** Failing variants named in the summary line at most. */
    static final int FAILING_NAMED = 5;

    private final PrintWriter err;
    private final Mode mode;
    private final int variantsExpected;
    private String variant;
    private int variantNumber;
    private long run;
    private long failed;
    private long skipped;
    private long notApplicable;
    private int liveWidth;

    KitProgress(PrintWriter err, Mode mode, int variantsExpected) {
        this.err = err;
        this.mode = mode;
        this.variantsExpected = variantsExpected;
    }

    /**
     * Runs the kit over {@code variants} (none: every one found) with this progress. Here, not in
     * the command: the JVM verifies the command's methods when picocli reflects over it, which
     * would load the kit's types, and the kit is optional on the module path.
     */
    ConformanceMatrix run(List<String> variants) {
        // --plugin jars are on the context class loader already (Plugins), where the kit looks for
        // variants
        ConformanceMatrix matrix = new ConformanceRunner().variants(variants).progress(this).run();
        finish();
        return matrix;
    }

    /** Live on a console; lines when asked for without one; else off. */
    static Mode mode(boolean asked, boolean console) {
        return console ? Mode.LIVE : asked ? Mode.LINES : Mode.OFF;
    }

    @Override
    public void recorded(String variantName, String area, Outcome outcome) {
        if (mode == Mode.OFF) {
            return;
        }
        boolean next = !variantName.equals(variant);
        if (next) {
            finishVariant();
            variant = variantName;
            variantNumber++;
        }
        switch (outcome) {
            case PASSED -> run++;
            case FAILED -> {
                run++;
                failed++;
            }
            case SKIPPED -> skipped++;
            case NOT_APPLICABLE -> notApplicable++;
            default -> throw new IllegalStateException();
        }
        if (mode == Mode.LIVE) {
            live(
                    "pagoda: conformance "
                            + variant
                            + " (variant "
                            + variantNumber
                            + " of "
                            + variantsExpected
                            + "), "
                            + area
                            + ": "
                            + counts());
        }
    }

    /** Leaves the last variant's totals line; call once the run is over. */
    void finish() {
        if (mode != Mode.OFF) {
            finishVariant();
            err.flush();
        }
    }

    private void finishVariant() {
        if (variant == null) {
            return;
        }
        String totals = "pagoda: conformance " + variant + " done: " + counts();
        if (mode == Mode.LIVE) {
            live(totals);
            err.println();
            liveWidth = 0;
        } else {
            err.println(totals);
        }
        err.flush();
        variant = null;
        run = 0;
        failed = 0;
        skipped = 0;
        notApplicable = 0;
    }

    private String counts() {
        return run
                + " run, "
                + failed
                + " failed"
                + (notApplicable > 0 ? ", " + notApplicable + " n/a" : "")
                + (skipped > 0 ? ", " + skipped + " skipped" : "");
    }

    /** Rewrites the console line; spaces cover what a longer previous line left. */
    private void live(String line) {
        err.print("\r" + line + " ".repeat(Math.max(0, liveWidth - line.length())));
        err.flush();
        liveWidth = line.length();
    }

    /**
     * The run in one line, after the matrix: {@code summary: 2 variants, 15 areas: 812 tests run,
     * 810 passed, 2 failed (toy-plugin: encoding), 4 skipped, 30 not applicable, in 41 s}. At most
     * {@value #FAILING_NAMED} failing variants are named, then how many more.
     */
    static String summary(ConformanceMatrix matrix, Duration elapsed) {
        int run = 0;
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int notApplicable = 0;
        for (ConformanceMatrix.Cell cell : matrix.cells()) {
            run += cell.run();
            passed += cell.passed();
            failed += cell.failed();
            skipped += cell.skipped();
            notApplicable += cell.notApplicable();
        }
        List<String> failing = new ArrayList<>();
        for (String variant : matrix.variants()) {
            List<String> areas = matrix.failingAreas(variant);
            if (!areas.isEmpty()) {
                failing.add(variant + ": " + String.join(", ", areas));
            }
        }
        String failures = failed + " failed";
        if (!failing.isEmpty()) {
            List<String> named = failing.subList(0, Math.min(FAILING_NAMED, failing.size()));
            failures +=
                    " ("
                            + String.join("; ", named)
                            + (failing.size() > named.size()
                                    ? "; " + (failing.size() - named.size()) + " more variants"
                                    : "")
                            + ")";
        }
        int variants = matrix.variants().size();
        int areas = matrix.areas().size();
        return "summary: "
                + variants
                + (variants == 1 ? " variant, " : " variants, ")
                + areas
                + (areas == 1 ? " area: " : " areas: ")
                + run
                + " tests run, "
                + passed
                + " passed, "
                + failures
                + ", "
                + skipped
                + " skipped, "
                + notApplicable
                + " not applicable, in "
                + Math.max(0, elapsed.toSeconds())
                + " s";
    }
}
