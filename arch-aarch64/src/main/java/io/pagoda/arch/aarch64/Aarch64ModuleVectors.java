package io.pagoda.arch.aarch64;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.VariantConfiguration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The registers a boot stub loads for the AArch64 variants, worked out by hand from the Arm ARM's
 * register descriptions (D19: TCR_EL1, TTBR0_EL1, TTBR1_EL1, MAIR_EL1), never produced by this
 * module's code. TCR_EL1: T0SZ [5:0] and T1SZ [21:16] = 64 - VA bits; TG0 [15:14] 4K 00, 64K 01,
 * 16K 10; TG1 [31:30] 16K 01, 4K 10, 64K 11; IPS [34:32] 48 bits 101, 52 bits 110; DS [59] for the
 * 52-bit 4K/16K tables (FEAT_LPA2); AS [36] for the 16-bit ASIDs the model tags with; walks
 * write-back (IRGNn = ORGNn = 01: [9:8], [11:10], [25:24], [27:26]) and inner shareable (SHn = 11:
 * [13:12], [29:28]), or non-cacheable (IRGNn = ORGNn = 00) when uncached walks are asked. TTBR0
 * carries the ASID in [63:48] and CnP in [0]. MAIR_EL1: the attributes every AttrIndx of the
 * hardware vectors assumes, Attr0 0xFF (Normal WB), Attr1 0x04 (Device-nGnRE), Attr2 0x44 (Normal
 * NC), Attr3 0xBB (Normal WT), Attr4 0x00, Attr5 0x44 (Normal NC, write-combining).
 */
public final class Aarch64ModuleVectors implements ModuleVectors {
    private static final long TABLE0 = 0x20_0000L;
    private static final long TABLE1 = 0x40_0000L;
    private static final long MAIR = 0x0000_4400_BB44_04FFL;

    /** AS, SH0/SH1 = 11 and write-back walks: what every default TCR_EL1 below carries. */
    private static final long TCR_COMMON = (1L << 36) | 0x3000_3000L | 0x0500_0500L;

    @Override
    public List<BootVector> bootVectors() {
        // T0SZ = T1SZ = 16, TG1 = 10 (4K), IPS = 101 (48 bits)
        long tcr4k48 = TCR_COMMON | 0x10 | (0x10L << 16) | (2L << 30) | (5L << 32);
        return List.of(
                boot("aarch64", "4K, 48-bit", RootSettings.DEFAULT, TABLE0, TABLE1, tcr4k48),
                // ASID 5 in TTBR0_EL1 [63:48]; CnP [0] in both
                boot(
                        "aarch64",
                        "ASID 5, CnP",
                        new RootSettings(5, false, true),
                        TABLE0 | (5L << 48) | 1,
                        TABLE1 | 1,
                        tcr4k48),
                // uncached walks: IRGNn = ORGNn = 00
                boot(
                        "aarch64",
                        "uncached walks",
                        new RootSettings(0, true, false),
                        TABLE0,
                        TABLE1,
                        tcr4k48 & ~0x0500_0500L),
                // T0SZ = T1SZ = 25 (39-bit VA)
                boot(
                        "aarch64-4k-39",
                        "4K, 39-bit",
                        RootSettings.DEFAULT,
                        TABLE0,
                        TABLE1,
                        TCR_COMMON | 25 | (25L << 16) | (2L << 30) | (5L << 32)),
                // T0SZ = T1SZ = 17, TG0 = 10 (16K), TG1 = 01 (16K)
                boot(
                        "aarch64-16k-47",
                        "16K, 47-bit",
                        RootSettings.DEFAULT,
                        TABLE0,
                        TABLE1,
                        TCR_COMMON | 17 | (2L << 14) | (17L << 16) | (1L << 30) | (5L << 32)),
                // T0SZ = T1SZ = 22, TG0 = 01 (64K), TG1 = 11 (64K)
                boot(
                        "aarch64-64k-42",
                        "64K, 42-bit",
                        RootSettings.DEFAULT,
                        TABLE0,
                        TABLE1,
                        TCR_COMMON | 22 | (1L << 14) | (22L << 16) | (3L << 30) | (5L << 32)),
                // 64K with FEAT_LPA: IPS = 110 (52 bits), DS clear
                boot(
                        "aarch64-64k-48-lpa",
                        "64K, 48-bit VA, 52-bit PA",
                        RootSettings.DEFAULT,
                        TABLE0,
                        TABLE1,
                        TCR_COMMON | 16 | (1L << 14) | (16L << 16) | (3L << 30) | (6L << 32)),
                // FEAT_LPA tables above 2^48: BADDR[51:48] in TTBRn[5:2] (0xF << 2, 0x8 << 2)
                new BootVector(
                        "aarch64 boot: 64K FEAT_LPA, tables above 2^48",
                        "aarch64-64k-48-lpa",
                        List.of(0x000F_0000_0020_0000L, 0x0008_0000_0040_0000L),
                        RootSettings.DEFAULT,
                        Map.of(
                                "TTBR0_EL1", 0x0020_003CL,
                                "TTBR1_EL1", 0x0040_0020L)),
                // 4K with FEAT_LPA2: T0SZ = T1SZ = 12, IPS = 110, DS = 1
                boot(
                        "aarch64-4k-52",
                        "4K, 52-bit (DS = 1)",
                        RootSettings.DEFAULT,
                        TABLE0,
                        TABLE1,
                        TCR_COMMON | 12 | (12L << 16) | (2L << 30) | (6L << 32) | (1L << 59)));
    }

