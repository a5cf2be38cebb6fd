package io.pagoda.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why each kind of work misses its target, as the JFR profiles of {@code docs/guide/performance.md}
 * ("Where the targets are missed, and why") show it: the summary prints the reason beside every
 * missed verdict, so a figure never stands without its cause. Kept in one place, keyed by the start
 * of the summary's work text, and re-read against a new profile whenever the core changes (the
 * guide says how to take one).
 */
final class MissReasons {
    private static final Map<String, String> REASONS = new LinkedHashMap<>();

    static {
        REASONS.put(
                "map 1 GiB",
                "fresh tables: each new table's long[] is allocated and zeroed on its first write and"
                        + " the last run's tables are collected (SparseMemory frame creation and GC are"
                        + " most samples); then the per-page read, decode and write");
        REASONS.put(
                "unmap that GiB",
                "every entry is read and decoded (kind, reserved bits) by the check pass, then read"
                        + " and cleared by the writing pass: two passes over each last-level table");
        REASONS.put(
                "translate",
                "per level the table's frame array is looked up in simulated memory (View.at,"
                        + " SparseMemory.frameWords) beside the entry read: about three dependent"
                        + " loads where the chain has one, plus the entry's decoding");
        REASONS.put(
                "map 64 GiB",
                "one new last-level table per block range above it and the plan's count of"
                        + " them, for 32,768 entries: fixed per-table costs dominate");
        REASONS.put("map 3 GiB", "as for 64 GiB of blocks: per-table fixed costs over few entries");
        REASONS.put(
                "map one page",
                "fixed cost per call: the range value and its checks, the plan walk from the root,"
                        + " then the fill; no cache of the last leaf table's path");
        REASONS.put(
                "unmap one page",
                "fixed cost per call: the range value and its checks, the walk from the root, the"
                        + " check pass and the flush decision for one entry");
        REASONS.put(
                "AddressSpace.readLong",
                "lock-free now; a hit is still about eight dependent loads (the TLB probe about"
                        + " four, 13 ns measured; rights and age; the frame lookup and data read, 5"
                        + " ns) at 2.5-3.5 ns per dependent read here (the chain baseline): 5 ns is"
                        + " less than two such reads");
        REASONS.put(
                "heap beyond",
                "about 9 KiB of fixed structure (the 1,024-slot chunk, the directories, the views)"
                        + " that 64 KiB-granule tables (132 KiB for the GiB) do not dilute below 2%");
        REASONS.put(
                "cost per page",
                "the smallest map pays the fixed cost of a call (see one-page map) over only 256"
                        + " pages");
    }

    private MissReasons() {}

    /**
     * The reason a row of {@code work} misses its target.
     *
     * @param work the summary's work text
     * @return the profile's reason, or a pointer to the guide when none is recorded
     */
    static String why(String work) {
        for (Map.Entry<String, String> reason : REASONS.entrySet()) {
            if (work.startsWith(reason.getKey())) {
                return reason.getValue();
            }
        }
        return "no profile recorded; see docs/guide/performance.md";
    }
}
