package io.pagoda.conformance;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.ArrayList;
import java.util.List;

/**
 * Which flags a root's format expresses at every leaf-capable level, found by asking it: formats
 * refuse what they cannot express (x86 write-only, legacy i386 no-execute), so tests map only with
 * what the probe found and never hard-code a variant's abilities.
 */
public final class ExpressibleFlags {
    private final List<MappingFlags> all;

    private ExpressibleFlags(List<MappingFlags> all) {
        this.all = List.copyOf(all);
    }

    /**
     * The flag combinations {@code root}'s format expresses and reads back unchanged at every leaf
     * level, tried for every set of rights with at least one right, every memory type, global and
     * not.
     *
     * @param root the root whose format is asked
     * @return the expressible combinations
     */
    public static ExpressibleFlags of(TranslationRoot root) {
        Geometry geometry = root.geometry();
        EntryFormat format = root.format();
        List<MappingFlags> found = new ArrayList<>();
        for (MappingAccessRights rights : MappingAccessRights.all()) {
            if (rights.bits() == 0) {
                continue;
            }
            for (MemoryType type : MemoryType.values()) {
                for (boolean global : new boolean[] {false, true}) {
                    MappingFlags flags = new MappingFlags(rights, type, global);
                    if (roundTripsEverywhere(geometry, format, flags)) {
                        found.add(flags);
                    }
                }
            }
        }
        return new ExpressibleFlags(found);
    }

    private static boolean roundTripsEverywhere(
            Geometry geometry, EntryFormat format, MappingFlags flags) {
        for (int level = 0; level <= geometry.lastLevel(); level++) {
            if (!geometry.level(level).leafAllowed()) {
                continue;
            }
            try {
                long template = format.leafTemplate(level, flags);
                long raw = format.leafEntry(level, template, geometry.span(level));
                if (!flags.equals(format.leafFlags(level, raw))) {
                    return false;
                }
            } catch (RightsNotExpressibleException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every flag combination the format expresses and reads back unchanged at every leaf level.
     *
     * @return the combinations
     */
    public List<MappingFlags> all() {
        return all;
    }

    /**
     * Whether the format expresses no combination at all.
     *
     * @return true when {@link #all()} is empty
     */
    public boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * Non-global write-back flags, for tests that only need "some mapping".
     *
     * @return the plain combinations
     */
    public List<MappingFlags> plain() {
        List<MappingFlags> plain = new ArrayList<>();
        for (MappingFlags flags : all) {
            if (!flags.global() && flags.memoryType() == MemoryType.WRITE_BACK) {
                plain.add(flags);
            }
        }
        return plain.isEmpty() ? all : plain;
    }

    /**
     * The plain flags with the most rights (kernel or user read-write where expressible).
     *
     * @return the flags
     */
    public MappingFlags typical() {
        MappingFlags best = null;
        for (MappingFlags flags : plain()) {
            int score =
                    Integer.bitCount(
                                            flags.rights().bits()
                                                    & (MappingAccessRights.READABLE_BIT
                                                            | MappingAccessRights.WRITABLE_BIT))
                                    * 4
                            + (flags.rights().isExecutable() ? 0 : 2)
                            + (flags.rights().isUserAccessible() ? 0 : 1);
            if (best == null || score > scoreOf(best)) {
                best = flags;
            }
        }
        if (best == null) {
            throw new AssertionError("the format expresses no flags at all: nothing can be mapped");
        }
        return best;
    }

    private static int scoreOf(MappingFlags flags) {
        return Integer.bitCount(
                                flags.rights().bits()
                                        & (MappingAccessRights.READABLE_BIT
                                                | MappingAccessRights.WRITABLE_BIT))
                        * 4
                + (flags.rights().isExecutable() ? 0 : 2)
                + (flags.rights().isUserAccessible() ? 0 : 1);
    }

    /**
     * Expressible flags different from {@code flags}, for protect; {@code flags} itself when it is
     * the only one.
     *
     * @param flags the flags a mapping has now
     * @return flags to protect it with
     */
    public MappingFlags other(MappingFlags flags) {
        for (MappingFlags candidate : plain()) {
            if (!candidate.equals(flags)) {
                return candidate;
            }
        }
        for (MappingFlags candidate : all) {
            if (!candidate.equals(flags)) {
                return candidate;
            }
        }
        return flags;
    }
}
