package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;
import static io.pagoda.conformance.Checks.present;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.NotMappedException;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.Translation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Protect changes flags in place (frames stay), splits blocks it covers in part, and refuses guards
 * and holes.
 */
@Tag("protect")
@ConformanceArea("protect")
public interface ProtectContract extends ConformanceSubject {

    /** Protect changes the flags and keeps the frames. */
    @Test
    default void changesFlagsAndKeepsFrames() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            TableHierarchy tables = system.hierarchy(r);
            long va = places.va(places.leafTableBoundary() - page);
            long pa = 0x40_0000L & -page;
            ExpressibleFlags expressible = ExpressibleFlags.of(system.root(r));
            tables.mapContiguous(
                    va, pa, 3 * page, expressible.typical(), LeafSizePolicy.PAGES_ONLY);
            for (MappingFlags flags : expressible.all()) {
                tables.protect(va, 2 * page, flags);
                for (int i = 0; i < 2; i++) {
                    Translation t = tables.translate(va + i * page);
                    present(t, pa + i * page, "a page protected to " + flags);
                    check(
                            flags.equals(t.flags()),
                            () -> "protected to " + flags + " but translate says " + t.flags());
                }
                Translation outside = tables.translate(va + 2 * page);
                check(
                        expressible.typical().equals(outside.flags()),
                        () -> "protect changed a page outside its range: " + outside);
            }
        }
    }

    /** Protecting part of a block splits it. */
    @Test
    @Requires(Capability.BLOCKS)
    default void protectingPartOfABlockSplitsIt() {
        PagingSystem system = newSystem();
        int exercised = 0;
        for (int r : system.rootsWithBlocks()) {
            exercised++;
            Places places = new Places(system.root(r));
            int blockLevel = places.smallestBlockLevel();
            long block = system.root(r).geometry().span(blockLevel);
            long page = places.page();
            ExpressibleFlags expressible = ExpressibleFlags.of(system.root(r));
            MappingFlags before = expressible.typical();
            MappingFlags after = expressible.other(before);
            TableHierarchy tables = system.hierarchy(r);
            long va = places.va(block);
            tables.mapContiguous(va, block, block, before, LeafSizePolicy.LARGEST_FITTING);
            tables.protect(va + page, page, after);
            check(
                    after.equals(tables.translate(va + page).flags()),
                    () -> "the protected page of a block has " + tables.translate(va + page));
            check(
                    before.equals(tables.translate(va).flags())
                            && before.equals(tables.translate(va + 2 * page).flags()),
                    () -> "the rest of the block must keep " + before);
            present(
                    tables.translate(va + block - page),
                    2 * block - page,
                    "the last page of a split block");
        }
        Checks.exercised(exercised, Capability.BLOCKS);
    }

    /** Protect refuses guarded and unmapped pages, changing nothing. */
    @Test
    default void refusesGuardsAndHoles() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            TableHierarchy tables = system.hierarchy(r);
            long va = places.va(places.topBoundary());
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            tables.mapContiguous(va, 0x10_0000L & -page, page, flags, LeafSizePolicy.PAGES_ONLY);
            tables.guard(va + page, page);
            Checks.refused(
                    system,
                    NotMappedException.class,
                    "protecting a guard",
                    () -> tables.protect(va, 2 * page, flags));
            Checks.refused(
                    system,
                    NotMappedException.class,
                    "protecting a hole",
                    () -> tables.protect(va + 2 * page, page, flags));
        }
    }
}
