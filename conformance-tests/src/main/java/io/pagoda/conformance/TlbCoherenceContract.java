package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.SimulatedTlb;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.Translation;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.testlib.CoherenceScenario;
import io.pagoda.paging.testlib.InvalidationCount;
import io.pagoda.paging.testlib.TlbCoherenceCheck;
import io.pagoda.paging.testlib.model.ReferenceTlb;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No stale translation survives an operation: each operation reports every present translation it
 * changed, and the architecture's invalidation instructions drop what they must. Checked against
 * the kit's {@link ReferenceTlb}, and through the simulated MMU's TLB on every machine
 * configuration ({@link CoherenceScenario}).
 */
@Tag("tlb-coherence")
@ConformanceArea("tlb-coherence")
public interface TlbCoherenceContract extends ConformanceSubject {

    /** Invalidating a page drops it for the current tag, global entries included. */
    @Test
    default void invalidatePageDropsThePageForTheCurrentTagIncludingGlobal() {
        Architecture architecture = architecture();
        TlbInstructions instructions = architecture.tlbInstructions();
        int tag = architecture.tagBits() == 0 ? 0 : 1;
        long page = architecture.roots().get(0).geometry().pageSize();
        ReferenceTlb tlb = new ReferenceTlb();
        long va = 8 * page;
        tlb.fill(new ReferenceTlb.Cached(va, page, 0x1000_0000L, tag, false, 0));
        tlb.fill(new ReferenceTlb.Cached(va, page, 0x2000_0000L, tag, true, 0));
        instructions.invalidatePage(tlb, va + 5, tag);
        check(
                tlb.lookup(va, tag) == null,
                () ->
                        instructions.pageInstructionName()
                                + " of "
                                + Hex.of(va)
                                + " left a cached translation: "
                                + tlb.lookup(va, tag));
    }

    /** Invalidating a page or a context works alike under every tag the architecture has. */
    @Test
    default void invalidationReachesEveryTag() {
        Architecture architecture = architecture();
        TlbInstructions instructions = architecture.tlbInstructions();
        int tags = architecture.tagBits() == 0 ? 1 : 1 << Math.min(16, architecture.tagBits());
        long page = architecture.roots().get(0).geometry().pageSize();
        long va = 8 * page;
        for (int tag = 0; tag < tags; tag++) {
            int t = tag;
            ReferenceTlb tlb = new ReferenceTlb();
            tlb.fill(new ReferenceTlb.Cached(va, page, 0x1000_0000L, tag, false, 0));
            instructions.invalidatePage(tlb, va, tag);
            check(
                    tlb.lookup(va, tag) == null,
                    () ->
                            instructions.pageInstructionName()
                                    + " of "
                                    + Hex.of(va)
                                    + " under tag "
                                    + t
                                    + " left its translation: every one of the "
                                    + tags
                                    + " tags must be invalidated alike");
            tlb.fill(new ReferenceTlb.Cached(va, page, 0x1000_0000L, tag, false, 0));
            instructions.invalidateContext(tlb, tag);
            check(
                    tlb.lookup(va, tag) == null,
                    () ->
                            instructions.contextInstructionName()
                                    + " under tag "
                                    + t
                                    + " left a translation of that tag: every one of the "
                                    + tags
                                    + " tags must be invalidated alike");
        }
    }

    /** Invalidating a page drops a large page by any address in it. */
    @Test
    default void invalidatePageDropsALargePageByAnyAddressInIt() {
        Architecture architecture = architecture();
        TlbInstructions instructions = architecture.tlbInstructions();
        long page = architecture.roots().get(0).geometry().pageSize();
        ReferenceTlb tlb = new ReferenceTlb();
        tlb.fill(new ReferenceTlb.Cached(0, 512 * page, 0x4000_0000L, 0, false, 0));
        instructions.invalidatePage(tlb, 300 * page, 0);
        check(
                tlb.lookup(0, 0) == null,
                () -> instructions.pageInstructionName() + " inside a large page left it cached");
    }

