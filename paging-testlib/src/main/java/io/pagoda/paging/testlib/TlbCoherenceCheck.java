package io.pagoda.paging.testlib;

import io.pagoda.paging.Hex;
import io.pagoda.paging.cpu.Access;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.cpu.SimulatedTlb;
import io.pagoda.paging.cpu.WalkResult;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;

/**
 * The reusable check that the TLB tells the truth: every translation it would serve now agrees with
 * a fresh walk of the tables in memory (same physical address, same effective flags). A missing or
 * too narrow flush makes it fail. The conformance kit runs it after every operation on every
 * architecture.
 */
public final class TlbCoherenceCheck {
    private TlbCoherenceCheck() {}

    /**
     * Compares every address of {@code [first, last]} (inclusive) that the TLB answers for the
     * current tag (or globally) with a fresh walk of the tables: physical address and effective
     * flags.
     *
     * @param cpu the CPU whose TLB and tables are compared
     * @param first the first virtual address checked
     * @param last the last virtual address checked, inclusive (unsigned)
     * @return null when they agree, else the first disagreement, in a sentence
     */
    public static @Nullable String mismatch(SimulatedCpu cpu, long first, long last) {
        SimulatedTlb tlb = cpu.tlb();
        int tag = cpu.currentTag();
        for (int slot = 0; slot < tlb.capacity(); slot++) {
            if (!tlb.isValid(slot) || !(tlb.isGlobal(slot) || tlb.tag(slot) == tag)) {
                continue;
            }
            long entryFirst = tlb.base(slot);
            long entryLast = entryFirst + tlb.size(slot) - 1;
            if (Long.compareUnsigned(entryLast, first) < 0
                    || Long.compareUnsigned(entryFirst, last) > 0) {
                continue;
            }
            long at = Long.compareUnsigned(entryFirst, first) >= 0 ? entryFirst : first;
            long end = Long.compareUnsigned(entryLast, last) <= 0 ? entryLast : last;
            while (true) {
                String wrong = compare(cpu, slot, at);
                if (wrong != null) {
                    return wrong;
                }
                long step = Math.max(cpu.pageSize(), freshSize(cpu, at));
                long next = (at | (step - 1)) + 1;
                if (next == 0 || Long.compareUnsigned(next - 1, end) >= 0) {
                    break;
                }
                at = next;
            }
        }
        return null;
    }

    /**
     * {@link #mismatch(SimulatedCpu, long, long)} over the whole address space.
     *
     * @param cpu the CPU whose TLB and tables are compared
     * @return null when they agree, else the first disagreement, in a sentence
     */
    public static @Nullable String mismatch(SimulatedCpu cpu) {
        return mismatch(cpu, 0, -1L);
    }

    /**
     * Asserts that the TLB agrees with the tables over {@code [first, last]}.
     *
     * @param cpu the CPU whose TLB and tables are compared
     * @param first the first virtual address checked
     * @param last the last virtual address checked, inclusive (unsigned)
     * @throws AssertionFailedError with {@link #mismatch}'s sentence when they disagree
     */
    public static void assertCoherent(SimulatedCpu cpu, long first, long last) {
        String wrong = mismatch(cpu, first, last);
        if (wrong != null) {
            throw new AssertionFailedError(wrong);
        }
    }

    /**
     * Asserts that the TLB agrees with the tables over the whole address space.
     *
     * @param cpu the CPU whose TLB and tables are compared
     * @throws AssertionFailedError with {@link #mismatch}'s sentence when they disagree
     */
    public static void assertCoherent(SimulatedCpu cpu) {
        assertCoherent(cpu, 0, -1L);
    }

    private static long freshSize(SimulatedCpu cpu, long va) {
        WalkResult fresh = cpu.walkFresh(va);
        return fresh.isFault() ? cpu.pageSize() : fresh.size();
    }

    private static @Nullable String compare(SimulatedCpu cpu, int slot, long va) {
        SimulatedTlb tlb = cpu.tlb();
        long cached = tlb.physicalAddress(slot, va);
        WalkResult fresh = cpu.walkFresh(va);
        if (fresh.isFault()) {
            return "stale TLB entry: "
                    + Hex.of(va)
                    + " is served as "
                    + Hex.of(cached)
                    + " ("
                    + Hex.size(tlb.size(slot))
                    + " entry, tag "
                    + tlb.tag(slot)
                    + ") but the tables say "
                    + fresh;
        }
        if (fresh.physicalAddress() != cached || !fresh.flags().equals(tlb.flags(slot))) {
            return "stale TLB entry: "
                    + Hex.of(va)
                    + " is served as "
                    + Hex.of(cached)
                    + " with "
                    + tlb.flags(slot)
                    + " but the tables say "
                    + Hex.of(fresh.physicalAddress())
                    + " with "
                    + fresh.flags();
        }
        return null;
    }

    /**
     * Translates every page of {@code [first, last]} that the tables map, through the CPU, so the
     * TLB caches them (up to its capacity); faults and pages without read rights are skipped. Used
     * before an operation to make a missing flush visible.
     *
     * @param cpu the CPU that translates
     * @param first the first virtual address touched
     * @param last the last virtual address touched, inclusive (unsigned)
     */
    public static void touch(SimulatedCpu cpu, long first, long last) {
        long at = first;
        while (true) {
            WalkResult fresh = cpu.walkFresh(at);
            // a fault skips the whole span of the entry that stopped the walk
            long step = Math.max(cpu.pageSize(), fresh.size());
            if (!fresh.isFault()) {
                if (fresh.flags().rights().isReadable()) {
                    cpu.translate(at, Access.READ, false);
                }
            }
            long next = (at | (step - 1)) + 1;
            if (next == 0 || Long.compareUnsigned(next - 1, last) >= 0) {
                return;
            }
            at = next;
        }
    }
}
