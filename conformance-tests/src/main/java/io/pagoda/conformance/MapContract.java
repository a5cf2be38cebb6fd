package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;
import static io.pagoda.conformance.Checks.present;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.error.AlreadyMappedException;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.Translation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Map places each frame where it was asked to, across table boundaries, at the top of the space,
 * and as blocks.
 */
@Tag("map")
@ConformanceArea("map")
public interface MapContract extends ConformanceSubject {

    /** A map spanning a table boundary maps every page. */
    @Test
    default void mapsPagesAcrossATableBoundary() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            TableHierarchy tables = system.hierarchy(r);
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            long page = places.page();
            long va = places.va(places.leafTableBoundary() - 2 * page);
            long[] frames = {
                0x40_0000L, 0x23_0000L & -page, 0x7F_0000L & -page, 0x11_1000L & -page
            };
            tables.map(va, 4 * page, FrameSource.pages(frames, page), flags);
            for (int i = 0; i < frames.length; i++) {
                Translation t = tables.translate(va + i * page);
                present(t, frames[i], "page " + i + " of a map across a table boundary");
                check(
                        flags.equals(t.flags()),
                        () -> "mapped with " + flags + " but translate says " + t.flags());
                WalkResult walk = system.walk(r, va + i * page);
                long expected = frames[i];
                check(
                        !walk.isFault() && walk.physicalAddress() == expected,
                        () -> "the hardware walker disagrees: " + walk);
            }
        }
    }

    /** The first and the last page of the space can be mapped. */
    @Test
    default void mapsTheFirstAndTheLastPageOfTheSpace() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            long page = places.page();
            system.hierarchy(r)
                    .mapContiguous(
                            places.va(0),
                            0x10_0000L & -page,
                            page,
                            flags,
                            LeafSizePolicy.PAGES_ONLY);
            system.hierarchy(r)
                    .mapContiguous(
                            places.va(places.lastPage()),
                            0x20_0000L & -page,
                            page,
                            flags,
                            LeafSizePolicy.PAGES_ONLY);
            present(system.hierarchy(r).translate(places.va(0)), 0x10_0000L & -page, "first page");
            present(
                    system.hierarchy(r).translate(places.va(places.lastPage()) + page - 1),
                    (0x20_0000L & -page) + page - 1,
                    "last byte of the space");
        }
    }

    /** A map uses blocks where they fit and pages elsewhere. */
    @Test
    @Requires(Capability.BLOCKS)
    default void mapsBlocksWhereTheyFitAndPagesElsewhere() {
        PagingSystem system = newSystem();
        int exercised = 0;
        for (int r : system.rootsWithBlocks()) {
            exercised++;
            Places places = new Places(system.root(r));
            Geometry geometry = system.root(r).geometry();
            int blockLevel = places.smallestBlockLevel();
            long block = geometry.span(blockLevel);
            long page = places.page();
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            long va = places.va(2 * block);
            long pa = 4 * block;
            system.hierarchy(r)
                    .mapContiguous(va, pa, block + page, flags, LeafSizePolicy.LARGEST_FITTING);
            Translation inBlock = system.hierarchy(r).translate(va + block - page);
            present(inBlock, pa + block - page, "last page of a block");
            check(
                    inBlock.size() == block && inBlock.level() == blockLevel,
                    () ->
                            "expected a "
                                    + Hex.size(block)
                                    + " block at level "
                                    + blockLevel
                                    + " but translate says "
                                    + inBlock);
            Translation after = system.hierarchy(r).translate(va + block);
            present(after, pa + block, "the page after the block");
            check(after.size() == page, () -> "the page after a block must be a page: " + after);
            WalkResult walk = system.walk(r, va + 5 * page + 7);
            check(
                    !walk.isFault()
                            && walk.physicalAddress() == pa + 5 * page + 7
                            && walk.size() == block,
                    () -> "the hardware walker disagrees on the block: " + walk);
        }
        Checks.exercised(exercised, Capability.BLOCKS);
    }

    /**
     * Every leaf size reaches as high as the format says it does, and encodes the highest bits of
     * that frame: the highest frame of each leaf size below {@code leafAddressLimit} (or the
     * physical width) is mapped as one leaf and both translate and the hardware walker find it
     * there. This is where split address fields go wrong (PSE-36's bits 39:32 in a 4 MiB PDE,
     * AArch64's OA[51:48] or OA[51:50] in low descriptor bits).
     */
    @Test
    default void mapsTheHighestFrameEachLeafSizeReaches() {
        PagingSystem system = newSystem();
        long width =
                system.architecture().physicalAddressBits() >= 63
                        ? Long.MAX_VALUE
                        : 1L << system.architecture().physicalAddressBits();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            Geometry geometry = system.root(r).geometry();
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            for (int level = 0; level <= geometry.lastLevel(); level++) {
                if (!geometry.level(level).leafAllowed()) {
                    continue;
                }
                long size = geometry.span(level);
                long reach = Math.min(width, system.root(r).format().leafAddressLimit(level));
                long pa = (reach - size) & -size;
                long va = places.va(places.topBoundary());
                if (!places.contiguous(places.topBoundary(), size)) {
                    continue;
                }
                TableHierarchy tables = system.newHierarchy(system.root(r));
                tables.mapContiguous(va, pa, size, flags, LeafSizePolicy.LARGEST_FITTING);
                long offset = size - places.page() + 8;
                int leafLevel = level;
                Translation t = tables.translate(va + offset);
                present(
                        t,
                        pa + offset,
                        "the highest " + Hex.size(size) + " frame below " + Hex.of(reach));
                check(
                        t.level() == leafLevel,
                        () ->
                                "a "
                                        + Hex.size(size)
                                        + " leaf belongs at level "
                                        + leafLevel
                                        + " but translate says "
                                        + t);
                WalkResult walk = system.walk(r, tables, va + offset);
                check(
                        !walk.isFault() && walk.physicalAddress() == pa + offset,
                        () ->
                                "the hardware walker reads the "
                                        + Hex.size(size)
                                        + " leaf at "
                                        + Hex.of(pa)
                                        + " as "
                                        + walk);
            }
        }
    }

    /** A map over a mapped page is refused, changing nothing. */
    @Test
    default void refusesToMapOverAMapping() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            long page = places.page();
            long va = places.va(places.topBoundary() - page);
            TableHierarchy tables = system.hierarchy(r);
            tables.mapContiguous(
                    va + page, 0x30_0000L & -page, page, flags, LeafSizePolicy.PAGES_ONLY);
            Checks.refused(
                    system,
                    AlreadyMappedException.class,
                    "mapping over a mapped page",
                    () ->
                            tables.mapContiguous(
                                    va,
                                    0x50_0000L & -page,
                                    2 * page,
                                    flags,
                                    LeafSizePolicy.PAGES_ONLY));
            Checks.state(
                    tables.translate(va), PageState.AVAILABLE, "the page before the refused map");
        }
    }
}