    // ------------------------------------------------------------------ names and builders

    /** The README's alias: the register-derived name of the default variant. */
    @Override
    public Map<String, String> documentedNames() {
        return Map.of("aarch64-4k-48", "aarch64");
    }

    /**
     * The setup's own edges, which a TCR_EL1 cannot reach (its fields give no other values) but a
     * caller building a {@link TranslationSetup} can: a PA size IPS does not give (Arm ARM
     * TCR_EL1.IPS: 32, 36, 40, 42, 44, 48, 52), FEAT_LPA without the 64K granule in both halves or
     * a 52-bit PA, a 52-bit PA with neither FEAT_LPA nor DS = 1, DS = 1 with a 64K half, a VA
     * outside 25..52 bits (TnSZ 12..39), and a VA above 48 bits with a 4K or 16K granule and DS =
     * 0.
     */
    @Override
    public List<BuildVector> buildVectors() {
        Class<IllegalArgumentException> refused = IllegalArgumentException.class;
        TranslationHalf k4 = new TranslationHalf(Granule.FOUR_KIB, 48);
        TranslationHalf k64 = new TranslationHalf(Granule.SIXTY_FOUR_KIB, 48);
        return List.of(
                BuildVector.refused(
                        "33-bit PA",
                        "aarch64",
                        () -> new TranslationSetup(k4, k4, 33, false),
                        refused,
                        "33-bit PA",
                        "TCR_EL1.IPS"),
                BuildVector.refused(
                        "56-bit PA",
                        "aarch64",
                        () -> new TranslationSetup(k4, k4, 56, false),
                        refused,
                        "56-bit PA"),
                BuildVector.accepted(
                        "42-bit PA (IPS 011)",
                        "aarch64",
                        () -> Aarch64Architecture.of(new TranslationSetup(k4, k4, 42, false))),
                BuildVector.refused(
                        "FEAT_LPA with a 4K TTBR0",
                        "aarch64-64k-48-lpa",
                        () -> new TranslationSetup(k4, k64, 52, true),
                        refused,
                        "FEAT_LPA",
                        "64K granule in both halves"),
                BuildVector.refused(
                        "FEAT_LPA with a 4K TTBR1",
                        "aarch64-64k-48-lpa",
                        () -> new TranslationSetup(k64, k4, 52, true),
                        refused,
                        "FEAT_LPA",
                        "64K granule in both halves"),
                BuildVector.refused(
                        "FEAT_LPA with a 48-bit PA",
                        "aarch64-64k-48-lpa",
                        () -> new TranslationSetup(k64, k64, 48, true),
                        refused,
                        "FEAT_LPA",
                        "52-bit PA"),
                BuildVector.refused(
                        "52-bit PA with 4K halves and DS = 0",
                        "aarch64",
                        () -> new TranslationSetup(k4, k4, 52, false),
                        refused,
                        "52-bit PA needs",
                        "DS=1"),
                BuildVector.refused(
                        "DS = 1 with a 64K TTBR1",
                        "aarch64-4k-52",
                        () ->
                                new TranslationSetup(
                                        k4, k64, 48, false, true, false, MairLayout.standard()),
                        refused,
                        "DS=1",
                        "4K/16K halves only"),
                BuildVector.refused(
                        "DS = 1 with a 64K TTBR0",
                        "aarch64-4k-52",
                        () ->
                                new TranslationSetup(
                                        k64, k4, 52, false, true, false, MairLayout.standard()),
                        refused,
                        "DS=1",
                        "4K/16K halves only"),
                // TnSZ 12..39: a VA of 25..52 bits; the refusal names the TnSZ a register would
                // hold
                BuildVector.refused(
                        "24-bit VA",
                        "aarch64",
                        () -> new TranslationHalf(Granule.FOUR_KIB, 24),
                        refused,
                        "24 bits (TnSZ 40)",
                        "25..52"),
                BuildVector.accepted(
                        "25-bit VA", "aarch64", () -> new TranslationHalf(Granule.FOUR_KIB, 25)),
                BuildVector.accepted(
                        "64K 52-bit VA",
                        "aarch64",
                        () -> new TranslationHalf(Granule.SIXTY_FOUR_KIB, 52)),
                BuildVector.refused(
                        "53-bit VA",
                        "aarch64",
                        () -> new TranslationHalf(Granule.SIXTY_FOUR_KIB, 53),
                        refused,
                        "53 bits (TnSZ 11)"),
                BuildVector.refused(
                        "4K 52-bit VA with DS = 0",
                        "aarch64-4k-52",
                        () -> TranslationSetup.symmetric(Granule.FOUR_KIB, 52),
                        refused,
                        "52-bit VA",
                        "needs DS=1"));
    }

