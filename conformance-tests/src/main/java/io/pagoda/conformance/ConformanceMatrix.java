package io.pagoda.conformance;

import io.pagoda.paging.JsonString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The result of a run: variant x area, tests run / passed / failed / skipped / not applicable, with
 * the failure messages and why tests did not apply. A test the variant lacks a capability for
 * ({@link Requires}) is {@code n/a}: it did not run and is not counted as a pass. Written as {@code
 * matrix.md} and {@code matrix.json}.
 */
public final class ConformanceMatrix {
    /** The kit's areas, in report order; tests outside any area report as {@code other}. */
    public static final List<String> AREAS =
            List.of(
                    "encoding",
                    "geometry",
                    "map",
                    "guard",
                    "unmap",
                    "iterate",
                    "find-space",
                    "translate",
                    "protect",
                    "tlb-coherence",
                    "inactive-lifecycle",
                    "isolation",
                    "atomicity",
                    "bad-input",
                    "model-random",
                    "module-rules",
                    "other");

    /**
     * One variant's results in one area.
     *
     * @param variant the variant's name
     * @param area the area, one of {@link #AREAS}
     * @param run tests that ran
     * @param passed tests that passed
     * @param failed tests that failed
     * @param skipped tests skipped by an assumption or condition
     * @param notApplicable tests that did not run because the variant lacks what they need
     * @param failures each failed test's name and message
     * @param notApplicableTests for each, the test and what it needs ({@code "splitsBlocks: needs
     *     blocks"})
     */
    public record Cell(
            String variant,
            String area,
            int run,
            int passed,
            int failed,
            int skipped,
            int notApplicable,
            List<String> failures,
            List<String> notApplicableTests) {
        /**
         * Copies the lists.
         *
         * @param variant the variant's name
         * @param area the area
         * @param run tests that ran
         * @param passed tests that passed
         * @param failed tests that failed
         * @param skipped tests skipped
         * @param notApplicable tests that did not apply
         * @param failures each failed test's name and message
         * @param notApplicableTests each test that did not apply and what it needs
         */
        public Cell {
            failures = List.copyOf(failures);
            notApplicableTests = List.copyOf(notApplicableTests);
        }

        /**
         * A cell where every test ran (none n/a).
         *
         * @param variant the variant's name
         * @param area the area
         * @param run tests that ran
         * @param passed tests that passed
         * @param failed tests that failed
         * @param skipped tests skipped
         * @param failures each failed test's name and message
         */
        public Cell(
                String variant,
                String area,
                int run,
                int passed,
                int failed,
                int skipped,
                List<String> failures) {
            this(variant, area, run, passed, failed, skipped, 0, failures, List.of());
        }

        /**
         * Whether no test of the cell failed.
         *
         * @return true when {@code failed} is 0
         */
        public boolean green() {
            return failed == 0;
        }

        /**
         * Whether no test of the area applies to the variant: nothing ran, nothing was skipped,
         * something was n/a.
         *
         * @return true for a cell of n/a tests only
         */
        public boolean notApplicableOnly() {
            return run == 0 && skipped == 0 && notApplicable > 0;
        }

        /**
         * The cell as the Markdown matrix shows it: passed/run, "n/a", failures in bold, with n/a
         * and skipped counts.
         *
         * @return the cell's Markdown text
         */
        public String text() {
            String counts = passed + "/" + run;
            if (notApplicableOnly()) {
                return "n/a";
            }
            if (run == 0 && skipped > 0) {
                counts = "skipped";
            } else if (!green()) {
                counts = "**" + failed + " failed** " + counts;
            }
            return counts
                    + (notApplicable > 0 ? " +" + notApplicable + " n/a" : "")
                    + (skipped > 0 && run > 0 ? " +" + skipped + " skipped" : "");
        }

        /**
         * pass, fail, n/a or skipped: what the cell says as a whole.
         *
         * @return {@code pass}, {@code fail}, {@code n/a} or {@code skipped}
         */
        public String status() {
            return !green() ? "fail" : notApplicableOnly() ? "n/a" : run == 0 ? "skipped" : "pass";
        }
    }

