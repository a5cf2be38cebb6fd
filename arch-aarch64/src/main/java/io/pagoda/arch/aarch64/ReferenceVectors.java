package io.pagoda.arch.aarch64;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verified AArch64 walks of hardware-formats.md §4 (A1-A4, B1-B2, C1-C3 and the three negatives), each
 * given to the variants whose TTBR half it was written for, plus negatives that follow from the §4 tables
 * (a block where the granule allows none; addresses just outside both ranges).
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

    static final HardwareVector A1 = HardwareVector.translates("A1", TTBR0, 0x80000000L, Map.of(
            0x80000000L, 0x0000000080001003L,
            0x80001240L, 0x0000000080002003L,
            0x80002D10L, 0x0000000080003003L,
            0x80003B38L, 0x0020000087654F47L), ENTRY_SIZE, 0x0000001234567ABCL, 0x87654ABCL)
            // page 0xF47: AttrIndx 1 (Device-nGnRE), AP=01 (EL0 RW), SH=11, AF, nG; PXN (bit 53), UXN clear
            .meaning(0x1000, 3, "rwx", "rw-", MemoryType.DEVICE, false)
            // letters X(UXN) P(PXN) B(block) D(DBM) A(AF) G(nG clear) S(SH=11) U(AP[1]) W(AP[2] clear)
            .tlbLine("0000001234567000: 0000000087654000 -P--A-SUW");

    static final HardwareVector A2 = HardwareVector.translates("A2", TTBR1, 0x90000000L, Map.of(
            0x90000000L, 0x0000000090001003L,
            0x90001008L, 0x0000000090002003L,
            0x90002018L, 0x0060000080200789L), ENTRY_SIZE, 0xFFFF000040601234L, 0x80201234L)
            // 2 MiB block 0x789: AttrIndx 2 (non-cacheable), AP=10 (EL1 RO), SH=11, AF, nG clear; PXN, UXN
            .meaning(0x200000, 2, "---", "r--", MemoryType.UNCACHED, true)
            .tlbLine("ffff000040600000: 0000000080200000 XPB-AGS--");

    static final HardwareVector A3 = HardwareVector.translates("A3", TTBR0, 0x80000000L, Map.of(
            0x80000008L, 0x2000000080010003L,
            0x80010008L, 0x008000C000000ED1L), ENTRY_SIZE, 0x0000008040000ABCL, 0xC000000ABCL)
            // L0 table with APTable[0] (bit 61): no EL0 below; 1 GiB block 0xED1: AttrIndx 4 (Device-nGnRnE), AP=11 (RO),
            // SH=10, AF, nG, software bit 55; no XN: EL1 reads and executes (the page is not EL0-writable)
            .meaning(0x40000000, 1, "---", "r-x", MemoryType.DEVICE, false)
            .retains(0x0080000000000000L);

    static final HardwareVector A4 = HardwareVector.translates("A4", TTBR0, 0xA0000000L, Map.of(
            0xA0000800L, 0x00000000A0001003L,
            0xA0001048L, 0x00000000A0002003L,
            0xA00021A0L, 0x00400000BEEF0703L), ENTRY_SIZE, 0x0000004001234567L, 0xBEEF0567L)
            // page 0x703: AttrIndx 0 (WB), AP=00 (EL1 RW), SH=11, AF, global; UXN
            .meaning(0x1000, 2, "---", "rwx", MemoryType.WRITE_BACK, true);

    static final HardwareVector B1 = HardwareVector.translates("B1", TTBR0, 0xC0000000L, Map.of(
            0xC0000008L, 0x00000000C0004003L,
            0xC0004090L, 0x00000000C0008003L,
            0xC0008D10L, 0x00000000C000C003L,
            0xC000ECF0L, 0x000000012345C707L), ENTRY_SIZE, 0x00008123456789ABL, 0x12345C9ABL)
            // 16K page 0x707: AttrIndx 1 (Device-nGnRE), AP=00, SH=11, AF, global; no XN
            .meaning(0x4000, 3, "---", "rwx", MemoryType.DEVICE, true);

    static final HardwareVector B2 = HardwareVector.translates("B2", TTBR0, 0xC1000000L, Map.of(
            0xC1000918L, 0x00000000C1004003L,
            0xC1005158L, 0x00600000FE00078DL), ENTRY_SIZE, 0x0000123456789ABCL, 0xFE789ABCL)
            // 32 MiB block 0x78D: AttrIndx 3 (WT), AP=10 (EL1 RO), SH=11, AF, global; PXN, UXN
            .meaning(0x2000000, 1, "---", "r--", MemoryType.WRITE_THROUGH, true);

    static final HardwareVector C1 = HardwareVector.translates("C1", TTBR0, 0xD0000000L, Map.of(
            0xD00001F8L, 0x00000000D0010003L,
            0xD001B728L, 0x00000000D0020003L,
            0xD002D4C0L, 0x00200000ABCD0F47L), ENTRY_SIZE, 0x0000FEDCBA987654L, 0xABCD7654L)
            // 64K page 0xF47: AttrIndx 1, AP=01 (EL0 RW), SH=11, AF, nG; PXN
            .meaning(0x10000, 2, "rwx", "rw-", MemoryType.DEVICE, false);

    static final HardwareVector C2 = HardwareVector.translates("C2", TTBR0, 0xD1000000L, Map.of(
            0xD10048D0L, 0x0060000060000701L), ENTRY_SIZE, 0x00000123456789ABL, 0x656789ABL)
            // 512 MiB block 0x701: AttrIndx 0 (WB), AP=00, SH=11, AF, global; PXN, UXN
            .meaning(0x20000000, 0, "---", "rw-", MemoryType.WRITE_BACK, true);

    static final HardwareVector C3 = HardwareVector.translates("C3", TTBR0, 0xD2000000L, Map.of(
            0xD2000000L, 0x00000000D2010003L,
            0xD2010000L, 0x00000000D2020003L,
            0xD2020008L, 0x000000001234F707L), ENTRY_SIZE, 0x0000000000012345L, 0xF000012342345L)
            // 64K page 0xF707: OA[51:48] = 0xF; AttrIndx 1, AP=00, SH=11, AF, global; no XN
            .meaning(0x10000, 2, "---", "rwx", MemoryType.DEVICE, true);

    /** Reference negative 1: bits[1:0] = 01 at L0 with the 4K granule (DS=0) is no block: a translation fault. */
    static final HardwareVector L0_BLOCK = HardwareVector.faults("4K block at L0", TTBR0, 0x80000000L, Map.of(
            0x80000000L, 0x0000000000000701L), ENTRY_SIZE, 0x0000001234567ABCL, FaultType.NOT_PRESENT, 0);

    /** Reference negative 3: A1's walk with its L3 descriptor's bits[1:0] = 01 (reserved, behaves as invalid). */
    static final HardwareVector L3_TYPE_01 = HardwareVector.faults("L3 descriptor 01", TTBR0, 0x80000000L, Map.of(
            0x80000000L, 0x0000000080001003L,
            0x80001240L, 0x0000000080002003L,
            0x80002D10L, 0x0000000080003003L,
            0x80003B38L, 0x0020000087654F45L), ENTRY_SIZE, 0x0000001234567ABCL, FaultType.NOT_PRESENT, 3);

    /** From the §4 block table: a 64K L1 block (4 TiB) needs FEAT_LPA; C1's walk with one at L1. */
    static final HardwareVector L1_BLOCK_64K = HardwareVector.faults("64K block at L1 without FEAT_LPA", TTBR0, 0xD0000000L,
            Map.of(0xD00001F8L, 0x0000000000000701L), ENTRY_SIZE, 0x0000FEDCBA987654L, FaultType.NOT_PRESENT, 0);

    /** From the §4 block table: a 16K L1 block (64 GiB) needs DS=1; B2's walk with one at L1. */
    static final HardwareVector L1_BLOCK_16K = HardwareVector.faults("16K block at L1", TTBR0, 0xC1000000L,
            Map.of(0xC1000918L, 0x0000000000000701L), ENTRY_SIZE, 0x0000123456789ABCL, FaultType.NOT_PRESENT, 0);

    private ReferenceVectors() {
    }

    /** The vectors that apply to {@code setup}. */
    static List<HardwareVector> forSetup(TranslationSetup setup) {
        List<HardwareVector> vectors = new ArrayList<>();
        TranslationHalf lower = setup.lower();
        TranslationHalf upper = setup.upper();
        // the reference's output addresses are below 2^40 (A3's is the highest) and its tables below 2^32
        boolean fullWidth = setup.physicalAddressBits() >= 40;
        if (fullWidth && !setup.largePhysicalAddress()) {
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
        }
        vectors.addAll(MeaningVectors.forSetup(setup));
        // reference negative 2 for 48-bit halves (VA 0x0001000000000000), and its analogue for every size
        vectors.add(HardwareVector.faults("above the TTBR0 range", TTBR0, 0, Map.of(), ENTRY_SIZE,
                1L << lower.vaBits(), FaultType.NON_CANONICAL, -1));
        vectors.add(HardwareVector.faults("below the TTBR1 range", TTBR1, 0, Map.of(), ENTRY_SIZE,
                -(1L << upper.vaBits()) - 1, FaultType.NON_CANONICAL, -1));
        return List.copyOf(vectors);
    }
}
