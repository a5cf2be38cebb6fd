package io.pagoda.arch.aarch64;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verified AArch64 walks of hardware-formats.md §4 (A1-A4, B1-B2, C1-C3, D1 and the three
 * negatives), each given to the variants whose TTBR half it was written for, plus negatives that
 * follow from the §4 tables (a block where the granule allows none; addresses just outside both
 * ranges) and FEAT_LPA2 walks worked out by hand.
 */
final class ReferenceVectors {
    private static final int TTBR0 = 0;
    private static final int TTBR1 = 1;
    private static final int ENTRY_SIZE = 8;

    private static final TranslationHalf K4_48 = new TranslationHalf(Granule.FOUR_KIB, 48);
    private static final TranslationHalf K4_39 = new TranslationHalf(Granule.FOUR_KIB, 39);
    private static final TranslationHalf K16_48 = new TranslationHalf(Granule.SIXTEEN_KIB, 48);
    private static final TranslationHalf K16_47 = new TranslationHalf(Granule.SIXTEEN_KIB, 47);
    private static final TranslationHalf K64_48 = new TranslationHalf(Granule.SIXTY_FOUR_KIB, 48);
    private static final TranslationHalf K64_42 = new TranslationHalf(Granule.SIXTY_FOUR_KIB, 42);
    private static final TranslationHalf K4_52 = new TranslationHalf(Granule.FOUR_KIB, 52);
    private static final TranslationHalf K16_52 = new TranslationHalf(Granule.SIXTEEN_KIB, 52);

    static final HardwareVector A1 =
            HardwareVector.translates(
                            "A1",
                            TTBR0,
                            0x80000000L,
                            Map.of(
                                    0x80000000L, 0x0000000080001003L,
                                    0x80001240L, 0x0000000080002003L,
                                    0x80002D10L, 0x0000000080003003L,
                                    0x80003B38L, 0x0020000087654F47L),
                            ENTRY_SIZE,
                            0x0000001234567ABCL,
                            0x87654ABCL)
                    // page 0xF47: AttrIndx 1 (Device-nGnRE), AP=01 (EL0 RW), SH=11, AF, nG; PXN
                    // (bit 53), UXN clear
                    .meaning(0x1000, 3, "rwx", "rw-", MemoryType.DEVICE, false)
                    // letters X(UXN) P(PXN) B(block) D(DBM) A(AF) G(nG clear) S(SH=11) U(AP[1])
                    // W(AP[2] clear)
                    .tlbLine("0000001234567000: 0000000087654000 -P--A-SUW");

    static final HardwareVector A2 =
            HardwareVector.translates(
                            "A2",
                            TTBR1,
                            0x90000000L,
                            Map.of(
                                    0x90000000L, 0x0000000090001003L,
                                    0x90001008L, 0x0000000090002003L,
                                    0x90002018L, 0x0060000080200789L),
                            ENTRY_SIZE,
                            0xFFFF000040601234L,
                            0x80201234L)
                    // 2 MiB block 0x789: AttrIndx 2 (non-cacheable), AP=10 (EL1 RO), SH=11, AF, nG
                    // clear; PXN, UXN
                    .meaning(0x200000, 2, "---", "r--", MemoryType.UNCACHED, true)
                    .tlbLine("ffff000040600000: 0000000080200000 XPB-AGS--");

    static final HardwareVector A3 =
            HardwareVector.translates(
                            "A3",
                            TTBR0,
                            0x80000000L,
                            Map.of(
                                    0x80000008L, 0x2000000080010003L,
                                    0x80010008L, 0x008000C000000ED1L),
                            ENTRY_SIZE,
                            0x0000008040000ABCL,
                            0xC000000ABCL)
                    // L0 table with APTable[0] (bit 61): no EL0 below; 1 GiB block 0xED1: AttrIndx
                    // 4 (Device-nGnRnE), AP=11 (RO),
                    // SH=10, AF, nG, software bit 55; no XN: EL1 reads and executes (the page is
                    // not EL0-writable)
                    .meaning(0x40000000, 1, "---", "r-x", MemoryType.DEVICE, false)
                    .retains(0x0080000000000000L)
                    // the leaf's own bits: no UXN, no PXN, a block, AF, nG, SH = 10 (not inner),
                    // AP[1] set (EL0, though APTable takes it away), AP[2] set (read-only)
                    .tlbLine("0000008040000000: 000000c000000000 --B-A--U-");

