package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;
import static io.pagoda.conformance.Checks.present;
import static io.pagoda.conformance.Checks.state;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.Translation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Translation keeps the offset, reports effective flags for every expressible combination, and
 * agrees with the hardware walk.
 */
@Tag("translate")
@ConformanceArea("translate")
public interface TranslateContract extends ConformanceSubject {

    /** Every expressible flag combination translates as it was mapped. */
    @Test
    default void everyExpressibleFlagCombinationTranslatesAsMapped() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            TableHierarchy tables = system.hierarchy(r);
            long va = places.va(places.leafTableBoundary());
            long pa = 0x100_0000L & -page;
            int i = 0;
            for (MappingFlags flags : ExpressibleFlags.of(system.root(r)).all()) {
                long at = va + i * page;
                long frame = pa + i * page;
                tables.mapContiguous(at, frame, page, flags, LeafSizePolicy.PAGES_ONLY);
                Translation t = tables.translate(at + 0x123);
                present(t, frame + 0x123, "a page mapped with " + flags);
                check(
                        flags.equals(t.flags()),
                        () -> "mapped with " + flags + " but translate says " + t.flags());
                check(
                        tables.translateAddress(at + 0x123) == frame + 0x123,
                        () -> "translateAddress disagrees with translate at " + Hex.of(at));
                WalkResult walk = system.walk(r, at + 0x123);
                check(
                        !walk.isFault()
                                && walk.physicalAddress() == frame + 0x123
                                && flags.equals(walk.flags())
                                && walk.global() == flags.global(),
                        () -> "the hardware walker disagrees for " + flags + ": " + walk);
                i++;
            }
        }
    }

    /** Unmapped addresses translate as available and fault on access. */
    @Test
    default void unmappedAddressesTranslateAsAvailableAndFault() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long va = places.va(places.topBoundary() + 5 * places.page());
            state(
                    system.hierarchy(r).translate(va),
                    PageState.AVAILABLE,
                    "an address never mapped");
            check(
                    system.hierarchy(r).translateAddress(va) == -1,
                    () -> "translateAddress of an unmapped address must be -1");
            WalkResult walk = system.walk(r, va);
            check(
                    walk.fault() == FaultType.NOT_PRESENT,
                    () -> "the walker must fault not-present: " + walk);
        }
    }
}