    private final Map<String, Map<String, Cell>> cells;

    /**
     * A matrix of these cells (a later cell for the same variant and area replaces an earlier one).
     *
     * @param cells the cells, in any order
     */
    public ConformanceMatrix(List<Cell> cells) {
        Map<String, Map<String, Cell>> byVariant = new LinkedHashMap<>();
        for (Cell cell : cells) {
            byVariant
                    .computeIfAbsent(cell.variant(), v -> new LinkedHashMap<>())
                    .put(cell.area(), cell);
        }
        this.cells = byVariant;
    }

    /**
     * The variants with at least one cell, sorted by name.
     *
     * @return the variant names
     */
    public List<String> variants() {
        return List.copyOf(new TreeSet<>(cells.keySet()));
    }

    /**
     * The areas that have at least one test in this run, in {@link #AREAS} order.
     *
     * @return the area names
     */
    public List<String> areas() {
        List<String> used = new ArrayList<>();
        for (String area : AREAS) {
            for (Map<String, Cell> row : cells.values()) {
                if (row.containsKey(area)) {
                    used.add(area);
                    break;
                }
            }
        }
        return used;
    }

    /**
     * The cell, or null when the variant ran no test of the area.
     *
     * @param variant the variant's name
     * @param area the area's name
     * @return the cell, or null
     */
    public Cell cell(String variant, String area) {
        return cells.getOrDefault(variant, Map.of()).get(area);
    }