    static final HardwareVector A4 =
            HardwareVector.translates(
                            "A4",
                            TTBR0,
                            0xA0000000L,
                            Map.of(
                                    0xA0000800L, 0x00000000A0001003L,
                                    0xA0001048L, 0x00000000A0002003L,
                                    0xA00021A0L, 0x00400000BEEF0703L),
                            ENTRY_SIZE,
                            0x0000004001234567L,
                            0xBEEF0567L)
                    // page 0x703: AttrIndx 0 (WB), AP=00 (EL1 RW), SH=11, AF, global; UXN
                    .meaning(0x1000, 2, "---", "rwx", MemoryType.WRITE_BACK, true);

    static final HardwareVector B1 =
            HardwareVector.translates(
                            "B1",
                            TTBR0,
                            0xC0000000L,
                            Map.of(
                                    0xC0000008L, 0x00000000C0004003L,
                                    0xC0004090L, 0x00000000C0008003L,
                                    0xC0008D10L, 0x00000000C000C003L,
                                    0xC000ECF0L, 0x000000012345C707L),
                            ENTRY_SIZE,
                            0x00008123456789ABL,
                            0x12345C9ABL)
                    // 16K page 0x707: AttrIndx 1 (Device-nGnRE), AP=00, SH=11, AF, global; no XN
                    .meaning(0x4000, 3, "---", "rwx", MemoryType.DEVICE, true);

    static final HardwareVector B2 =
            HardwareVector.translates(
                            "B2",
                            TTBR0,
                            0xC1000000L,
                            Map.of(
                                    0xC1000918L, 0x00000000C1004003L,
                                    0xC1005158L, 0x00600000FE00078DL),
                            ENTRY_SIZE,
                            0x0000123456789ABCL,
                            0xFE789ABCL)
                    // 32 MiB block 0x78D: AttrIndx 3 (WT), AP=10 (EL1 RO), SH=11, AF, global; PXN,
                    // UXN
                    .meaning(0x2000000, 1, "---", "r--", MemoryType.WRITE_THROUGH, true);

    static final HardwareVector C1 =
            HardwareVector.translates(
                            "C1",
                            TTBR0,
                            0xD0000000L,
                            Map.of(
                                    0xD00001F8L, 0x00000000D0010003L,
                                    0xD001B728L, 0x00000000D0020003L,
                                    0xD002D4C0L, 0x00200000ABCD0F47L),
                            ENTRY_SIZE,
                            0x0000FEDCBA987654L,
                            0xABCD7654L)
                    // 64K page 0xF47: AttrIndx 1, AP=01 (EL0 RW), SH=11, AF, nG; PXN
                    .meaning(0x10000, 2, "rwx", "rw-", MemoryType.DEVICE, false);

    static final HardwareVector C2 =
            HardwareVector.translates(
                            "C2",
                            TTBR0,
                            0xD1000000L,
                            Map.of(0xD10048D0L, 0x0060000060000701L),
                            ENTRY_SIZE,
                            0x00000123456789ABL,
                            0x656789ABL)
                    // 512 MiB block 0x701: AttrIndx 0 (WB), AP=00, SH=11, AF, global; PXN, UXN
                    .meaning(0x20000000, 0, "---", "rw-", MemoryType.WRITE_BACK, true);

    static final HardwareVector C3 =
            HardwareVector.translates(
                            "C3",
                            TTBR0,
                            0xD2000000L,
                            Map.of(
                                    0xD2000000L, 0x00000000D2010003L,
                                    0xD2010000L, 0x00000000D2020003L,
                                    0xD2020008L, 0x000000001234F707L),
                            ENTRY_SIZE,
                            0x0000000000012345L,
                            0xF000012342345L)
                    // 64K page 0xF707: OA[51:48] = 0xF; AttrIndx 1, AP=00, SH=11, AF, global; no XN
                    .meaning(0x10000, 2, "---", "rwx", MemoryType.DEVICE, true);

