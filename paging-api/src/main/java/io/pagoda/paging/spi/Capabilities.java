package io.pagoda.paging.spi;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a paging variant can express, asked before mapping instead of learnt from a {@link
 * RightsNotExpressibleException}: the frame size to allocate, the leaf sizes, and which rights and
 * memory types its leaves can carry. Legacy i386 has no execute-disable bit (so {@code USER_RW} is
 * not expressible, only {@code USER_RWX}); an AArch64 16 KiB granule maps 16 KiB pages and 32 MiB
 * blocks, not 4 KiB and 2 MiB.
 *
 * <p>The answers are worked out from the variant's own {@link Geometry} and {@link EntryFormat}, by
 * asking each root's format for a leaf template at each level that may hold a leaf; nothing here
 * knows an architecture. A combination counts as expressible only when every root accepts it, so an
 * answer holds in either half of a split address space. Obtain one with {@link
 * Architecture#capabilities()}.
 */
public final class Capabilities {
    private static final MemoryType[] MEMORY_TYPES = MemoryType.values();

    private final long frameSize;
    private final List<Long> leafSizes;
    private final List<MappingAccessRights> rights;
    private final Set<MemoryType> memoryTypes;
    private final List<TranslationRoot> roots;

    private Capabilities(Architecture architecture) {
        this.roots = List.copyOf(architecture.roots());
        this.frameSize = smallestFrame(roots);
        this.leafSizes = commonLeafSizes(roots);
        List<MappingAccessRights> expressibleRights = new ArrayList<>();
        for (MappingAccessRights candidate : MappingAccessRights.all()) {
            if (expressibleEverywhere(new MappingFlags(candidate, MemoryType.WRITE_BACK, false))) {
                expressibleRights.add(candidate);
            }
        }
        this.rights = List.copyOf(expressibleRights);
        EnumSet<MemoryType> types = EnumSet.noneOf(MemoryType.class);
        for (MemoryType type : MEMORY_TYPES) {
            for (MappingAccessRights candidate : rights) {
                if (expressibleEverywhere(new MappingFlags(candidate, type, false))) {
                    types.add(type);
                    break;
                }
            }
        }
        this.memoryTypes = Collections.unmodifiableSet(types);
    }

    /**
     * The capabilities of {@code architecture}, worked out from its roots' geometries and formats.
     *
     * @param architecture the variant to ask
     * @return its capabilities
     */
    public static Capabilities of(Architecture architecture) {
        return new Capabilities(architecture);
    }

    /**
     * The size of the frames to give a {@link io.pagoda.paging.memory.FrameAllocator}: the smallest
     * page, or the largest table when a table is bigger (the same size the Guice wiring's default
     * allocator uses).
     *
     * @return the frame size in bytes
     */
    public long frameSize() {
        return frameSize;
    }

    /**
     * The sizes a single leaf maps in every root, ascending: x86-64 4 KiB, 2 MiB, 1 GiB; i386 4
     * KiB, 4 MiB.
     *
     * @return the leaf sizes in bytes, ascending
     */
    public List<Long> leafSizes() {
        return leafSizes;
    }

    /**
     * The rights a write-back leaf can carry at every leaf level of every root, in {@link
     * MappingAccessRights#all()} order.
     *
     * @return the expressible rights
     */
    public List<MappingAccessRights> rights() {
        return rights;
    }

    /**
     * The memory types a leaf can carry with at least one expressible set of rights.
     *
     * @return the expressible memory types
     */
    public Set<MemoryType> memoryTypes() {
        return memoryTypes;
    }

    /**
     * Whether a leaf of any of the {@link #leafSizes() leaf sizes} can carry {@code flags} in every
     * root.
     *
     * @param flags the rights, memory type and global bit wanted
     * @return true when every leaf level of every root accepts {@code flags}
     */
    public boolean canExpress(MappingFlags flags) {
        return expressibleEverywhere(flags);
    }

    /**
     * Whether a leaf of {@code leafSize} can carry {@code flags} in every root; false for a size no
     * root maps with one leaf.
     *
     * @param flags the rights, memory type and global bit wanted
     * @param leafSize the leaf's span in bytes
     * @return true when every root's leaves of that size accept {@code flags}
     */
    public boolean canExpress(MappingFlags flags, long leafSize) {
        if (!leafSizes.contains(leafSize)) {
            return false;
        }
        for (TranslationRoot root : roots) {
            Geometry geometry = root.geometry();
            for (int level = 0; level < geometry.levelCount(); level++) {
                if (geometry.level(level).leafAllowed()
                        && geometry.span(level) == leafSize
                        && !accepts(root.format(), level, flags)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The fewest expressible rights that grant at least {@code wanted}: {@code wanted} itself when
     * expressible, otherwise the smallest superset (legacy i386: {@code USER_RW} becomes {@code
     * USER_RWX}, as it has no execute-disable bit). Empty when no expressible rights cover {@code
     * wanted}. A superset grants more than was asked: check it is acceptable before mapping with
     * it.
     *
     * @param wanted the rights needed at least
     * @return the expressible rights to map with, or empty
     */
    public Optional<MappingAccessRights> leastCovering(MappingAccessRights wanted) {
        MappingAccessRights best = null;
        for (MappingAccessRights candidate : rights) {
            if (candidate.contains(wanted)
                    && (best == null
                            || Integer.bitCount(candidate.bits())
                                    < Integer.bitCount(best.bits()))) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return "frames "
                + frameSize
                + ", leaves "
                + leafSizes
                + ", rights "
                + rights
                + ", memory types "
                + memoryTypes;
    }

    private boolean expressibleEverywhere(MappingFlags flags) {
        for (TranslationRoot root : roots) {
            Geometry geometry = root.geometry();
            for (int level = 0; level < geometry.levelCount(); level++) {
                if (geometry.level(level).leafAllowed() && !accepts(root.format(), level, flags)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Formats refuse what they cannot express with a RightsNotExpressibleException, by contract:
     * that is the probe.
     */
    private static boolean accepts(EntryFormat format, int level, MappingFlags flags) {
        try {
            format.leafTemplate(level, flags);
            return true;
        } catch (RightsNotExpressibleException refused) {
            return false;
        }
    }

    private static long smallestFrame(List<TranslationRoot> roots) {
        long smallest = Long.MAX_VALUE;
        for (TranslationRoot root : roots) {
            smallest =
                    Math.min(
                            smallest,
                            Math.max(
                                    root.geometry().pageSize(),
                                    root.geometry().largestTableBytes()));
        }
        return smallest;
    }

    private static List<Long> commonLeafSizes(List<TranslationRoot> roots) {
        TreeSet<Long> common = null;
        for (TranslationRoot root : roots) {
            TreeSet<Long> sizes = new TreeSet<>(root.geometry().leafSizes());
            if (common == null) {
                common = sizes;
            } else {
                common.retainAll(sizes);
            }
        }
        return common == null ? List.of() : List.copyOf(common);
    }
}
