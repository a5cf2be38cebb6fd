package io.pagoda.conformance;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random steps over small regions near the interesting places of each root (the start and
 * top of the space, table boundaries, a pair of blocks), so that a long run keeps hitting edges and
 * conflicts instead of scattering over an empty space.
 */
public final class ModelSequence {
    /** Blocks larger than this many pages are not mapped by random runs (the model is per page). */
    static final long MAX_BLOCK_PAGES = 8192;

    private record Region(int root, long first, long pages, boolean blocks) {}

    private final SplittableRandom random;
    private final List<Region> regions = new ArrayList<>();
    private final List<List<MappingFlags>> flags = new ArrayList<>();
    private final long[] pageSizes;
    private final long[] blockSizes;
    private final long physicalLimit;
    private final long userFirst;
    private final long userLast;
    private final int userRoot;

    private final boolean machine;

    /**
     * Random steps over {@code architecture}'s roots, for table-level runs.
     *
     * @param architecture the variant
     * @param seed the random seed; the same seed gives the same steps
     */
    public ModelSequence(Architecture architecture, long seed) {
        this(architecture, seed, false);
    }

    /**
     * With {@code machine}, the steps stay in the user range (kernel space is shared between
     * address spaces) and include switches between two address spaces.
     *
     * @param architecture the variant
     * @param seed the random seed; the same seed gives the same steps
     * @param machine whether the steps are for a machine run
     */
    public ModelSequence(Architecture architecture, long seed, boolean machine) {
        this.machine = machine;
        this.userFirst = architecture.layout().userFirst();
        this.userLast = architecture.layout().userLast();
        this.userRoot = architecture.rootIndexFor(userFirst).orElse(-1);
        this.random = new SplittableRandom(seed);
        List<TranslationRoot> roots = architecture.roots();
        this.pageSizes = new long[roots.size()];
        this.blockSizes = new long[roots.size()];
        long limit = 1L << Math.min(40, architecture.physicalAddressBits());
        for (TranslationRoot root : roots) {
            for (int level = 0; level <= root.geometry().lastLevel(); level++) {
                limit = Math.min(limit, root.format().leafAddressLimit(level));
            }
        }
        this.physicalLimit = limit;
        for (int r = 0; r < roots.size(); r++) {
            TranslationRoot root = roots.get(r);
            Places places = new Places(root);
            long page = places.page();
            pageSizes[r] = page;
            List<MappingFlags> usable = new ArrayList<>();
            for (MappingFlags f : ExpressibleFlags.of(root).all()) {
                // a global translation survives a root switch by design: only mappings common to
                // every
                // address space may be global, so per-space user mappings never are
                if (!(machine && f.global())) {
                    usable.add(f);
                }
            }
            flags.add(usable);
            addRegion(places, r, 0, 48, false);
            addRegion(places, r, places.leafTableBoundary() - 24 * page, 48, false);
            addRegion(places, r, places.topBoundary() - 24 * page, 48, false);
            addRegion(places, r, places.lastPage() - 47 * page, 48, false);
            int blockLevel = places.smallestBlockLevel();
            if (blockLevel >= 0) {
                long block = root.geometry().span(blockLevel);
                if (block / page <= MAX_BLOCK_PAGES && 6 * block <= root.geometry().linearSpan()) {
                    blockSizes[r] = block;
                    addRegion(places, r, 4 * block, 2 * block / page, true);
                }
            }
        }
    }

    private void addRegion(Places places, int root, long linear, long pages, boolean blocks) {
        long length = pages * places.page();
        if (linear < 0
                || linear + length > places.lastPage() + places.page()
                || !places.contiguous(linear, length)) {
            return;
        }
        long first = places.va(linear);
        if (machine
                && (root != userRoot
                        || Long.compareUnsigned(first, userFirst) < 0
                        || Long.compareUnsigned(first + length - 1, userLast) > 0)) {
            return;
        }
        regions.add(new Region(root, places.va(linear), pages, blocks));
    }

    /**
     * Whether any region qualifies (a machine run needs user-range regions).
     *
     * @return true when steps can be made
     */
    public boolean hasRegions() {
        return !regions.isEmpty();
    }

    /**
     * The next random step.
     *
     * @return the step
     */
    public ModelOp next() {
        if (machine && random.nextInt(100) < 3) {
            return ModelOp.switchTo(random.nextInt(2));
        }
        Region region = regions.get(random.nextInt(regions.size()));
        int root = region.root();
        long page = pageSizes[root];
        List<MappingFlags> choices = flags.get(root);
        MappingFlags chosen = choices.get(random.nextInt(choices.size()));
        int roll = random.nextInt(100);
        if (region.blocks() && roll < 6) {
            long block = blockSizes[root];
            long blockPages = block / page;
            long va = region.first() + random.nextInt(2) * block;
            long extra = va == region.first() ? random.nextInt(3) : 0;
            long pa = (random.nextLong(physicalLimit / 2) & -block);
            return ModelOp.map(root, va, blockPages + extra, pa, chosen, true);
        }
        long pages = random.nextInt(10) < 7 ? 1 + random.nextInt(4) : 1 + random.nextInt(16);
        pages = Math.min(pages, region.pages());
        long va = region.first() + random.nextLong(region.pages() - pages + 1) * page;
        if (roll < 35) {
            long pa = random.nextLong(physicalLimit / 2) & -page;
            return ModelOp.map(root, va, pages, pa, chosen, false);
        }
        if (roll < 47) {
            return ModelOp.guard(root, va, pages);
        }
        if (roll < 72) {
            return ModelOp.unmap(root, va, pages);
        }
        if (roll < 87) {
            return ModelOp.protect(root, va, pages, chosen);
        }
        return ModelOp.translate(root, va + random.nextLong(page));
    }
}