    /**
     * D1 of the reference: 4K with DS=1 (FEAT_LPA2), T0SZ = 12, so the walk starts at level -1
     * (VA[51:48] = 0xF, 16 entries). The page's desc[9:8] = 0b11 are OA[51:50], not shareability:
     * OA = 0b11 << 50 | 0x5000 = 0xC_0000_0000_5000. Leaf 0x707: AttrIndx 1 (Device-nGnRE in the
     * default MAIR), AP=00 (EL1 RW), AF, global, no XN.
     */
    static final HardwareVector D1 =
            HardwareVector.translates(
                            "D1",
                            TTBR0,
                            0xE0000000L,
                            Map.of(
                                    0xE0000078L, 0x00000000E0001003L,
                                    0xE0001000L, 0x00000000E0002003L,
                                    0xE0002000L, 0x00000000E0003003L,
                                    0xE0003000L, 0x00000000E0004003L,
                                    0xE0004008L, 0x0000000000005707L),
                            ENTRY_SIZE,
                            0x000F000000001234L,
                            0xC000000005234L)
                    .meaning(0x1000, 4, "---", "rwx", MemoryType.DEVICE, true);

    /**
     * By hand, 4K with DS=1 (aarch64-4k-52): a 512 GiB block at L0, allowed only with DS=1. VA
     * 0x0003_0080_1234_5678: L-1 = VA[51:48] = 3, L0 = VA[47:39] = 1 (0x80_0000_0000 = 2^39),
     * offset VA[38:0] = 0x1234_5678. L-1 @ 0xE2000000 + 3 * 8 = 0xE2000018 -> table 0xE2001000;
     * L0 @ 0xE2001000 + 1 * 8 = 0xE2001008 = 0x0060_0100_0000_0789: block (0b01), AttrIndx 2 (0x8,
     * non-cacheable), AP=10 (0x80, EL1 RO), desc[9:8] = 0b11 (0x300) = OA[51:50], AF (0x400), PXN
     * UXN; desc[49:39] = 0x100_0000_0000. OA = 0b11 << 50 | 0x100_0000_0000 = 0xC_0100_0000_0000,
     * PA = OA + 0x1234_5678 = 0xC_0100_1234_5678.
     */
    static final HardwareVector LPA2_L0_BLOCK =
            HardwareVector.translates(
                            "4K DS=1 512 GiB block at L0",
                            TTBR0,
                            0xE2000000L,
                            Map.of(
                                    0xE2000018L, 0x00000000E2001003L,
                                    0xE2001008L, 0x0060010000000789L),
                            ENTRY_SIZE,
                            0x0003008012345678L,
                            0x000C010012345678L)
                    .meaning(1L << 39, 1, "---", "r--", MemoryType.UNCACHED, true);

    /**
     * By hand: the same walk with a block (0b01) at L-1, where no granule allows one: a translation
     * fault at the first level.
     */
    static final HardwareVector LPA2_LM1_BLOCK =
            HardwareVector.faults(
                    "4K DS=1 block at L-1",
                    TTBR0,
                    0xE2000000L,
                    Map.of(0xE2000018L, 0x0000000000000701L),
                    ENTRY_SIZE,
                    0x0003008012345678L,
                    FaultType.NOT_PRESENT,
                    0);

    /**
     * By hand, 16K with DS=1 (aarch64-16k-52), T0SZ = 12: start L0 with 32 entries (VA[51:47]). VA
     * 0x000A_8000_0002_C123: VA[51:47] = 0b10101 = 21, L1 = VA[46:36] = 0, L2 = VA[35:25] = 0, L3 =
     * VA[24:14] = 0x2C123 >> 14 = 11, offset 0x0123. L0 @ 0xE1000000 + 21 * 8 = 0xE10000A8; L1 @
     * 0xE1004000; L2 @ 0xE1008000; L3 @ 0xE100C000 + 11 * 8 = 0xE100C058 = 0x0022_0000_1234_CE43:
     * page (0b11), AttrIndx 0 (WB), AP=01 (0x40, EL0 RW), desc[9:8] = 0b10 (0x200) = OA[51:50], AF
     * (0x400), nG (0x800), PXN (bit 53), desc[49:14] = 0x2_0000_1234_C000. OA = 0b10 << 50 |
     * 0x2_0000_1234_C000 = 0xA_0000_1234_C000; PA = 0xA_0000_1234_C123.
     */
    static final HardwareVector LPA2_16K_PAGE =
            HardwareVector.translates(
                            "16K DS=1 page",
                            TTBR0,
                            0xE1000000L,
                            Map.of(
                                    0xE10000A8L, 0x00000000E1004003L,
                                    0xE1004000L, 0x00000000E1008003L,
                                    0xE1008000L, 0x00000000E100C003L,
                                    0xE100C058L, 0x002200001234CE43L),
                            ENTRY_SIZE,
                            0x000A80000002C123L,
                            0x000A00001234C123L)
                    .meaning(0x4000, 3, "rwx", "rw-", MemoryType.WRITE_BACK, false);

