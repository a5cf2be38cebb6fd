package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;
import static io.pagoda.conformance.Checks.present;
import static io.pagoda.conformance.Checks.state;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.NotMappedException;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Unmap clears exactly the range, reports each frame once, splits blocks it covers in part, and
 * tables can be reclaimed.
 */
@Tag("unmap")
@ConformanceArea("unmap")
public interface UnmapContract extends ConformanceSubject {

    /** Unmap removes the pages and reports each frame once. */
    @Test
    default void unmapsPagesAndReportsEachFrameOnce() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            long va = places.va(places.leafTableBoundary() - 2 * page);
            long pa = 0x80_0000L & -page;
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            TableHierarchy tables = system.hierarchy(r);
            tables.mapContiguous(va, pa, 4 * page, flags, LeafSizePolicy.PAGES_ONLY);
            List<long[]> reported = new ArrayList<>();
            tables.unmap(
                    va + page, 2 * page, (v, p, size) -> reported.add(new long[] {v, p, size}));
            check(
                    reported.size() == 2
                            && Arrays.equals(
                                    reported.get(0), new long[] {va + page, pa + page, page})
                            && Arrays.equals(
                                    reported.get(1),
                                    new long[] {va + 2 * page, pa + 2 * page, page}),
                    () ->
                            "the callback must report the two unmapped pages, in order, once each; got "
                                    + describe(reported));
            present(tables.translate(va), pa, "the page before the unmapped range");
            state(tables.translate(va + page), PageState.AVAILABLE, "an unmapped page");
            state(tables.translate(va + 2 * page), PageState.AVAILABLE, "an unmapped page");
            present(
                    tables.translate(va + 3 * page),
                    pa + 3 * page,
                    "the page after the unmapped range");
            tables.mapContiguous(va + page, pa, page, flags, LeafSizePolicy.PAGES_ONLY);
            present(tables.translate(va + page), pa, "a page mapped again after unmap");
        }
    }

    /** Unmapping part of a block splits it and keeps the rest mapped. */
    @Test
    @Requires(Capability.BLOCKS)
    default void unmappingPartOfABlockKeepsTheRest() {
        PagingSystem system = newSystem();
        int exercised = 0;
        for (int r : system.rootsWithBlocks()) {
            exercised++;
            Places places = new Places(system.root(r));
            int blockLevel = places.smallestBlockLevel();
            long block = system.root(r).geometry().span(blockLevel);
            long page = places.page();
            long va = places.va(block);
            long pa = 2 * block;
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            TableHierarchy tables = system.hierarchy(r);
            tables.mapContiguous(va, pa, block, flags, LeafSizePolicy.LARGEST_FITTING);
            List<long[]> reported = new ArrayList<>();
            tables.unmap(va + page, page, (v, p, size) -> reported.add(new long[] {v, p, size}));
            check(
                    reported.size() == 1
                            && Arrays.equals(
                                    reported.get(0), new long[] {va + page, pa + page, page}),
                    () ->
                            "unmapping one page of a block must report that page only; got "
                                    + describe(reported));
            present(tables.translate(va), pa, "the first page of a split block");
            state(
                    tables.translate(va + page),
                    PageState.AVAILABLE,
                    "the unmapped page of a split block");
            present(tables.translate(va + 2 * page), pa + 2 * page, "the page after the hole");
            present(
                    tables.translate(va + block - page),
                    pa + block - page,
                    "the last page of a split block");
            check(
                    flags.equals(tables.translate(va + block - page).flags()),
                    () -> "a split block must keep its flags");
        }
        Checks.exercised(exercised, Capability.BLOCKS);
    }

    /** Unmapping what is not mapped is refused, changing nothing. */
    @Test
    default void refusesToUnmapWhatIsNotMapped() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            long va = places.va(places.topBoundary());
            TableHierarchy tables = system.hierarchy(r);
            tables.mapContiguous(
                    va,
                    0x20_0000L & -page,
                    page,
                    ExpressibleFlags.of(system.root(r)).typical(),
                    LeafSizePolicy.PAGES_ONLY);
            Checks.refused(
                    system,
                    NotMappedException.class,
                    "unmapping a range with an unmapped page",
                    () -> tables.unmap(va, 2 * page, UnmapCallback.NONE));
        }
    }

    /** Tables left empty by unmap are reclaimed, giving their frames back. */
    @Test
    default void emptyTablesCanBeReclaimed() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            long[] before = system.allocator().allocatedFrames();
            TableHierarchy tables = system.hierarchy(r);
            long va = places.va(places.topBoundary());
            tables.mapContiguous(
                    va,
                    0x20_0000L & -page,
                    3 * page,
                    ExpressibleFlags.of(system.root(r)).typical(),
                    LeafSizePolicy.PAGES_ONLY);
            tables.guard(va + 5 * page, page);
            tables.unmap(va, 3 * page, UnmapCallback.NONE);
            tables.unmap(va + 5 * page, page, UnmapCallback.NONE);
            // every table below the second top-level entry lies inside [boundary, 2 * boundary)
            tables.reclaimEmptyTables(va, places.topBoundary());
            long[] after = system.allocator().allocatedFrames();
            check(
                    Arrays.equals(before, after),
                    () ->
                            "after unmapping everything and reclaiming, "
                                    + (after.length - before.length)
                                    + " table frame(s) are still allocated");
        }
    }

    private static String describe(List<long[]> reported) {
        StringBuilder out = new StringBuilder("[");
        for (long[] r : reported) {
            out.append(" (")
                    .append(Hex.of(r[0]))
                    .append(" -> ")
                    .append(Hex.of(r[1]))
                    .append(", ")
                    .append(Hex.size(r[2]))
                    .append(')');
        }
        return out.append(" ]").toString();
    }
}
