package io.pagoda.conformance.testarch;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.LevelGeometry;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.List;
import java.util.Map;

/**
 * Test architectures for the kit's own run: {@code kit-toy-39} (3 x 512 entries, sign-extended, shared kernel
 * root entries), {@code kit-toy-unequal} (4 x 64 x 128 entries, a partial top table, 512 KiB blocks) and
 * {@code kit-toy-split} (two roots with different geometries, like TTBR0/TTBR1). Hardware vectors are
 * worked out by hand from the bit layout in {@link KitToyFormat}.
 */
public final class KitToyArchitecture implements Architecture {
    private final String name;
    private final List<TranslationRoot> roots;
    private final AddressLayout layout;
    private final List<HardwareVector> vectors;
    private final Defect defect;

    private KitToyArchitecture(String name, List<TranslationRoot> roots, AddressLayout layout, List<HardwareVector> vectors, Defect defect) {
        this.name = name;
        this.roots = roots;
        this.layout = layout;
        this.vectors = vectors;
        this.defect = defect;
    }

    static Geometry uniform() {
        return Geometry.of(new LevelGeometry("L0", 30, 512, 8, false), new LevelGeometry("L1", 21, 512, 8, true),
                new LevelGeometry("L2", 12, 512, 8, true));
    }

    static Geometry unequal() {
        return Geometry.of(new LevelGeometry("TOP", 25, 4, 8, false), new LevelGeometry("MID", 19, 64, 8, true),
                new LevelGeometry("LEAF", 12, 128, 8, true));
    }

    public static KitToyArchitecture toy39(Defect defect) {
        String name = defect == Defect.NONE ? "kit-toy-39" : "kit-toy-39-" + defect.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return new KitToyArchitecture(name,
                List.of(new KitToyRoot("ROOT", uniform(), CanonicalForm.signExtended(39), defect)),
                new AddressLayout(0, 0x3F_FFFF_FFFFL, 0xFFFF_FFC0_0000_0000L, -1L, 256, 511, -1, -1),
                List.of(
                        // L0[128] @0x1400 -> 0x2000, L1[3] @0x2018 -> 0x3000, L2[3] @0x3018 = page 0x12_3456_7000 V|P|W
                        HardwareVector.translates("toy39 page", 0, 0x1000, Map.of(0x1400L, 0x2003L, 0x2018L, 0x3003L,
                                0x3018L, 0x12_3456_7007L), 8, 0x20_0060_3ABCL, 0x12_3456_7ABCL)
                                // the tables (0x...003: no W, X or U bit) leave only reading to the V|P|W page
                                .meaning(0x1000, 2, "---", "r--", MemoryType.WRITE_BACK, false),
                        // L0[1] @0x1008 -> 0x2000, L1[3] @0x2018 = 2 MiB block 0x8000_0000 V|W
                        HardwareVector.translates("toy39 block", 0, 0x1000, Map.of(0x1008L, 0x2003L, 0x2018L, 0x8000_0005L),
                                8, 0x4060_0123L, 0x8000_0123L),
                        // upper half: linear 0x40_0000_5000, L0[256] @0x1800, L1[0] @0x2000, L2[5] @0x3028
                        HardwareVector.translates("toy39 kernel", 0, 0x1000, Map.of(0x1800L, 0x2003L, 0x2000L, 0x3003L,
                                0x3028L, 0x77_0000_0023L), 8, 0xFFFF_FFC0_0000_5010L, 0x77_0000_0010L),
                        HardwareVector.faults("toy39 guard", 0, 0x1000, Map.of(0x1010L, 0x400L), 8, 0x8000_0000L, FaultType.GUARD),
                        HardwareVector.faults("toy39 reserved", 0, 0x1000, Map.of(0x1400L, 0x2003L, 0x2018L, 0x3003L,
                                0x3018L, 0x4000_0012_3456_7007L), 8, 0x20_0060_3ABCL, FaultType.RESERVED_BIT),
                        HardwareVector.faults("toy39 not present", 0, 0x1000, Map.of(), 8, 0x1000L, FaultType.NOT_PRESENT),
                        HardwareVector.faults("toy39 non-canonical", 0, 0x1000, Map.of(), 8, 0x40_0000_0000L, FaultType.NON_CANONICAL)),
                defect);
    }

    public static KitToyArchitecture unequalToy() {
        return new KitToyArchitecture("kit-toy-unequal",
                List.of(new KitToyRoot("ROOT", unequal(), CanonicalForm.lowerRange(27), Defect.NONE)),
                new AddressLayout(0, 0x3FF_FFFFL, 0x400_0000L, 0x7FF_FFFFL, 2, 3, -1, -1),
                List.of(unequalPage("unequal page", 0, 0x62C_1123L),
                        // TOP[0] @0x1000 -> 0x2000, MID[2] @0x2010 = 512 KiB block 0x80_0000 V
                        HardwareVector.translates("unequal block", 0, 0x1000, Map.of(0x1000L, 0x2003L, 0x2010L, 0x80_0001L),
                                8, 0x13_4567L, 0x83_4567L),
                        HardwareVector.faults("unequal non-canonical", 0, 0x1000, Map.of(), 8, 0x800_0000L, FaultType.NON_CANONICAL)),
                Defect.NONE);
    }

    /** TOP[3] @0x1018 -> 0x2000, MID[5] @0x2028 -> 0x3000, LEAF[0x41] @0x3208 = page 0x55_5000 V|P|X. */
    private static HardwareVector unequalPage(String id, int root, long va) {
        return HardwareVector.translates(id, root, 0x1000, Map.of(0x1018L, 0x2003L, 0x2028L, 0x3003L, 0x3208L, 0x55_500BL),
                8, va, 0x55_5123L)
                // the tables leave only reading to the V|P|X page; memory-type bits 8:6 are 0
                .meaning(0x1000, 2, "---", "r--", MemoryType.WRITE_BACK, false);
    }

    public static KitToyArchitecture split() {
        return new KitToyArchitecture("kit-toy-split",
                List.of(new KitToyRoot("ROOT0", uniform(), CanonicalForm.lowerRange(39), Defect.NONE),
                        new KitToyRoot("ROOT1", unequal(), CanonicalForm.upperRange(27), Defect.NONE)),
                new AddressLayout(0, 0x7F_FFFF_FFFFL, 0xFFFF_FFFF_F800_0000L, -1L, -1, -1, -1, -1),
                List.of(unequalPage("split upper page", 1, 0xFFFF_FFFF_FE2C_1123L),
                        HardwareVector.translates("split lower block", 0, 0x1000, Map.of(0x1008L, 0x2003L, 0x2018L, 0x8000_0005L),
                                8, 0x4060_0123L, 0x8000_0123L)
                                // a 2 MiB V|W block under a table that leaves only reading
                                .meaning(0x20_0000, 1, "---", "r--", MemoryType.WRITE_BACK, false),
                        HardwareVector.faults("split hole", 0, 0x1000, Map.of(), 8, 0x80_0000_0000L, FaultType.NON_CANONICAL)),
                Defect.NONE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "the conformance kit's test architecture " + name;
    }

    @Override
    public List<TranslationRoot> roots() {
        return roots;
    }

    @Override
    public int physicalAddressBits() {
        return 40;
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
        boolean forgetsGlobal = defect == Defect.MISSING_FLUSH;
        return new TlbInstructions() {
            @Override
            public void invalidatePage(TlbMaintenance tlb, long va, int tag) {
                tlb.dropPage(va, tag, false, !forgetsGlobal);
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