    /**
     * By hand, 16K with DS=1 (aarch64-16k-52): a 64 GiB block at L1, allowed only with DS=1. VA
     * 0x0000_8010_0000_1234: L0 = VA[51:47] = 1 (2^47), L1 = VA[46:36] = 1 (0x10_0000_0000 = 2^36),
     * offset VA[35:0] = 0x1234. L0 @ 0xE3000000 + 8 -> table 0xE3004000; L1 @ 0xE3004008 =
     * 0x0040_0010_0000_050D: block (0b01), AttrIndx 3 (0xC, write-through), AP=00 (EL1 RW),
     * desc[9:8] = 0b01 (0x100) = OA[51:50], AF (0x400), UXN (bit 54); desc[49:36] = 0x10_0000_0000.
     * OA = 0b01 << 50 | 0x10_0000_0000 = 0x4_0010_0000_0000, PA = 0x4_0010_0000_1234.
     */
    static final HardwareVector LPA2_16K_L1_BLOCK =
            HardwareVector.translates(
                            "16K DS=1 64 GiB block at L1",
                            TTBR0,
                            0xE3000000L,
                            Map.of(
                                    0xE3000008L,
                                    0x00000000E3004003L,
                                    0xE3004008L,
                                    0x004000100000050DL),
                            ENTRY_SIZE,
                            0x0000801000001234L,
                            0x0004001000001234L)
                    .meaning(1L << 36, 1, "---", "rwx", MemoryType.WRITE_THROUGH, true);

    /**
     * Reference negative 1: bits[1:0] = 01 at L0 with the 4K granule (DS=0) is no block: a
     * translation fault.
     */
    static final HardwareVector L0_BLOCK =
            HardwareVector.faults(
                    "4K block at L0",
                    TTBR0,
                    0x80000000L,
                    Map.of(0x80000000L, 0x0000000000000701L),
                    ENTRY_SIZE,
                    0x0000001234567ABCL,
                    FaultType.NOT_PRESENT,
                    0);

    /**
     * Reference negative 3: A1's walk with its L3 descriptor's bits[1:0] = 01 (reserved, behaves as
     * invalid).
     */
    static final HardwareVector L3_TYPE_01 =
            HardwareVector.faults(
                    "L3 descriptor 01",
                    TTBR0,
                    0x80000000L,
                    Map.of(
                            0x80000000L, 0x0000000080001003L,
                            0x80001240L, 0x0000000080002003L,
                            0x80002D10L, 0x0000000080003003L,
                            0x80003B38L, 0x0020000087654F45L),
                    ENTRY_SIZE,
                    0x0000001234567ABCL,
                    FaultType.NOT_PRESENT,
                    3);

    /** From the §4 block table: a 64K L1 block (4 TiB) needs FEAT_LPA; C1's walk with one at L1. */
    static final HardwareVector L1_BLOCK_64K =
            HardwareVector.faults(
                    "64K block at L1 without FEAT_LPA",
                    TTBR0,
                    0xD0000000L,
                    Map.of(0xD00001F8L, 0x0000000000000701L),
                    ENTRY_SIZE,
                    0x0000FEDCBA987654L,
                    FaultType.NOT_PRESENT,
                    0);

