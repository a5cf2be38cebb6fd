package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Free-space search skips mapped and guarded pages, honours alignment, and can return the very last
 * page.
 */
@Tag("find-space")
@ConformanceArea("find-space")
public interface FindSpaceContract extends ConformanceSubject {

    /** Finding free space skips mapped and guarded pages. */
    @Test
    default void skipsMappedAndGuardedSpace() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            long first = places.va(places.leafTableBoundary() - 4 * page);
            long last = first + 64 * page - 1;
            TableHierarchy tables = system.hierarchy(r);
            tables.mapContiguous(
                    first + page,
                    0x10_0000L & -page,
                    page,
                    ExpressibleFlags.of(system.root(r)).typical(),
                    LeafSizePolicy.PAGES_ONLY);
            tables.guard(first + 4 * page, page);
            Optional<Long> two =
                    tables.findAvailableVirtualSpaceAligned(2 * page, first, last, page);
            check(
                    two.isPresent() && two.get() == first + 2 * page,
                    () -> "two free pages start at " + Hex.of(first + 2 * page) + ", found " + two);
            Optional<Long> three =
                    tables.findAvailableVirtualSpaceAligned(3 * page, first, last, page);
            check(
                    three.isPresent() && three.get() == first + 5 * page,
                    () ->
                            "three free pages start at "
                                    + Hex.of(first + 5 * page)
                                    + ", found "
                                    + three);
            Optional<Long> none =
                    tables.findAvailableVirtualSpaceAligned(
                            2 * page, first, first + 2 * page - 1, page);
            check(none.isEmpty(), () -> "no two free pages lie in the first two, found " + none);
        }
    }

    /** Finding free space reaches the last page of the space. */
    @Test
    default void findsTheLastPageOfTheSpace() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            long lastPage = places.va(places.lastPage());
            TableHierarchy tables = system.hierarchy(r);
            tables.guard(lastPage - page, page);
            Optional<Long> found =
                    tables.findAvailableVirtualSpaceAligned(
                            page, lastPage - page, lastPage + page - 1, page);
            check(
                    found.isPresent() && found.get() == lastPage,
                    () -> "the last page " + Hex.of(lastPage) + " is free, found " + found);
        }
    }

    /** Finding free space honours the requested alignment. */
    @Test
    default void honoursAlignment() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            long alignment = 16 * page;
            long first = places.va(alignment * 4);
            TableHierarchy tables = system.hierarchy(r);
            tables.guard(first, page);
            Optional<Long> found =
                    tables.findAvailableVirtualSpaceAligned(
                            page, first, first + 64 * page - 1, alignment);
            check(
                    found.isPresent() && found.get() == first + alignment,
                    () -> "expected " + Hex.of(first + alignment) + ", found " + found);
        }
    }
}
