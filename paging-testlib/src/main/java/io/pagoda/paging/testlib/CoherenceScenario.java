package io.pagoda.paging.testlib;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;

/**
 * A fixed script of operations on the active hierarchy of any architecture (blocks mapped, a block
 * split by a protect, a block unmapped and remapped as pages, a huge guard, a partial unmap inside
 * a block, a protect over mixed sizes, full unmaps, table reclaim), with the TLB primed before each
 * step and checked with {@link TlbCoherenceCheck} after it. For the conformance kit ({@link #run},
 * one call per architecture and machine option, failures gathered) and for tests ({@link
 * #assertCoherent}).
 */
public final class CoherenceScenario {
    private CoherenceScenario() {}

    /**
     * Runs the script in the user range of the root translating {@code layout().userFirst()},
     * mapping physical addresses high in the architecture's physical range (no memory behind them
     * is read). Holds the machine's lock throughout; the mappings the script leaves are not undone.
     *
     * @param mmu the machine whose active hierarchy the script changes
     * @return null when the TLB agreed with the tables after every step, else the step and the
     *     disagreement
     */
    public static @Nullable String run(Machine mmu) {
        mmu.lock().lock();
        try {
            return script(mmu);
        } finally {
            mmu.lock().unlock();
        }
    }

    /**
     * Runs the script and asserts that the TLB agreed with the tables after every step.
     *
     * @param machine the machine whose active hierarchy the script changes
     * @throws AssertionFailedError with {@link #run}'s sentence (the step and the disagreement)
     *     otherwise
     */
    public static void assertCoherent(Machine machine) {
        String failure = run(machine);
        if (failure != null) {
            throw new AssertionFailedError(failure);
        }
    }

    /**
     * A physical address high in the range every leaf size of {@code root} can reach (legacy i386
     * pages stop at 4 GiB although its 4 MiB pages reach 2^36), so splits and remaps never leave
     * that range.
     */
    static long highFrame(int physicalBits, TranslationRoot root) {
        long limit =
                Math.min(
                        1L << Math.min(physicalBits, 52),
                        root.format().leafAddressLimit(root.geometry().lastLevel()));
        return limit / 4;
    }

    private static @Nullable String script(Machine mmu) {
        SimulatedCpu cpu = mmu.cpu();
        int rootIndex = mmu.architecture().rootIndexFor(mmu.layout().userFirst()).orElse(0);
        TranslationRoot root = mmu.architecture().roots().get(rootIndex);
        Geometry geometry = root.geometry();
        TableHierarchy t = mmu.activeTables(rootIndex);
        long page = geometry.pageSize();
        long block =
                geometry.leafSizes().size() > 1
                        ? geometry.leafSizes().get(1)
                        : geometry.span(Math.max(0, geometry.lastLevel() - 1));
        long base = alignUp(Math.max(mmu.layout().userFirst(), block), block);
        long first = base;
        long last = base + 8 * block - 1;
        long pa = alignUp(highFrame(mmu.architecture().physicalAddressBits(), root), block);
        MappingFlags rw =
                expressible(root, MappingAccessRights.KERNEL_RW, MappingAccessRights.parse("rwx-"));
        MappingFlags ro =
                expressible(root, MappingAccessRights.READABLE, MappingAccessRights.parse("r-x-"));
        MappingFlags rx =
                expressible(root, MappingAccessRights.KERNEL_RX, MappingAccessRights.parse("rwx-"));
        Step[] steps = {
            new Step(
                    "map 4 blocks at " + Hex.of(base),
                    () -> t.mapContiguous(base, pa, 4 * block, rw, LeafSizePolicy.LARGEST_FITTING)),
            new Step(
                    "protect one page inside block 1 (split)",
                    () -> t.protect(base + block + page, page, ro)),
            new Step("unmap block 2", () -> t.unmap(base + 2 * block, block, UnmapCallback.NONE)),
            new Step(
                    "map block 2 again as pages",
                    () ->
                            t.mapContiguous(
                                    base + 2 * block,
                                    pa + 16 * block,
                                    block,
                                    rw,
                                    LeafSizePolicy.PAGES_ONLY)),
            new Step("guard blocks 5 and 6", () -> t.guard(base + 5 * block, 2 * block)),
            new Step(
                    "unmap 3 pages inside block 3 (split)",
                    () -> t.unmap(base + 3 * block + 4 * page, 3 * page, UnmapCallback.NONE)),
            new Step("protect blocks 0..2 (mixed sizes)", () -> t.protect(base, 3 * block, rx)),
            new Step(
                    "unmap one page of the huge guard",
                    () -> t.unmap(base + 5 * block + page, page, UnmapCallback.NONE)),
            new Step("unmap blocks 0..2", () -> t.unmap(base, 3 * block, UnmapCallback.NONE)),
            new Step("reclaim empty tables", () -> t.reclaimEmptyTables(base, 8 * block)),
        };
        for (Step step : steps) {
            TlbCoherenceCheck.touch(cpu, first, last);
            try {
                step.action.run();
            } catch (PagingException e) {
                return step.name + " failed: " + e.getMessage();
            }
            String wrong = TlbCoherenceCheck.mismatch(cpu);
            if (wrong != null) {
                return "after \"" + step.name + "\": " + wrong;
            }
        }
        return null;
    }

    /** The first of the rights the format can express at every leaf level, as flags. */
    static MappingFlags expressible(TranslationRoot root, MappingAccessRights... candidates) {
        for (int i = 0; ; i++) {
            MappingFlags flags = MappingFlags.of(candidates[i]);
            try {
                for (int level = 0; level <= root.geometry().lastLevel(); level++) {
                    if (root.geometry().level(level).leafAllowed()) {
                        root.format().leafTemplate(level, flags);
                    }
                }
                return flags;
            } catch (PagingException e) {
                if (i == candidates.length - 1) {
                    throw e;
                }
            }
        }
    }

    static long alignUp(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }

    private record Step(String name, Runnable action) {}
}