    /**
     * From the §4 block table: with FEAT_LPA a 64K L1 block (4 TiB) is valid. L1 index VA[47:42] =
     * 3; block 0x701 (AttrIndx 0, AP = 00, SH = 11, AF, no XN), OA[47:42] = 000001 in desc[47:42],
     * OA[51:48] = 0xF in desc[15:12]: OA 0xF_0400_0000_0000 plus VA[41:0].
     */
    static final HardwareVector LPA_L1_BLOCK_64K =
            HardwareVector.translates(
                            "64K block at L1 with FEAT_LPA",
                            TTBR0,
                            0xD3000000L,
                            Map.of(0xD3000018L, 0x000004000000F701L),
                            ENTRY_SIZE,
                            0x00000C123456789AL,
                            0x000F04123456789AL)
                    .meaning(1L << 42, 0, "---", "rwx", MemoryType.WRITE_BACK, true);

    /** From the §4 block table: a 16K L1 block (64 GiB) needs DS=1; B2's walk with one at L1. */
    static final HardwareVector L1_BLOCK_16K =
            HardwareVector.faults(
                    "16K block at L1",
                    TTBR0,
                    0xC1000000L,
                    Map.of(0xC1000918L, 0x0000000000000701L),
                    ENTRY_SIZE,
                    0x0000123456789ABCL,
                    FaultType.NOT_PRESENT,
                    0);

    private ReferenceVectors() {}

    /** The vectors that apply to {@code setup}. */
    static List<HardwareVector> forSetup(TranslationSetup setup) {
        List<HardwareVector> vectors = new ArrayList<>();
        TranslationHalf lower = setup.lower();
        TranslationHalf upper = setup.upper();
        // the reference's output addresses are below 2^40 (A3's is the highest) and its tables
        // below 2^32
        boolean fullWidth = setup.physicalAddressBits() >= 40;
        if (setup.lpa2() && setup.physicalAddressBits() == 52 && lower.equals(K4_52)) {
            vectors.add(D1);
            vectors.add(LPA2_L0_BLOCK);
            vectors.add(LPA2_LM1_BLOCK);
        }
        if (setup.lpa2() && setup.physicalAddressBits() == 52 && lower.equals(K16_52)) {
            vectors.add(LPA2_16K_PAGE);
            vectors.add(LPA2_16K_L1_BLOCK);
        }
        if (fullWidth && !setup.largePhysicalAddress() && !setup.lpa2()) {
            if (lower.equals(K4_48)) {
                vectors.add(A1);
            }
            if (upper.equals(K4_48)) {
                vectors.add(A2);
            }
            if (lower.equals(K4_48)) {
                vectors.add(A3);
                vectors.add(L3_TYPE_01);
            }
            if (lower.equals(K4_39)) {
                vectors.add(A4);
            }
            if (lower.equals(K16_48)) {
                vectors.add(B1);
            }
            if (lower.equals(K16_47)) {
                vectors.add(B2);
                vectors.add(L1_BLOCK_16K);
            }
            if (lower.equals(K64_48)) {
                vectors.add(L1_BLOCK_64K);
            }
            if (lower.equals(K64_42)) {
                vectors.add(C2);
            }
            if (lower.granule() == Granule.FOUR_KIB && lower.startLevel() == 0) {
                vectors.add(L0_BLOCK);
            }
        }
        if (fullWidth && lower.equals(K64_48)) {
            vectors.add(C1); // desc[15:12] are zero in C1, so it reads the same with FEAT_LPA
        }
        if (setup.largePhysicalAddress() && lower.equals(K64_48)) {
            vectors.add(C3);
            vectors.add(LPA_L1_BLOCK_64K);
        }
        vectors.addAll(MeaningVectors.forSetup(setup));
        // reference negative 2 for 48-bit halves (VA 0x0001000000000000), and its analogue for
        // every size
        vectors.add(
                HardwareVector.faults(
                        "above the TTBR0 range",
                        TTBR0,
                        0,
                        Map.of(),
                        ENTRY_SIZE,
                        1L << lower.vaBits(),
                        FaultType.NON_CANONICAL,
                        -1));
        vectors.add(
                HardwareVector.faults(
                        "below the TTBR1 range",
                        TTBR1,
                        0,
                        Map.of(),
                        ENTRY_SIZE,
                        -(1L << upper.vaBits()) - 1,
                        FaultType.NON_CANONICAL,
                        -1));
        return List.copyOf(vectors);
    }
}
