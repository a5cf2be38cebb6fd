package io.pagoda.paging.testarch;

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

/**
 * Test-only architectures for the algorithms. {@link #unequal()} has a different fan-out at every level and a
 * partial top table (4 x 64 x 128 entries, 27-bit space, 512 KiB blocks at the middle level), so no
 * "same fan-out everywhere" assumption can hide. {@link #uniform()} is 3 x 512 entries with a recursive slot.
 */
public final class ToyArchitecture implements Architecture {
    public static final int PHYSICAL_BITS = 40;

    private final String name;
    private final TranslationRoot root;
    private final AddressLayout layout;

    private ToyArchitecture(String name, Geometry geometry, CanonicalForm form, AddressLayout layout) {
        this.name = name;
        this.layout = layout;
        ToyFormat format = new ToyFormat(geometry);
        this.root = new TranslationRoot() {
            @Override
            public String registerName() {
                return "ROOT";
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

    public static ToyArchitecture unequal() {
        Geometry geometry = Geometry.of(
                new LevelGeometry("TOP", 25, 4, 8, false),
                new LevelGeometry("MID", 19, 64, 8, true),
                new LevelGeometry("LEAF", 12, 128, 8, true));
        return new ToyArchitecture("toy-unequal", geometry, CanonicalForm.lowerRange(27),
                new AddressLayout(0, 0x3FF_FFFFL, 0x400_0000L, 0x7FF_FFFFL, 2, 3, -1, -1));
    }

    public static ToyArchitecture uniform() {
        Geometry geometry = Geometry.of(
                new LevelGeometry("L0", 30, 512, 8, false),
                new LevelGeometry("L1", 21, 512, 8, true),
                new LevelGeometry("L2", 12, 512, 8, true));
        return new ToyArchitecture("toy-uniform", geometry, CanonicalForm.signExtended(39),
                new AddressLayout(0, 0x3F_FFFF_FFFFL, 0xFFFF_FFC0_0000_0000L, -1L, 256, 510, 511, -1));
    }

    /**
     * x86-64's shape without its formats: 4 x 512 entries over 48 sign-extended bits, the kernel half (entries
     * 256..511) shared, the recursive slot 511, so the temporary-mapping window lands in entry 510 as there.
     */
    public static ToyArchitecture fourLevel() {
        Geometry geometry = Geometry.of(
                new LevelGeometry("L0", 39, 512, 8, false),
                new LevelGeometry("L1", 30, 512, 8, true),
                new LevelGeometry("L2", 21, 512, 8, true),
                new LevelGeometry("L3", 12, 512, 8, true));
        return new ToyArchitecture("toy-four-level", geometry, CanonicalForm.signExtended(48),
                new AddressLayout(0, 0x7FFF_FFFF_FFFFL, 0xFFFF_8000_0000_0000L, -1L, 256, 511, 511, -1));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "test-only architecture " + name;
    }

    @Override
    public List<TranslationRoot> roots() {
        return List.of(root);
    }

    public TranslationRoot root() {
        return root;
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