    // ------------------------------------------------------------------ configuration vectors

    /** TCR_EL1 of aarch64 (4K, 48-bit halves, IPS = 101) without cache or ASID-size fields. */
    private static final long TCR_4K_48 = 0x10 | (0x10L << 16) | (2L << 30) | (5L << 32);

    private static final long TCR_A1 = 1L << 22;
    private static final long TCR_TBI0 = 1L << 37;
    private static final long TCR_TBI1 = 1L << 38;
    private static final long TCR_EPD0 = 1L << 7;
    private static final long TCR_EPD1 = 1L << 23;
    private static final long TCR_HPD0 = 1L << 41;
    private static final long TCR_HPD1 = 1L << 42;
    private static final long TCR_DS = 1L << 59;

    /**
     * TCR_EL1 and MAIR_EL1 values a core reader gives, worked out field by field from the register
     * descriptions (hardware-formats.md §4 "Registers"), with the variant each selects and walks
     * taken from the §4 vectors, moved where the configuration moves them.
     */
    @Override
    public List<ConfigurationVector> configurationVectors() {
        List<ConfigurationVector> all = new ArrayList<>();
        // T0SZ = 25 (39-bit, 4K: L1, 3 levels), T1SZ = 16 (48-bit, 4K: L0, 4 levels), IPS 101
        long mixed4k = 25 | (16L << 16) | (2L << 30) | (5L << 32) | TCR_COMMON;
        all.add(
                selects(
                        "TTBR0 4K 39-bit, TTBR1 4K 48-bit",
                        mixed4k,
                        "aarch64-ttbr0-4k-39-ttbr1-4k-48-pa48",
                        48,
                        0,
                        List.of(3, 4),
                        ReferenceVectors.A4,
                        ReferenceVectors.A2,
                        // 2^39 is past a 39-bit TTBR0 range
                        outside("4K 39-bit TTBR0 end", 0, 1L << 39)));
        // T0SZ = 17, TG0 = 10 (16K: L1, 3 levels); T1SZ = 22, TG1 = 11 (64K: L2, 2 levels)
        long mixed16k64k = 17 | (2L << 14) | (22L << 16) | (3L << 30) | (5L << 32);
        all.add(
                selects(
                        "TTBR0 16K 47-bit, TTBR1 64K 42-bit",
                        mixed16k64k,
                        "aarch64-ttbr0-16k-47-ttbr1-64k-42-pa48",
                        48,
                        0,
                        List.of(3, 2),
                        ReferenceVectors.B2,
                        // C2 through TTBR1: VA[41:0] as C2's, VA[63:42] all ones; L2 = 0x91A
                        HardwareVector.translates(
                                        "C2 in the TTBR1 half",
                                        1,
                                        0xD1000000L,
                                        Map.of(0xD10048D0L, 0x0060000060000701L),
                                        8,
                                        0xFFFFFD23456789ABL,
                                        0x656789ABL)
                                .meaning(0x20000000, 0, "---", "rw-", MemoryType.WRITE_BACK, true),
                        outside("64K 42-bit TTBR1 start", 1, -(1L << 42) - 1)));
        // A1 = 1: the ASID is TTBR1's; TBI0 = 1: VA[63:56] of the TTBR0 half is a tag, TBI1 = 0
        all.add(
                selects(
                        "A1 with TBI0",
                        TCR_4K_48 | TCR_A1 | TCR_TBI0,
                        "aarch64-4k-48-a1-tbi0",
                        48,
                        1,
                        List.of(4, 4),
                        // A1's walk with tag 0x5A in VA[63:56]
                        HardwareVector.translates(
                                        "A1 tagged 0x5A",
                                        0,
                                        0x80000000L,
                                        A1_ENTRIES,
                                        8,
                                        0x5A00001234567ABCL,
                                        0x87654ABCL)
                                .meaning(0x1000, 3, "rwx", "rw-", MemoryType.DEVICE, false),
                        // A2's address with tag 0x5A: TBI1 = 0, so VA[63:48] are not all ones
                        HardwareVector.faults(
                                "A2 tagged 0x5A",
                                1,
                                0x90000000L,
                                A2_ENTRIES,
                                8,
                                0x5AFF000040601234L,
                                FaultType.NON_CANONICAL,
                                -1)));
        // TBI1 = 1 alone: VA[63:56] of the TTBR1 half is a tag, TBI0 = 0
        all.add(
                selects(
                        "TBI1",
                        TCR_4K_48 | TCR_TBI1,
                        "aarch64-4k-48-tbi1",
                        48,
                        0,
                        List.of(4, 4),
                        // A2's walk with tag 0x5A in VA[63:56]: VA[55:48] all ones select TTBR1
                        HardwareVector.translates(
                                        "A2 tagged 0x5A",
                                        1,
                                        0x90000000L,
                                        A2_ENTRIES,
                                        8,
                                        0x5AFF000040601234L,
                                        0x80201234L)
                                .meaning(0x200000, 2, "---", "r--", MemoryType.UNCACHED, true),
                        // A1's address with tag 0x5A: TBI0 = 0, so VA[63:48] are not all zeros
                        HardwareVector.faults(
                                "A1 tagged 0x5A",
                                0,
                                0x80000000L,
                                A1_ENTRIES,
                                8,
                                0x5A00001234567ABCL,
                                FaultType.NON_CANONICAL,
                                -1)));
        // EPD0 = 1: TTBR0 walks are a level-0 translation fault; HPD1 = 1: APTable ignored in TTBR1
        all.add(
                selects(
                        "EPD0 with HPD1",
                        TCR_4K_48 | TCR_EPD0 | TCR_HPD1,
                        "aarch64-4k-48-hpd1-epd0",
                        48,
                        0,
                        List.of(4, 4),
                        HardwareVector.faults(
                                "A1 with EPD0",
                                0,
                                0x80000000L,
                                A1_ENTRIES,
                                8,
                                0x0000001234567ABCL,
                                FaultType.NOT_PRESENT,
                                0),
                        // A3 through TTBR1 (VA[47:0] as A3's): APTable[0] ignored, so AP = 11 is
                        // EL0 and EL1 read-only; UXN clear lets EL0 execute, PXN stops EL1
                        a3(1, 0xFFFF008040000ABCL, false),
                        // the same in the TTBR0 half still obeys APTable: walks are disabled there
                        HardwareVector.faults(
                                "A3 with EPD0",
                                0,
                                0x80000000L,
                                A3_ENTRIES,
                                8,
                                0x0000008040000ABCL,
                                FaultType.NOT_PRESENT,
                                0)));
        // EPD1 = 1 and HPD0 = 1: the mirror image
        all.add(
                selects(
                        "EPD1 with HPD0",
                        TCR_4K_48 | TCR_EPD1 | TCR_HPD0,
                        "aarch64-4k-48-hpd0-epd1",
                        48,
                        0,
                        List.of(4, 4),
                        a3(0, 0x0000008040000ABCL, false),
                        HardwareVector.faults(
                                "A2 with EPD1",
                                1,
                                0x90000000L,
                                A2_ENTRIES,
                                8,
                                0xFFFF000040601234L,
                                FaultType.NOT_PRESENT,
                                0)));
        // APTable obeyed in both halves without HPD: A3 through TTBR1 gives EL0 nothing
        all.add(
                selects(
                        "A3 through TTBR1",
                        TCR_4K_48 | TCR_COMMON,
                        "aarch64-4k-48",
                        48,
                        0,
                        List.of(4, 4),
                        a3(1, 0xFFFF008040000ABCL, true)));
        // IPS = 000..100: 32, 36, 40, 42, 44-bit PA; A3's output 0xC0_0000_0000 is 2^39 + 2^38
        // a TTBR0 base of 2^32 is past a 32-bit PA (an address size fault before any descriptor
        // is read), and an empty table under a 36-bit one
        all.add(ips(0, 32, ReferenceVectors.A1, a3Beyond(32), baseAt4Gib(FaultType.ROOT_LOAD, -1)));
        all.add(
                ips(
                        1,
                        36,
                        ReferenceVectors.A1,
                        a3Beyond(36),
                        baseAt4Gib(FaultType.NOT_PRESENT, 0)));
        all.add(ips(2, 40, ReferenceVectors.A1, ReferenceVectors.A3));
        all.add(ips(3, 42, ReferenceVectors.A1, ReferenceVectors.A3));
        all.add(ips(4, 44, ReferenceVectors.A1, ReferenceVectors.A3));
        // DS = 1 with 64K halves: DS concerns 4K/16K only, IPS 110 with 64K is FEAT_LPA
        all.add(
                selects(
                        "DS with 64K halves",
                        16 | (1L << 14) | (16L << 16) | (3L << 30) | (6L << 32) | TCR_DS,
                        "aarch64-64k-48-lpa",
                        52,
                        0,
                        List.of(3, 3),
                        ReferenceVectors.C3));
        // DS = 1, 4K 48-bit halves, IPS 101: the LPA2 descriptor format with a 48-bit PA
        all.add(
                selects(
                        "DS with 4K 48-bit halves and a 48-bit PA",
                        TCR_4K_48 | TCR_DS,
                        "aarch64-4k-48-lpa2-pa48",
                        48,
                        0,
                        List.of(4, 4),
                        DS_L0_BLOCK,
                        // desc[9:8] = 01 is OA[51:50] = 01: OA 2^50 is past the 48-bit PA, an
                        // address size fault at L0
                        HardwareVector.faults(
                                "4K DS=1 48-bit L0 block with OA[50]",
                                0,
                                0xE2000000L,
                                Map.of(0xE2000008L, 0x0060010000000589L),
                                8,
                                0x0000008012345678L,
                                FaultType.RESERVED_BIT,
                                0)));
        // the same with IPS 110: a 52-bit PA, 48-bit VAs
        all.add(
                selects(
                        "DS with 4K 48-bit halves and a 52-bit PA",
                        (TCR_4K_48 & ~(7L << 32)) | (6L << 32) | TCR_DS,
                        "aarch64-4k-48-lpa2",
                        52,
                        0,
                        List.of(4, 4),
                        DS_L0_BLOCK));
        // halves that differ with a 52-bit PA: 64K 48-bit and 64K 42-bit (FEAT_LPA); 4K 48-bit
        // and 16K 47-bit with DS = 1 (FEAT_LPA2)
        all.add(
                selects(
                        "64K 48-bit TTBR0, 64K 42-bit TTBR1, IPS 110",
                        16 | (1L << 14) | (22L << 16) | (3L << 30) | (6L << 32),
                        "aarch64-ttbr0-64k-48-ttbr1-64k-42-pa52-lpa",
                        52,
                        0,
                        List.of(3, 2),
                        ReferenceVectors.C3));
        all.add(
                selects(
                        "4K 48-bit TTBR0, 16K 47-bit TTBR1, DS, IPS 110",
                        16 | (17L << 16) | (1L << 30) | (6L << 32) | TCR_DS,
                        "aarch64-ttbr0-4k-48-ttbr1-16k-47-pa52-lpa2",
                        52,
                        0,
                        List.of(4, 3),
                        DS_L0_BLOCK));
        // T0SZ = T1SZ = 12, TG0 = 00, TG1 = 10, IPS 110, DS = 1: aarch64-4k-52 and its D1
        all.add(
                selects(
                        "4K 52-bit with DS",
                        12 | (12L << 16) | (2L << 30) | (6L << 32) | TCR_DS,
                        "aarch64-4k-52",
                        52,
                        0,
                        List.of(5, 5),
                        ReferenceVectors.D1));
        // T0SZ = T1SZ = 12 with TG0 = 01, TG1 = 11 (64K), IPS 101, DS = 0: 52-bit VAs need no DS
        // with 64K (FEAT_LVA); L1 with 1024 entries (VA[51:42])
        long lva = 12 | (1L << 14) | (12L << 16) | (3L << 30) | (5L << 32);
        all.add(
                selects(
                        "64K 52-bit VA (FEAT_LVA), 48-bit PA",
                        lva,
                        "aarch64-64k-52",
                        48,
                        0,
                        List.of(3, 3),
                        // VA 2^51 is L1 index 512 of an empty table: a translation fault at L1
                        HardwareVector.faults(
                                "64K 52-bit VA 2^51",
                                0,
                                0xD0000000L,
                                Map.of(),
                                8,
                                1L << 51,
                                FaultType.NOT_PRESENT,
                                0),
                        outside("64K 52-bit TTBR0 end", 0, 1L << 52)));
        // MAIR_EL1 only: every byte decoded (Arm ARM MAIR_EL1.Attr<n>), seen through A1's walk
        // with AttrIndx n in its page
        long mair = 0xBB440C3377A040F0L;
        MemoryType[] types = {
            MemoryType.WRITE_BACK, // 0xF0: Tagged Normal, write-back
            MemoryType.UNCACHED, // 0x40: Normal non-cacheable (XS = 0)
            MemoryType.WRITE_THROUGH, // 0xA0: Normal write-through (XS = 0)
            MemoryType.WRITE_BACK, // 0x77: write-back transient, both allocate
            MemoryType.WRITE_THROUGH, // 0x33: write-through transient, both allocate
            MemoryType.DEVICE, // 0x0C: Device-GRE
            MemoryType.UNCACHED, // 0x44: Normal non-cacheable
            MemoryType.WRITE_THROUGH // 0xBB: write-through non-transient
        };
        List<HardwareVector> byIndex = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            byIndex.add(a1WithAttrIndx(n, types[n]));
        }
        // writing: each type at its first index; write-combining, which no byte names, at the
        // first Normal NC (Attr1 0x40), so it reads back as uncached
        all.add(
                mairSelects("MAIR_EL1 " + Long.toHexString(mair), mair, byIndex)
                        .withMemoryTypesWritten(
                                Map.of(
                                        MemoryType.WRITE_BACK, MemoryType.WRITE_BACK,
                                        MemoryType.UNCACHED, MemoryType.UNCACHED,
                                        MemoryType.WRITE_THROUGH, MemoryType.WRITE_THROUGH,
                                        MemoryType.DEVICE, MemoryType.DEVICE,
                                        MemoryType.WRITE_COMBINING, MemoryType.UNCACHED)));
        // MAIR_EL1 as the default layout states it (Attr5 0x44 is the write-combining index):
        // AttrIndx 0..5 read WB, Device, NC, WT, Device, WC, and each type reads back as itself
        MemoryType[] standard = {
            MemoryType.WRITE_BACK,
            MemoryType.DEVICE,
            MemoryType.UNCACHED,
            MemoryType.WRITE_THROUGH,
            MemoryType.DEVICE,
            MemoryType.WRITE_COMBINING
        };
        List<HardwareVector> byStandardIndex = new ArrayList<>();
        Map<MemoryType, MemoryType> itself = new EnumMap<>(MemoryType.class);
        for (int n = 0; n < standard.length; n++) {
            byStandardIndex.add(a1WithAttrIndx(n, standard[n]));
            itself.put(standard[n], standard[n]);
        }
        all.add(
                mairSelects(
                                "MAIR_EL1 " + Long.toHexString(MAIR) + " (the default)",
                                MAIR,
                                byStandardIndex)
                        .withMemoryTypesWritten(itself));
        // every byte 0xFF (Normal write-back, non-transient, both allocate): write-back only;
        // no Normal NC either, so write-combining is refused with the rest
        all.add(
                mairSelects(
                                "MAIR_EL1 all write-back",
                                -1L,
                                List.of(a1WithAttrIndx(7, MemoryType.WRITE_BACK)))
                        .withMemoryTypesWritten(
                                Map.of(MemoryType.WRITE_BACK, MemoryType.WRITE_BACK)));
        // refused: IPS 111 reserved; TG0 11 and TG1 00 reserved; IPS 110 with 4K and DS = 0;
        // IPS 110 with 64K only in TTBR0; T0SZ 40 (24 bits) and 11 (53 bits) outside 12..39;
        // MAIR bytes 0x01 (Device with low bits) and 0x50 (Normal, inner 0000) unpredictable
        all.add(refused("IPS 111", TCR_4K_48 | (7L << 32)));
        all.add(refused("TG0 11", TCR_4K_48 | (3L << 14)));
        all.add(refused("TG1 00", TCR_4K_48 & ~(3L << 30)));
        all.add(refused("IPS 110 with 4K and DS = 0", TCR_4K_48 | (6L << 32)));
        all.add(
                refused(
                        "IPS 110 with 64K TTBR0, 4K TTBR1",
                        16 | (1L << 14) | (16L << 16) | (2L << 30) | (6L << 32)));
        all.add(
                refused(
                        "IPS 110 with 4K TTBR0, 64K TTBR1",
                        16 | (16L << 16) | (3L << 30) | (6L << 32)));
        all.add(refused("T0SZ 40", (TCR_4K_48 & ~0x3FL) | 40));
        // T0SZ 12 (52 bits) with 4K needs DS = 1; DS = 1 takes 4K/16K halves only, so a 64K
        // TTBR0 beside a 4K TTBR1 with DS = 1 is no setup, whatever the PA size
        all.add(refused("T0SZ 12 with 4K and DS = 0", (TCR_4K_48 & ~0x3FL) | 12));
        all.add(
                refused(
                        "DS with 64K TTBR0, 4K TTBR1, IPS 110",
                        16 | (1L << 14) | (16L << 16) | (2L << 30) | (6L << 32) | TCR_DS));
        all.add(
                refused(
                        "DS with 64K TTBR0, 4K TTBR1, IPS 101",
                        16 | (1L << 14) | (16L << 16) | (2L << 30) | (5L << 32) | TCR_DS));
        all.add(
                refused(
                        "DS with 4K TTBR0, 64K TTBR1, IPS 101",
                        16 | (16L << 16) | (3L << 30) | (5L << 32) | TCR_DS));
        all.add(refused("T1SZ 11", (TCR_4K_48 & ~(0x3FL << 16)) | (11L << 16) | TCR_DS));
        all.add(
                ConfigurationVector.refused(
                        "MAIR_EL1 Attr0 0x01",
                        "aarch64",
                        VariantConfiguration.none().withMemoryAttributes(0x01)));
        all.add(
                ConfigurationVector.refused(
                        "MAIR_EL1 Attr3 0x50",
                        "aarch64",
                        VariantConfiguration.none().withMemoryAttributes(0x50FFFFFFL)));
        return all;
    }

    /**
     * A 4K DS = 1 walk: L0 = VA[47:39] = 1; block 0b01, AttrIndx 2 (0x8), AP = 10 (0x80), AF
     * (0x400), PXN UXN, desc[49:39] = 0x100_0000_0000, desc[9:8] (OA[51:50]) = 00.
     */
    private static final HardwareVector DS_L0_BLOCK =
            HardwareVector.translates(
                            "4K DS=1 48-bit L0 block",
                            0,
                            0xE2000000L,
                            Map.of(0xE2000008L, 0x0060010000000489L),
                            8,
                            0x0000008012345678L,
                            0x0000010012345678L)
                    .meaning(1L << 39, 0, "---", "r--", MemoryType.UNCACHED, true);

    private static final Map<Long, Long> A1_ENTRIES =
            Map.of(
                    0x80000000L, 0x0000000080001003L,
                    0x80001240L, 0x0000000080002003L,
                    0x80002D10L, 0x0000000080003003L,
                    0x80003B38L, 0x0020000087654F47L);

    private static final Map<Long, Long> A2_ENTRIES =
            Map.of(
                    0x90000000L, 0x0000000090001003L,
                    0x90001008L, 0x0000000090002003L,
                    0x90002018L, 0x0060000080200789L);

    private static final Map<Long, Long> A3_ENTRIES =
            Map.of(
                    0x80000008L, 0x2000000080010003L,
                    0x80010008L, 0x008000C000000ED1L);

    /**
     * A3's walk from {@code root}: a 1 GiB block, AttrIndx 4 (Device-nGnRnE), AP = 11, nG, under an
     * L0 table with APTable[0]. With {@code hierarchical} (HPDn = 0) EL0 gets nothing and EL1 reads
     * and executes, as A3 says. Without (HPDn = 1) the block gets PXN (bit 53) too: APTable
     * ignored, EL0 reads and executes (UXN clear), EL1 only reads.
     */
    private static HardwareVector a3(int root, long va, boolean hierarchical) {
        return HardwareVector.translates(
                        "A3 through TTBR" + root + (hierarchical ? "" : " with PXN, HPD" + root),
                        root,
                        0x80000000L,
                        hierarchical
                                ? A3_ENTRIES
                                : Map.of(
                                        0x80000008L, 0x2000000080010003L,
                                        0x80010008L, 0x00A000C000000ED1L),
                        8,
                        va,
                        0xC000000ABCL)
                .meaning(
                        0x40000000,
                        1,
                        hierarchical ? "---" : "r-x",
                        hierarchical ? "r-x" : "r--",
                        MemoryType.DEVICE,
                        false);
    }

    /** A1's walk with AttrIndx [4:2] = {@code n} in its page, read as {@code type}. */
    private static HardwareVector a1WithAttrIndx(int n, MemoryType type) {
        return HardwareVector.translates(
                        "A1 with AttrIndx " + n,
                        0,
                        0x80000000L,
                        Map.of(
                                0x80000000L, 0x0000000080001003L,
                                0x80001240L, 0x0000000080002003L,
                                0x80002D10L, 0x0000000080003003L,
                                0x80003B38L, 0x0020000087654F43L | ((long) n << 2)),
                        8,
                        0x0000001234567ABCL,
                        0x87654ABCL)
                .meaning(0x1000, 3, "rwx", "rw-", type, false);
    }

    /** A1's address walked from a TTBR0 base of 2^32 holding no descriptor. */
    private static HardwareVector baseAt4Gib(FaultType fault, int level) {
        return HardwareVector.faults(
                "TTBR0 base 2^32", 0, 1L << 32, Map.of(), 8, 0x0000001234567ABCL, fault, level);
    }

    /** A3 under a PA narrower than its output 0xC0_0000_0000: an address size fault at L1. */
    private static HardwareVector a3Beyond(int paBits) {
        return HardwareVector.faults(
                "A3 past a " + paBits + "-bit PA",
                0,
                0x80000000L,
                A3_ENTRIES,
                8,
                0x0000008040000ABCL,
                FaultType.RESERVED_BIT,
                1);
    }

    private static ConfigurationVector ips(int ips, int bits, HardwareVector... walks) {
        return selects(
                "IPS " + ips,
                (TCR_4K_48 & ~(7L << 32)) | ((long) ips << 32),
                "aarch64-ttbr0-4k-48-ttbr1-4k-48-pa" + bits,
                bits,
                0,
                List.of(4, 4),
                walks);
    }

    /** An address just outside the half of {@code root}: no translation, before any entry. */
    private static HardwareVector outside(String id, int root, long va) {
        return HardwareVector.faults(id, root, 0, Map.of(), 8, va, FaultType.NON_CANONICAL, -1);
    }

    private static ConfigurationVector selects(
            String id,
            long tcr,
            String name,
            int paBits,
            int tagRoot,
            List<Integer> levels,
            HardwareVector... walks) {
        return ConfigurationVector.selects(
                "TCR_EL1 " + id,
                "aarch64",
                VariantConfiguration.none().withTranslationControl(tcr),
                name,
                paBits,
                tagRoot,
                levels,
                List.of(walks));
    }

    /** MAIR_EL1 = {@code mair} on aarch64: the same variant, its walks read as given. */
    private static ConfigurationVector mairSelects(
            String id, long mair, List<HardwareVector> walks) {
        return ConfigurationVector.selects(
                id,
                "aarch64",
                VariantConfiguration.none().withMemoryAttributes(mair),
                "aarch64",
                48,
                0,
                List.of(4, 4),
                walks);
    }

    private static ConfigurationVector refused(String id, long tcr) {
        return ConfigurationVector.refused(
                "TCR_EL1 " + id,
                "aarch64",
                VariantConfiguration.none().withTranslationControl(tcr));
    }

    private static BootVector boot(
            String variant, String what, RootSettings settings, long ttbr0, long ttbr1, long tcr) {
        return new BootVector(
                "aarch64 boot: " + what,
                variant,
                List.of(TABLE0, TABLE1),
                settings,
                Map.of("TTBR0_EL1", ttbr0, "TTBR1_EL1", ttbr1, "TCR_EL1", tcr, "MAIR_EL1", MAIR));
    }
}
