package io.pagoda.paging.testlib;

import io.pagoda.paging.cpu.SimulatedTlb;

/**
 * How many TLB invalidation primitives an action ran, by kind: the measure behind "unmapping 1 GiB
 * costs O(1) invalidations". For tests and reports.
 *
 * @param pages page invalidations ({@link SimulatedTlb#dropPage})
 * @param contexts tag invalidations ({@link SimulatedTlb#dropTag})
 * @param full full invalidations ({@link SimulatedTlb#dropAll})
 */
public record InvalidationCount(long pages, long contexts, long full) {

    /**
     * Runs {@code action} and counts the invalidations it caused on {@code tlb}.
     *
     * @param tlb the TLB whose invalidation counters are read before and after
     * @param action what to run
     * @return how many of each kind {@code action} ran
     */
    public static InvalidationCount during(SimulatedTlb tlb, Runnable action) {
        long p = tlb.pageInvalidations();
        long c = tlb.tagInvalidations();
        long f = tlb.fullInvalidations();
        action.run();
        return new InvalidationCount(
                tlb.pageInvalidations() - p,
                tlb.tagInvalidations() - c,
                tlb.fullInvalidations() - f);
    }

    /**
     * All invalidations, whatever their kind.
     *
     * @return {@code pages + contexts + full}
     */
    public long total() {
        return pages + contexts + full;
    }
}