    /**
     * Invalidating the context drops the context's non-global entries; invalidating everything
     * drops all.
     */
    @Test
    default void invalidateContextDropsTheContextAndEverythingDropsAll() {
        Architecture architecture = architecture();
        TlbInstructions instructions = architecture.tlbInstructions();
        long page = architecture.roots().get(0).geometry().pageSize();
        ReferenceTlb tlb = new ReferenceTlb();
        tlb.fill(new ReferenceTlb.Cached(page, page, 0x1000_0000L, 0, false, 0));
        tlb.fill(new ReferenceTlb.Cached(2 * page, page, 0x1000_0000L, 0, true, 0));
        instructions.invalidateContext(tlb, 0);
        check(
                tlb.lookup(page, 0) == null,
                () -> instructions.contextInstructionName() + " left a non-global translation");
        instructions.invalidateEverything(tlb);
        check(
                tlb.entries().isEmpty(),
                () -> instructions.everythingInstructionName() + " left " + tlb.entries());
        tlb.fill(new ReferenceTlb.Cached(page, page, 0x1000_0000L, 0, false, 0));
        instructions.onRootLoad(tlb, 0, false);
        check(
                tlb.lookup(page, 0) == null,
                () -> "an untagged root load left a non-global translation of the old root");
    }

    /**
     * After each operation and the invalidations its reported flushes lead to, no stale translation
     * remains in a TLB.
     */
    @Test
    default void noStaleTranslationSurvivesAnOperation() {
        PagingSystem system = newSystem();
        TlbInstructions instructions = system.architecture().tlbInstructions();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            TableHierarchy tables = system.hierarchy(r);
            ExpressibleFlags expressible = ExpressibleFlags.of(system.root(r));
            MappingFlags flags = expressible.typical();
            MappingFlags global =
                    expressible.all().stream()
                            .filter(MappingFlags::global)
                            .findFirst()
                            .orElse(flags);
            long va = places.va(places.leafTableBoundary() - 4 * page);
            int blockLevel = places.smallestBlockLevel();
            List<Runnable> operations = new ArrayList<>();
            operations.add(
                    () ->
                            tables.mapContiguous(
                                    va,
                                    0x40_0000L & -page,
                                    8 * page,
                                    flags,
                                    LeafSizePolicy.PAGES_ONLY));
            operations.add(() -> tables.protect(va + page, 2 * page, expressible.other(flags)));
            operations.add(() -> tables.unmap(va + 2 * page, 3 * page, UnmapCallback.NONE));
            operations.add(
                    () ->
                            tables.mapContiguous(
                                    va + 2 * page,
                                    0x80_0000L & -page,
                                    3 * page,
                                    global,
                                    LeafSizePolicy.PAGES_ONLY));
            operations.add(() -> tables.protect(va + 2 * page, page, flags));
            operations.add(() -> tables.unmap(va + 3 * page, 2 * page, UnmapCallback.NONE));
            List<Long> watched = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                watched.add(va + i * page);
            }
            if (blockLevel >= 0) {
                long block = system.root(r).geometry().span(blockLevel);
                long blockVa = places.va(4 * block);
                operations.add(
                        () ->
                                tables.mapContiguous(
                                        blockVa,
                                        2 * block,
                                        block,
                                        global,
                                        LeafSizePolicy.LARGEST_FITTING));
                operations.add(() -> tables.protect(blockVa + page, page, flags));
                operations.add(() -> tables.unmap(blockVa + 3 * page, page, UnmapCallback.NONE));
                for (int i = 0; i < 5; i++) {
                    watched.add(blockVa + i * page);
                }
                watched.add(blockVa + block - page);
            }
            ReferenceTlb tlb = new ReferenceTlb();
            for (Runnable operation : operations) {
                cacheEverything(tables, watched, tlb);
                int mark = system.flusher().count();
                operation.run();
                for (RecordingFlusher.Flush flush : system.flusher().since(mark)) {
                    replay(instructions, tlb, flush, page);
                }
                for (long at : watched) {
                    ReferenceTlb.Cached cached = tlb.lookup(at, 0);
                    if (cached == null) {
                        continue;
                    }
                    Translation now = tables.translate(at);
                    long servedPa = cached.pa() + (at - cached.base());
                    check(
                            now.isPresent()
                                    && now.physicalAddress() == servedPa
                                    && now.flags().rights().bits() == cached.rightsBits(),
                            () ->
                                    "stale TLB entry for "
                                            + Hex.of(at)
                                            + " after an operation: the TLB serves "
                                            + Hex.of(servedPa)
                                            + " but the tables say "
                                            + now
                                            + "; the operation did not report the change, or "
                                            + instructions.pageInstructionName()
                                            + " did not drop it");
                }
            }
        }
    }

    /** The simulated MMU never serves a stale translation after an operation. */
    @Test
    default void theSimulatedMmuNeverServesAStaleTranslation() {
        List<String> failures = new ArrayList<>();
        for (Machine.Options options : machineOptions()) {
            String failure = CoherenceScenario.run(newMachine(options).mmu());
            if (failure != null) {
                failures.add(options + ": " + failure);
            }
        }
        check(
                failures.isEmpty(),
                () ->
                        "the simulated TLB served stale translations:\n  "
                                + String.join("\n  ", failures));
    }

    /**
     * Flushes are batched: mapping a large range (1 GiB, or a quarter of a smaller user range) in
     * pages costs no invalidation (unused entries are never cached), and unmapping it a constant
     * number, not one per entry.
     */
    @Test
    default void aGibibyteCostsAConstantNumberOfInvalidations() {
        Machine mmu = newMachine(Machine.Options.defaults()).mmu();
        mmu.lock().lock();
        try {
            AddressLayout layout = mmu.layout();
            int rootIndex = mmu.architecture().rootIndexFor(layout.userFirst()).orElse(0);
            TranslationRoot root = mmu.architecture().roots().get(rootIndex);
            long page = root.geometry().pageSize();
            long userSize = layout.userLast() - layout.userFirst() + 1;
            long length = Math.max(page, Math.min(1L << 30, Long.highestOneBit(userSize / 4)));
            long va = (Math.max(layout.userFirst(), length) + length - 1) & -length;
            long pa = length;
            MappingFlags flags = ExpressibleFlags.of(root).typical().withGlobal(false);
            TableHierarchy tables = mmu.activeTables(rootIndex);
            SimulatedTlb tlb = mmu.cpu().tlb();
            InvalidationCount mapping =
                    InvalidationCount.during(
                            tlb,
                            () ->
                                    tables.mapContiguous(
                                            va, pa, length, flags, LeafSizePolicy.PAGES_ONLY));
            TlbCoherenceCheck.touch(mmu.cpu(), va, va + length - 1);
            InvalidationCount unmapping =
                    InvalidationCount.during(
                            tlb, () -> tables.unmap(va, length, UnmapCallback.NONE));
            long pages = length / page;
            check(
                    mapping.pages() + mapping.contexts() + mapping.full() == 0,
                    () ->
                            "mapping "
                                    + Hex.size(length)
                                    + " of unused entries invalidated "
                                    + mapping);
            check(
                    unmapping.pages() + unmapping.contexts() + unmapping.full() <= 2,
                    () ->
                            "unmapping "
                                    + pages
                                    + " pages ("
                                    + Hex.size(length)
                                    + ") cost "
                                    + unmapping
                                    + ", not a constant number");
            String stale = TlbCoherenceCheck.mismatch(mmu.cpu(), va, va + length - 1);
            check(stale == null, () -> "after the unmap: " + stale);
        } finally {
            mmu.lock().unlock();
        }
    }

    private static void cacheEverything(
            TableHierarchy tables, List<Long> watched, ReferenceTlb tlb) {
        for (long at : watched) {
            Translation t = tables.translate(at);
            if (t.isPresent() && tlb.lookup(at, 0) == null) {
                long base = at & -t.size();
                tlb.fill(
                        new ReferenceTlb.Cached(
                                base,
                                t.size(),
                                t.physicalAddress() - (at - base),
                                0,
                                t.flags().global(),
                                t.flags().rights().bits()));
            }
        }
    }

    /**
     * What a flusher for an active hierarchy does with one report: page by page, or everything when
     * large.
     */
    private static void replay(
            TlbInstructions instructions,
            ReferenceTlb tlb,
            RecordingFlusher.Flush flush,
            long page) {
        long pages = flush.all() ? Long.MAX_VALUE : ((flush.last() - flush.first()) / page) + 1;
        if (pages > 64) {
            instructions.invalidateEverything(tlb);
            return;
        }
        for (long i = 0; i < pages; i++) {
            instructions.invalidatePage(tlb, flush.first() + i * page, 0);
        }
    }
}
