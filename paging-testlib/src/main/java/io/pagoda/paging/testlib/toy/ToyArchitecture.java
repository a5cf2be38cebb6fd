package io.pagoda.paging.testlib.toy;

import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.LevelGeometry;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.List;
import java.util.Set;

/**
 * The toy architecture of Pagoda's tests: {@link ToyFormat}'s made-up entries over a few
 * geometries, so no "same fan-out everywhere" assumption can hide. {@link #unequal()} has a
 * different fan-out at every level and a partial top table (4 x 64 x 128 entries, 27-bit space, 512
 * KiB blocks at the middle level); {@link #uniform()} is 3 x 512 entries over 39 sign-extended bits
 * with a recursive slot; {@link #fourLevel()} is x86-64's shape; {@link #split()} has two roots of
 * different geometries, like TTBR0/TTBR1. Its hardware vectors are worked out by hand from {@link
 * ToyFormat}'s bit layout. Every variant is a value: {@link #named} gives it another name.
 */
public final class ToyArchitecture implements Architecture {
    /** The toy's physical address width in bits, the limit of {@link ToyFormat#ADDRESS}. */
    public static final int PHYSICAL_BITS = 40;

    private final String name;
    private final Set<String> aliases;
    private final List<TranslationRoot> roots;
    private final AddressLayout layout;
    private final List<HardwareVector> vectors;

    /**
     * A toy of the caller's own shape.
     *
     * @param name the architecture's name
     * @param aliases other names it answers to
     * @param roots its translation roots, usually {@link ToyRoot}s (copied)
     * @param layout its address layout
     * @param vectors its hand-worked hardware vectors (copied)
     */
    public ToyArchitecture(
            String name,
            Set<String> aliases,
            List<? extends TranslationRoot> roots,
            AddressLayout layout,
            List<HardwareVector> vectors) {
        this.name = name;
        this.aliases = Set.copyOf(aliases);
        this.roots = List.copyOf(roots);
        this.layout = layout;
        this.vectors = List.copyOf(vectors);
    }

    /**
     * 4 x 64 x 128 entries (TOP, MID, LEAF), 512 KiB blocks at MID.
     *
     * @return the unequal geometry, 8-byte entries over 27 bits
     */
    public static Geometry unequalGeometry() {
        return Geometry.of(
                new LevelGeometry("TOP", 25, 4, 8, false),
                new LevelGeometry("MID", 19, 64, 8, true),
                new LevelGeometry("LEAF", 12, 128, 8, true));
    }

    /**
     * 3 x 512 entries (L0, L1, L2), 2 MiB blocks at L1.
     *
     * @return the uniform geometry, 8-byte entries over 39 bits
     */
    public static Geometry uniformGeometry() {
        return Geometry.of(
                new LevelGeometry("L0", 30, 512, 8, false),
                new LevelGeometry("L1", 21, 512, 8, true),
                new LevelGeometry("L2", 12, 512, 8, true));
    }

    /**
     * "toy-unequal": one root of {@link #unequalGeometry()} over the lower 27 bits, the user half
     * below 64 MiB, the kernel half (TOP entries 2 and 3) shared, no recursive slot, with its
     * hand-worked vectors.
     *
     * @return the toy
     */
    public static ToyArchitecture unequal() {
        return new ToyArchitecture(
                "toy-unequal",
                Set.of(),
                List.of(new ToyRoot("ROOT", unequalGeometry(), CanonicalForm.lowerRange(27))),
                new AddressLayout(0, 0x3FF_FFFFL, 0x400_0000L, 0x7FF_FFFFL, 2, 3, -1, -1),
                ToyVectors.unequal());
    }

    /**
     * "toy-uniform": one root of {@link #uniformGeometry()} over 39 sign-extended bits, the kernel
     * half (entries 256..510) shared, the recursive slot 511, with its hand-worked vectors.
     *
     * @return the toy
     */
    public static ToyArchitecture uniform() {
        return new ToyArchitecture(
                "toy-uniform",
                Set.of(),
                List.of(new ToyRoot("ROOT", uniformGeometry(), CanonicalForm.signExtended(39))),
                new AddressLayout(
                        0, 0x3F_FFFF_FFFFL, 0xFFFF_FFC0_0000_0000L, -1L, 256, 510, 511, -1),
                ToyVectors.uniform());
    }

