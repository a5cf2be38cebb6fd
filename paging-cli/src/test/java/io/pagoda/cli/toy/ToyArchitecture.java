package io.pagoda.cli.toy;

import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.LevelGeometry;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.testlib.toy.ToyRoot;
import java.util.List;
import java.util.Set;

/**
 * The CLI's variants of paging-testlib's toy (its {@link ToyRoot} registers and {@code ToyFormat}
 * entries, no hardware vectors): {@code toy-cli} has one root over a sign-extended 39-bit space (3
 * x 512 entries named TOP, MID, LEAF; 2 MiB blocks at MID); {@code toy-split} has a lower and an
 * upper root like AArch64's TTBR0/TTBR1, whose width a control register picks (value 30: two
 * levels; 39: three; {@link ToyProvider#configure}). The control register is why this is an
 * architecture of its own rather than the toy renamed.
 */
public final class ToyArchitecture implements Architecture {
    public static final int PHYSICAL_BITS =
            io.pagoda.paging.testlib.toy.ToyArchitecture.PHYSICAL_BITS;

    private final io.pagoda.paging.testlib.toy.ToyArchitecture toy;

    private ToyArchitecture(String name, Set<String> aliases, List<TranslationRoot> roots) {
        this.toy =
                new io.pagoda.paging.testlib.toy.ToyArchitecture(
                        name,
                        aliases,
                        roots,
                        new AddressLayout(
                                0, 0x3F_FFFF_FFFFL, 0xFFFF_FFC0_0000_0000L, -1L, 256, 511, -1, -1),
                        List.of());
    }

    static Geometry geometry(int virtualBits) {
        LevelGeometry top = new LevelGeometry("TOP", 30, 512, 8, false);
        LevelGeometry mid = new LevelGeometry("MID", 21, 512, 8, true);
        LevelGeometry leaf = new LevelGeometry("LEAF", 12, 512, 8, true);
        return virtualBits == 39 ? Geometry.of(top, mid, leaf) : Geometry.of(mid, leaf);
    }

    public static ToyArchitecture single() {
        return new ToyArchitecture(
                "toy-cli",
                Set.of("toy"),
                List.of(new ToyRoot("ROOT", geometry(39), CanonicalForm.signExtended(39))));
    }

    /** {@code toy-cli}'s tables under another name, for architectures a plug-in jar brings. */
    public static ToyArchitecture named(String name) {
        return new ToyArchitecture(
                name,
                Set.of(),
                List.of(new ToyRoot("ROOT", geometry(39), CanonicalForm.signExtended(39))));
    }

    public static ToyArchitecture split(int virtualBits) {
        return new ToyArchitecture(
                "toy-split",
                Set.of(),
                List.of(
                        new ToyRoot(
                                "LOWER",
                                geometry(virtualBits),
                                CanonicalForm.lowerRange(virtualBits)),
                        new ToyRoot(
                                "UPPER",
                                geometry(virtualBits),
                                CanonicalForm.upperRange(virtualBits))));
    }

    @Override
    public String name() {
        return toy.name();
    }

    @Override
    public Set<String> aliases() {
        return toy.aliases();
    }

    @Override
    public String description() {
        return toy.description();
    }

    @Override
    public List<TranslationRoot> roots() {
        return toy.roots();
    }

    public TranslationRoot root() {
        return toy.root();
    }

    @Override
    public int physicalAddressBits() {
        return toy.physicalAddressBits();
    }

    @Override
    public AddressLayout layout() {
        return toy.layout();
    }

    @Override
    public TlbInstructions tlbInstructions() {
        return toy.tlbInstructions();
    }
}
