package io.pagoda.paging.cpu;

import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.table.PagingCacheFlusher;

/**
 * The flusher of an active hierarchy: told the changed range once per operation, it invalidates it
 * page by page (the architecture's INVLPG / TLBI VAE1, once per smallest page) when that is cheap,
 * and otherwise the whole context (MOV CR3 / TLBI ASIDE1), or everything when the range held global
 * translations.
 *
 * <p>With tags on, a range inside the address-space-shared part of the layout ({@code sharedFirst
 * .. sharedLast}) may be cached under other spaces' tags too; per-page and context invalidations
 * only reach the current tag, so such a range is flushed with a full invalidation. Keeping shared
 * kernel mappings global avoids that cost.
 */
public final class TlbFlusher implements PagingCacheFlusher {
    /** Pages above which a full invalidation is cheaper than one instruction per page. */
    public static final int DEFAULT_THRESHOLD = 32;

    private final SimulatedCpu cpu;
    private final TlbInstructions instructions;
    private final long pageSize;
    private final long threshold;
    private final long sharedFirst;
    private final long sharedLast;
    private long operations;

    /**
     * A flusher with its own threshold and shared range.
     *
     * @param cpu the CPU whose TLB is flushed, with the architecture's TLB instructions
     * @param threshold the most pages invalidated one by one; more and the flusher invalidates in
     *     full
     * @param sharedFirst first virtual address shared by every address space (kernel), or 1 with
     *     sharedLast 0 for none
     * @param sharedLast last shared virtual address (inclusive)
     * @throws IllegalArgumentException when {@code threshold} is negative
     */
    public TlbFlusher(SimulatedCpu cpu, int threshold, long sharedFirst, long sharedLast) {
        if (threshold < 0) {
            throw new IllegalArgumentException(
                    "a flush threshold cannot be negative: " + threshold);
        }
        this.cpu = cpu;
        this.instructions = cpu.architecture().tlbInstructions();
        this.pageSize = cpu.pageSize();
        this.threshold = threshold;
        this.sharedFirst = sharedFirst;
        this.sharedLast = sharedLast;
    }

    /**
     * A flusher with the {@link #DEFAULT_THRESHOLD} and no shared range.
     *
     * @param cpu the CPU whose TLB is flushed
     */
    public TlbFlusher(SimulatedCpu cpu) {
        this(cpu, DEFAULT_THRESHOLD, 1, 0);
    }

    @Override
    public void flushRange(long firstVirtual, long lastVirtual, boolean global) {
        operations++;
        long first = firstVirtual & -pageSize;
        long pages = Long.divideUnsigned(lastVirtual - first, pageSize) + 1;
        boolean shared =
                cpu.isTagged()
                        && sharedFirst <= sharedLast
                        && Long.compareUnsigned(first, sharedLast) <= 0
                        && Long.compareUnsigned(lastVirtual, sharedFirst) >= 0;
        if (shared) {
            instructions.invalidateEverything(cpu.tlb());
        } else if (pages > 0 && Long.compareUnsigned(pages, threshold) <= 0) {
            int tag = cpu.currentTag();
            long va = first;
            for (long i = 0; i < pages; i++, va += pageSize) {
                instructions.invalidatePage(cpu.tlb(), va, tag);
            }
        } else if (global) {
            instructions.invalidateEverything(cpu.tlb());
        } else {
            instructions.invalidateContext(cpu.tlb(), cpu.currentTag());
        }
    }

    @Override
    public void flushAll() {
        operations++;
        instructions.invalidateEverything(cpu.tlb());
    }

    /**
     * Flush requests received (one per mutating operation that changed present translations).
     *
     * @return how many times {@code flushRange} or {@code flushAll} was called
     */
    public long operations() {
        return operations;
    }
}
