package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.conformance.ConformanceProgress.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The console line of {@code pagoda conformance}: variant, area and counts, rewritten in place,
 * bounded.
 */
class KitProgressTest {

    private static String feed(KitProgress.Mode mode, int tests) {
        StringWriter err = new StringWriter();
        KitProgress progress = new KitProgress(new PrintWriter(err), mode, 2);
        for (int i = 0; i < tests; i++) {
            progress.recorded(
                    "a64",
                    i < 20 ? "map" : "unmap",
                    i == 3 ? Outcome.FAILED : i == 4 ? Outcome.NOT_APPLICABLE : Outcome.PASSED);
        }
        progress.recorded("x86", "geometry", Outcome.SKIPPED);
        progress.finish();
        return err.toString();
    }

    @Test
    void onAConsoleOneLineIsRewrittenAndEachVariantLeavesItsTotals() {
        // a64: 5 outcomes (the 4th failed, the 5th n/a), then x86: one skipped
        String expected =
                "\rpagoda: conformance a64 (variant 1 of 2), map: 1 run, 0 failed"
                        + "\rpagoda: conformance a64 (variant 1 of 2), map: 2 run, 0 failed"
                        + "\rpagoda: conformance a64 (variant 1 of 2), map: 3 run, 0 failed"
                        + "\rpagoda: conformance a64 (variant 1 of 2), map: 4 run, 1 failed"
                        + "\rpagoda: conformance a64 (variant 1 of 2), map: 4 run, 1 failed, 1 n/a"
                        + "\rpagoda: conformance a64 done: 4 run, 1 failed, 1 n/a"
                        + " ".repeat(17)
                        + "\n"
                        + "\rpagoda: conformance x86 (variant 2 of 2), geometry: 0 run, 0 failed, 1 skipped"
                        + "\rpagoda: conformance x86 done: 0 run, 0 failed, 1 skipped"
                        + " ".repeat(22)
                        + "\n";
        assertEquals(expected, feed(KitProgress.Mode.LIVE, 5));
    }

    @Test
    void withoutAConsoleTheTotalsOfEachVariantAreLines() {
        assertEquals(
                "pagoda: conformance a64 done: 39 run, 1 failed, 1 n/a\npagoda: conformance x86 done: 0 run, 0 failed, 1 skipped\n",
                feed(KitProgress.Mode.LINES, 40));
    }

    @Test
    void offWritesNothing() {
        assertEquals("", feed(KitProgress.Mode.OFF, 40));
    }

    @Test
    void theConsoleLineIsBounded() {
        // 10,000 outcomes of one variant: a rewrite each, each under 100 characters
        String out = feed(KitProgress.Mode.LIVE, 10_000);
        long rewrites = out.chars().filter(c -> c == '\r').count();
        assertEquals(10_000 + 3, rewrites, "one per test, a64's totals, x86's test and its totals");
        assertEquals(true, out.length() < rewrites * 100, "bounded: " + out.length());
    }

    @Test
    void theModeFollowsTheConsoleAndTheFlag() {
        assertEquals(KitProgress.Mode.LIVE, KitProgress.mode(false, true));
        assertEquals(KitProgress.Mode.LIVE, KitProgress.mode(true, true));
        assertEquals(KitProgress.Mode.LINES, KitProgress.mode(true, false));
        assertEquals(KitProgress.Mode.OFF, KitProgress.mode(false, false));
    }
}
