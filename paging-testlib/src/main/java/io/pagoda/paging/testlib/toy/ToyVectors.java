package io.pagoda.paging.testlib.toy;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import java.util.List;
import java.util.Map;

/**
 * The toy's hardware vectors, worked out by hand from {@link ToyFormat}'s bit layout (never from
 * its code): table entries 0x...003 are V|T without W, X or U, so they leave only reading to what
 * lies below them.
 */
final class ToyVectors {
    private ToyVectors() {}

    static List<HardwareVector> uniform() {
        return List.of(
                // L0[128] @0x1400 -> 0x2000, L1[3] @0x2018 -> 0x3000, L2[3] @0x3018 = page
                // 0x12_3456_7000 V|P|W
                HardwareVector.translates(
                                "uniform page",
                                0,
                                0x1000,
                                Map.of(
                                        0x1400L,
                                        0x2003L,
                                        0x2018L,
                                        0x3003L,
                                        0x3018L,
                                        0x12_3456_7007L),
                                8,
                                0x20_0060_3ABCL,
                                0x12_3456_7ABCL)
                        .meaning(0x1000, 2, "---", "r--", MemoryType.WRITE_BACK, false),
                // L0[1] @0x1008 -> 0x2000, L1[3] @0x2018 = 2 MiB block 0x8000_0000 V|W
                HardwareVector.translates(
                        "uniform block",
                        0,
                        0x1000,
                        Map.of(0x1008L, 0x2003L, 0x2018L, 0x8000_0005L),
                        8,
                        0x4060_0123L,
                        0x8000_0123L),
                // upper half: linear 0x40_0000_5000, L0[256] @0x1800, L1[0] @0x2000, L2[5] @0x3028
                HardwareVector.translates(
                        "uniform kernel",
                        0,
                        0x1000,
                        Map.of(0x1800L, 0x2003L, 0x2000L, 0x3003L, 0x3028L, 0x77_0000_0023L),
                        8,
                        0xFFFF_FFC0_0000_5010L,
                        0x77_0000_0010L),
                // L0[2] @0x1010 holds the guard marker (bit 9 alone)
                HardwareVector.faults(
                        "uniform guard",
                        0,
                        0x1000,
                        Map.of(0x1010L, 0x200L),
                        8,
                        0x8000_0000L,
                        FaultType.GUARD),
                // the page of "uniform page" with reserved bit 63 set
                HardwareVector.faults(
                        "uniform reserved",
                        0,
                        0x1000,
                        Map.of(0x1400L, 0x2003L, 0x2018L, 0x3003L, 0x3018L, 0x8000_0012_3456_7007L),
                        8,
                        0x20_0060_3ABCL,
                        FaultType.RESERVED_BIT),
                HardwareVector.faults(
                        "uniform not present",
                        0,
                        0x1000,
                        Map.of(),
                        8,
                        0x1000L,
                        FaultType.NOT_PRESENT),
                HardwareVector.faults(
                        "uniform non-canonical",
                        0,
                        0x1000,
                        Map.of(),
                        8,
                        0x40_0000_0000L,
                        FaultType.NON_CANONICAL));
    }

    static List<HardwareVector> unequal() {
        return List.of(
                unequalPage("unequal page", 0, 0x62C_1123L),
                // TOP[0] @0x1000 -> 0x2000, MID[2] @0x2010 = 512 KiB block 0x80_0000 V
                HardwareVector.translates(
                        "unequal block",
                        0,
                        0x1000,
                        Map.of(0x1000L, 0x2003L, 0x2010L, 0x80_0001L),
                        8,
                        0x13_4567L,
                        0x83_4567L),
                HardwareVector.faults(
                        "unequal non-canonical",
                        0,
                        0x1000,
                        Map.of(),
                        8,
                        0x800_0000L,
                        FaultType.NON_CANONICAL));
    }

    static List<HardwareVector> split() {
        return List.of(
                unequalPage("split upper page", 1, 0xFFFF_FFFF_FE2C_1123L),
                HardwareVector.translates(
                                "split lower block",
                                0,
                                0x1000,
                                Map.of(0x1008L, 0x2003L, 0x2018L, 0x8000_0005L),
                                8,
                                0x4060_0123L,
                                0x8000_0123L)
                        // a 2 MiB V|W block under a table that leaves only reading
                        .meaning(0x20_0000, 1, "---", "r--", MemoryType.WRITE_BACK, false),
                HardwareVector.faults(
                        "split hole",
                        0,
                        0x1000,
                        Map.of(),
                        8,
                        0x80_0000_0000L,
                        FaultType.NON_CANONICAL));
    }

    /**
     * TOP[3] @0x1018 -> 0x2000, MID[5] @0x2028 -> 0x3000, LEAF[0x41] @0x3208 = page 0x55_5000
     * V|P|X.
     */
    private static HardwareVector unequalPage(String id, int root, long va) {
        return HardwareVector.translates(
                        id,
                        root,
                        0x1000,
                        Map.of(0x1018L, 0x2003L, 0x2028L, 0x3003L, 0x3208L, 0x55_500BL),
                        8,
                        va,
                        0x55_5123L)
                // the tables leave only reading to the V|P|X page; memory-type bits 8:6 are 0
                .meaning(0x1000, 2, "---", "r--", MemoryType.WRITE_BACK, false);
    }
}
