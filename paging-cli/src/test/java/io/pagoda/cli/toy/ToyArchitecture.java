package io.pagoda.cli.toy;

import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.LevelGeometry;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.List;
import java.util.Set;

/**
 * Test-only architectures for the CLI: {@code toy-cli} has one root over a sign-extended 39-bit space
 * (3 x 512 entries, 2 MiB blocks at the middle level); {@code toy-split} has a lower and an upper root like
 * AArch64's TTBR0/TTBR1, whose width a control register picks (value 30: two levels; 39: three).
 * Root registers hold the table address in bits 12..39, a tag in 56..63 and noise in 0..11.
 */
public final class ToyArchitecture implements Architecture {
    public static final int PHYSICAL_BITS = 40;

    private final String name;
    private final Set<String> aliases;
    private final List<TranslationRoot> roots;

    private ToyArchitecture(String name, Set<String> aliases, List<TranslationRoot> roots) {
        this.name = name;
        this.aliases = aliases;
        this.roots = roots;
    }

    static Geometry geometry(int virtualBits) {
        LevelGeometry top = new LevelGeometry("TOP", 30, 512, 8, false);
        LevelGeometry mid = new LevelGeometry("MID", 21, 512, 8, true);
        LevelGeometry leaf = new LevelGeometry("LEAF", 12, 512, 8, true);
        return virtualBits == 39 ? Geometry.of(top, mid, leaf) : Geometry.of(mid, leaf);
    }

    public static ToyArchitecture single() {
        return new ToyArchitecture("toy-cli", Set.of("toy"), List.of(root("ROOT", geometry(39), CanonicalForm.signExtended(39))));
    }

    /** {@code toy-cli}'s tables under another name, for architectures a plug-in jar brings. */
    public static ToyArchitecture named(String name) {
        return new ToyArchitecture(name, Set.of(), List.of(root("ROOT", geometry(39), CanonicalForm.signExtended(39))));
    }

    public static ToyArchitecture split(int virtualBits) {
        return new ToyArchitecture("toy-split", Set.of(), List.of(
                root("LOWER", geometry(virtualBits), CanonicalForm.lowerRange(virtualBits)),
                root("UPPER", geometry(virtualBits), CanonicalForm.upperRange(virtualBits))));
    }

    private static TranslationRoot root(String register, Geometry geometry, CanonicalForm form) {
        ToyFormat format = new ToyFormat(geometry);
        return new TranslationRoot() {
            @Override
            public String registerName() {
                return register;
            }

            @Override
            public Geometry geometry() {
                return geometry;
            }

            @Override
            public EntryFormat format() {
                return format;
            }

            @Override
            public CanonicalForm canonicalForm() {
                return form;
            }

            @Override
            public long tableAddress(long registerValue) {
                return registerValue & ToyFormat.ADDRESS;
            }

            @Override
            public int tag(long registerValue) {
                return (int) (registerValue >>> 56);
            }

            @Override
            public long registerValue(long table, int tag) {
                return table | ((long) tag << 56);
            }
        };
    }

    @Override
    public Architecture withControlRegister(long value) {
        if (roots.size() == 1) {
            return Architecture.super.withControlRegister(value);
        }
        if (value != 30 && value != 39) {
            throw new IllegalArgumentException("toy control register " + value + " selects neither 30 nor 39 bits");
        }
        return split((int) value);
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

    public TranslationRoot root() {
        return roots.get(0);
    }

    @Override
    public int physicalAddressBits() {
        return PHYSICAL_BITS;
    }

    @Override
    public AddressLayout layout() {
        return new AddressLayout(0, 0x3F_FFFF_FFFFL, 0xFFFF_FFC0_0000_0000L, -1L, 256, 511, -1, -1);
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