    /**
     * Every cell, variant by variant (sorted), area by area (in {@link #AREAS} order).
     *
     * @return the cells, unmodifiable
     */
    public List<Cell> cells() {
        List<Cell> all = new ArrayList<>();
        for (String variant : variants()) {
            for (String area : areas()) {
                Cell cell = cell(variant, area);
                if (cell != null) {
                    all.add(cell);
                }
            }
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * Whether no test ran at all.
     *
     * @return true when the matrix has no cell
     */
    public boolean isEmpty() {
        return cells.isEmpty();
    }

    /**
     * Whether every test that ran passed (an empty matrix is not green: nothing was proven).
     *
     * @return true when the matrix has cells and none failed
     */
    public boolean allPassed() {
        return !isEmpty() && totalFailed() == 0;
    }

    /**
     * The tests that ran, over every cell.
     *
     * @return the count
     */
    public int totalRun() {
        return cells().stream().mapToInt(Cell::run).sum();
    }

    /**
     * The tests that failed, over every cell.
     *
     * @return the count
     */
    public int totalFailed() {
        return cells().stream().mapToInt(Cell::failed).sum();
    }

    /**
     * Tests that did not run because a variant lacks what they need.
     *
     * @return the count
     */
    public int totalNotApplicable() {
        return cells().stream().mapToInt(Cell::notApplicable).sum();
    }

    /**
     * The areas where {@code variant} has failures.
     *
     * @param variant the variant's name
     * @return the failing areas, in {@link #AREAS} order
     */
    public List<String> failingAreas(String variant) {
        List<String> failing = new ArrayList<>();
        for (String area : areas()) {
            Cell cell = cell(variant, area);
            if (cell != null && !cell.green()) {
                failing.add(area);
            }
        }
        return failing;
    }

    /**
     * The matrix as a Markdown table, a variant per row and an area per column, with a legend and
     * the totals, then the failures and the tests that did not apply, with their reasons.
     *
     * @return the Markdown text
     */
    public String toMarkdown() {
        StringBuilder out =
                new StringBuilder("# Conformance matrix\n\nEach cell: passed/run")
                        .append(
                                " (failed count in bold when any failed); `n/a` where no test of the area applies to the variant")
                        .append(
                                " (it lacks what the tests need), `+k n/a` where k of them do not apply (never counted as passes). ")
                        .append(totalRun())
                        .append(" tests, ")
                        .append(totalFailed())
                        .append(" failed, ")
                        .append(totalNotApplicable())
                        .append(" not applicable.\n\n| variant |");
        List<String> areas = areas();
        for (String area : areas) {
            out.append(' ').append(area).append(" |");
        }
        out.append("\n|---|");
        out.append("---|".repeat(areas.size())).append('\n');
        for (String variant : variants()) {
            out.append("| ").append(variant).append(" |");
            for (String area : areas) {
                Cell cell = cell(variant, area);
                out.append(' ').append(cell == null ? "-" : cell.text()).append(" |");
            }
            out.append('\n');
        }
        List<Cell> failing = cells().stream().filter(c -> !c.green()).toList();
        if (!failing.isEmpty()) {
            out.append("\n## Failures\n");
            for (Cell cell : failing) {
                for (String failure : cell.failures()) {
                    out.append("\n- `")
                            .append(cell.variant())
                            .append("` ")
                            .append(cell.area())
                            .append(": ")
                            .append(failure.replace('\n', ' '))
                            .append('\n');
                }
            }
        }
        appendNotApplicable(out);
        return out.toString();
    }

    /**
     * Which tests did not apply where, grouped by test and need, so a reader sees why a cell is
     * n/a.
     */
    private void appendNotApplicable(StringBuilder out) {
        Map<String, List<String>> variantsByReason = new LinkedHashMap<>();
        for (Cell cell : cells()) {
            for (String reason : cell.notApplicableTests()) {
                variantsByReason
                        .computeIfAbsent(cell.area() + " " + reason, r -> new ArrayList<>())
                        .add(cell.variant());
            }
        }
        if (variantsByReason.isEmpty()) {
            return;
        }
        out.append("\n## Not applicable\n\n");
        variantsByReason.forEach(
                (reason, variants) ->
                        out.append("- ")
                                .append(reason.replace('\n', ' '))
                                .append(": ")
                                .append(String.join(", ", variants))
                                .append('\n'));
    }

    /**
     * The matrix as JSON: the areas, and for each variant its cells with their counts, failures and
     * n/a tests.
     *
     * @return the JSON text
     */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\n  \"areas\": [");
        List<String> areas = areas();
        for (int i = 0; i < areas.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(areas.get(i)));
        }
        out.append("],\n  \"variants\": [");
        List<String> variants = variants();
        for (int i = 0; i < variants.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(variants.get(i)));
        }
        out.append("],\n  \"cells\": [");
        List<Cell> all = cells();
        for (int i = 0; i < all.size(); i++) {
            Cell c = all.get(i);
            out.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"variant\": ")
                    .append(quote(c.variant()))
                    .append(", \"area\": ")
                    .append(quote(c.area()))
                    .append(", \"run\": ")
                    .append(c.run())
                    .append(", \"passed\": ")
                    .append(c.passed())
                    .append(", \"failed\": ")
                    .append(c.failed())
                    .append(", \"skipped\": ")
                    .append(c.skipped())
                    .append(", \"notApplicable\": ")
                    .append(c.notApplicable())
                    .append(", \"status\": ")
                    .append(quote(c.status()))
                    .append(", \"failures\": ");
            appendArray(out, c.failures());
            out.append(", \"notApplicableTests\": ");
            appendArray(out, c.notApplicableTests());
            out.append('}');
        }
        return out.append("\n  ],\n  \"allPassed\": ")
                .append(allPassed())
                .append("\n}\n")
                .toString();
    }

    private static void appendArray(StringBuilder out, List<String> items) {
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(items.get(i)));
        }
        out.append(']');
    }

    /**
     * Writes {@code matrix.md} and {@code matrix.json} into {@code directory}, creating it.
     *
     * @param directory the report directory
     * @throws java.io.UncheckedIOException when a file cannot be written
     */
    public void write(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("matrix.md"), toMarkdown(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("matrix.json"), toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the conformance matrix to " + directory, e);
        }
    }

    private static String quote(String text) {
        return JsonString.quote(text);
    }

    @Override
    public String toString() {
        return toMarkdown();
    }
}