    /**
     * x86-64's shape without its formats: 4 x 512 entries over 48 sign-extended bits, the kernel
     * half (entries 256..511) shared, the recursive slot 511, so the temporary-mapping window lands
     * in entry 510 as there. It has no hardware vectors.
     *
     * @return the toy, named "toy-four-level"
     */
    public static ToyArchitecture fourLevel() {
        Geometry geometry =
                Geometry.of(
                        new LevelGeometry("L0", 39, 512, 8, false),
                        new LevelGeometry("L1", 30, 512, 8, true),
                        new LevelGeometry("L2", 21, 512, 8, true),
                        new LevelGeometry("L3", 12, 512, 8, true));
        return new ToyArchitecture(
                "toy-four-level",
                Set.of(),
                List.of(new ToyRoot("ROOT", geometry, CanonicalForm.signExtended(48))),
                new AddressLayout(
                        0, 0x7FFF_FFFF_FFFFL, 0xFFFF_8000_0000_0000L, -1L, 256, 511, 511, -1),
                List.of());
    }

    /**
     * Two roots like TTBR0/TTBR1: the lower half is {@link #uniformGeometry()} over 39 bits, the
     * upper half {@link #unequalGeometry()} over 27 bits, with nothing between them.
     *
     * @return the toy, named "toy-split", with its hand-worked vectors
     */
    public static ToyArchitecture split() {
        return new ToyArchitecture(
                "toy-split",
                Set.of(),
                List.of(
                        new ToyRoot("ROOT0", uniformGeometry(), CanonicalForm.lowerRange(39)),
                        new ToyRoot("ROOT1", unequalGeometry(), CanonicalForm.upperRange(27))),
                new AddressLayout(0, 0x7F_FFFF_FFFFL, 0xFFFF_FFFF_F800_0000L, -1L, -1, -1, -1, -1),
                ToyVectors.split());
    }

    /**
     * This toy under another name (and aliases), for a row of its own in a report or a registry.
     *
     * @param newName the new name
     * @param newAliases the new aliases, replacing the old ones
     * @return a new toy with the same roots, layout and vectors
     */
    public ToyArchitecture named(String newName, String... newAliases) {
        return new ToyArchitecture(newName, Set.of(newAliases), roots, layout, vectors);
    }

    /**
     * This toy with another layout (a direct map, no shared kernel entries, ...).
     *
     * @param newLayout the layout
     * @return a new toy with the same name, aliases, roots and vectors
     */
    public ToyArchitecture withLayout(AddressLayout newLayout) {
        return new ToyArchitecture(name, aliases, roots, newLayout, vectors);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> aliases() {
        return aliases;
    }

    @Override
    public String description() {
        return "test-only architecture " + name;
    }

    @Override
    public List<TranslationRoot> roots() {
        return roots;
    }

    /**
     * The first (usually the only) root.
     *
     * @return root 0
     */
    public TranslationRoot root() {
        return roots.get(0);
    }

    @Override
    public int physicalAddressBits() {
        return PHYSICAL_BITS;
    }

    @Override
    public AddressLayout layout() {
        return layout;
    }

    @Override
    public int tagBits() {
        return 8;
    }

    @Override
    public List<HardwareVector> hardwareVectors() {
        return vectors;
    }

    @Override
    public TlbInstructions tlbInstructions() {
        return new TlbInstructions() {
            @Override
            public void invalidatePage(TlbMaintenance tlb, long va, int tag) {
                tlb.dropPage(va, tag, false, true);
            }

            @Override
            public void invalidateContext(TlbMaintenance tlb, int tag) {
                tlb.dropTag(tag, false);
            }

            @Override
            public void invalidateEverything(TlbMaintenance tlb) {
                tlb.dropAll();
            }
        };
    }
}
