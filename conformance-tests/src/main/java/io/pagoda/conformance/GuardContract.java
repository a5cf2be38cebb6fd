package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;
import static io.pagoda.conformance.Checks.state;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.error.AlreadyMappedException;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Guards reserve space: they fault like guards, refuse maps, and a huge guard split at an unaligned
 * start keeps its pieces.
 */
@Tag("guard")
@ConformanceArea("guard")
public interface GuardContract extends ConformanceSubject {

    /** Guarded pages fault as guards and refuse maps. */
    @Test
    default void guardedPagesFaultAsGuardsAndRefuseMaps() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            long va = places.va(places.leafTableBoundary() - page);
            TableHierarchy tables = system.hierarchy(r);
            tables.guard(va, 2 * page);
            state(tables.translate(va), PageState.GUARDED, "first guarded page");
            state(tables.translate(va + page), PageState.GUARDED, "second guarded page");
            state(tables.translate(va + 2 * page), PageState.AVAILABLE, "the page after the guard");
            WalkResult walk = system.walk(r, va + page);
            check(
                    walk.fault() == FaultType.GUARD,
                    () -> "the hardware walker must see a guard: " + walk);
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            Checks.refused(
                    system,
                    AlreadyMappedException.class,
                    "mapping over a guard",
                    () ->
                            tables.mapContiguous(
                                    va + page,
                                    0x10_0000L & -page,
                                    page,
                                    flags,
                                    LeafSizePolicy.PAGES_ONLY));
        }
    }

    /** A huge guard split at an unaligned start keeps every other page guarded. */
    @Test
    @Requires(Capability.UPPER_LEVELS)
    default void aHugeGuardSplitAtAnUnalignedStartKeepsEveryOtherPageGuarded() {
        PagingSystem system = newSystem();
        int exercised = 0;
        for (int r : system.rootsWithUpperLevels()) {
            exercised++;
            Places places = new Places(system.root(r));
            long page = places.page();
            long span = places.leafTableBoundary();
            long va = places.va(span);
            TableHierarchy tables = system.hierarchy(r);
            tables.guard(va, span);
            check(
                    tables.translate(va + page).level() < system.root(r).geometry().lastLevel(),
                    () ->
                            "guarding a whole unused upper entry should leave a huge guard: "
                                    + tables.translate(va + page));
            tables.unmap(va + 3 * page, 2 * page, UnmapCallback.NONE);
            state(tables.translate(va), PageState.GUARDED, "the first page of a split huge guard");
            state(
                    tables.translate(va + 2 * page),
                    PageState.GUARDED,
                    "the page before the unguarded hole");
            state(tables.translate(va + 3 * page), PageState.AVAILABLE, "the unguarded hole");
            state(tables.translate(va + 4 * page), PageState.AVAILABLE, "the unguarded hole");
            state(tables.translate(va + 5 * page), PageState.GUARDED, "the page after the hole");
            state(
                    tables.translate(va + span - page),
                    PageState.GUARDED,
                    "the last page of the split huge guard");
            state(
                    tables.translate(va + span),
                    PageState.AVAILABLE,
                    "the page after the huge guard");
        }
        Checks.exercised(exercised, Capability.UPPER_LEVELS);
    }
}
