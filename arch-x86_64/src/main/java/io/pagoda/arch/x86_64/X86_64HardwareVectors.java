package io.pagoda.arch.x86_64;

import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import java.util.List;
import java.util.Map;

/**
 * The verified translations of hardware-formats.md §3, copied from the reference (never produced by this
 * module's encoder), plus its negatives with tables set up so that the walk reaches the faulting entry.
 */
public final class X86_64HardwareVectors {
    /** CR3 of the 4-level vectors. */
    public static final long CR3_4LEVEL = 0x01000000L;
    /** CR3 of the 5-level vectors. */
    public static final long CR3_5LEVEL = 0x02000000L;

    private X86_64HardwareVectors() {
    }

    public static List<HardwareVector> fourLevel() {
        return List.of(
                HardwareVector.translates("x86_64 4-level #1", 0, CR3_4LEVEL, Map.of(
                        0x10007F0L, 0x0000000001001007L,
                        0x1001240L, 0x0000000001002007L,
                        0x1002D10L, 0x0000000001003007L,
                        0x1003B38L, 0xA800001234567067L), 8,
                        0x00007F123456789AL, 0x123456789AL),
                HardwareVector.translates("x86_64 4-level #2", 0, CR3_4LEVEL, Map.of(
                        0x1000800L, 0x0000000001011003L,
                        0x1011000L, 0x0000000001012003L,
                        0x1012488L, 0x00000003FFE011E3L), 8,
                        0xFFFF800012345678L, 0x3FFF45678L),
                HardwareVector.translates("x86_64 4-level #3", 0, CR3_4LEVEL, Map.of(
                        0x1000FF8L, 0x0000000001021003L,
                        0x1021FF8L, 0x800000FFC00001E3L), 8,
                        0xFFFFFFFFC0001234L, 0xFFC0001234L),
                HardwareVector.faults("x86_64 4-level negative: 0x0000800000000000 non-canonical", 0, CR3_4LEVEL,
                        Map.of(), 8, 0x0000800000000000L, FaultType.NON_CANONICAL),
                HardwareVector.faults("x86_64 4-level negative: 0xFFFF7FFFFFFFFFFF non-canonical", 0, CR3_4LEVEL,
                        Map.of(), 8, 0xFFFF7FFFFFFFFFFFL, FaultType.NON_CANONICAL),
                HardwareVector.faults("x86_64 4-level negative: 0x0100000000000000 non-canonical", 0, CR3_4LEVEL,
                        Map.of(), 8, 0x0100000000000000L, FaultType.NON_CANONICAL),
                // vector #1's address, with a PML4E whose PS bit (reserved at this level) is set
                HardwareVector.faults("x86_64 4-level negative: PML4E 0x2083 (PS) reserved", 0, CR3_4LEVEL, Map.of(
                        0x10007F0L, 0x0000000000002083L), 8,
                        0x00007F123456789AL, FaultType.RESERVED_BIT),
                // vector #3's path, with a 1 GiB PDPTE whose bit 13 (below the 1 GiB frame) is set
                HardwareVector.faults("x86_64 4-level negative: 1 GiB PDPTE 0x40002083 (bit 13) reserved", 0, CR3_4LEVEL, Map.of(
                        0x1000FF8L, 0x0000000001021003L,
                        0x1021FF8L, 0x0000000040002083L), 8,
                        0xFFFFFFFFC0001234L, FaultType.RESERVED_BIT));
    }

    public static List<HardwareVector> fiveLevel() {
        return List.of(
                HardwareVector.translates("x86_64 5-level #1", 0, CR3_5LEVEL, Map.of(
                        0x2000000L, 0x0000000002001007L,
                        0x2001800L, 0x0000000002002007L,
                        0x2002000L, 0x0000000002003007L,
                        0x2003000L, 0x0000000002004007L,
                        0x2004000L, 0x0000000000ABC027L), 8,
                        0x0000800000000000L, 0x00ABC000L),
                HardwareVector.translates("x86_64 5-level #2", 0, CR3_5LEVEL, Map.of(
                        0x2000AD0L, 0x0000000002101007L,
                        0x2101BC8L, 0x0000000002102007L,
                        0x2102BD8L, 0x0000000002103007L,
                        0x2103C00L, 0x0000000002104007L,
                        0x2104918L, 0x8000000765432163L), 8,
                        0xFF5ABCDEF0123456L, 0x765432456L),
                HardwareVector.translates("x86_64 5-level #3", 0, CR3_5LEVEL, Map.of(
                        0x20007F8L, 0x0000000002201007L,
                        0x2201FF8L, 0x0000000002202007L,
                        0x2202FF8L, 0x0000000002203007L,
                        0x2203FF8L, 0x000000007FE000E7L), 8,
                        0x00FFFFFFFFE01234L, 0x7FE01234L),
                HardwareVector.faults("x86_64 5-level negative: 0x0100000000000000 non-canonical", 0, CR3_5LEVEL,
                        Map.of(), 8, 0x0100000000000000L, FaultType.NON_CANONICAL),
                HardwareVector.faults("x86_64 5-level negative: 0xFEFFFFFFFFFFFFFF non-canonical", 0, CR3_5LEVEL,
                        Map.of(), 8, 0xFEFFFFFFFFFFFFFFL, FaultType.NON_CANONICAL),
                // vector #1's address, with a PML5E whose PS bit (reserved, PML5E = PML4E format) is set
                HardwareVector.faults("x86_64 5-level negative: PML5E 0x2083 (PS) reserved", 0, CR3_5LEVEL, Map.of(
                        0x2000000L, 0x0000000000002083L), 8,
                        0x0000800000000000L, FaultType.RESERVED_BIT),
                // vector #3's path, with a 2 MiB PDE whose bit 13 (below the 2 MiB frame) is set
                HardwareVector.faults("x86_64 5-level negative: 2 MiB PDE 0x7FE020E7 (bit 13) reserved", 0, CR3_5LEVEL, Map.of(
                        0x20007F8L, 0x0000000002201007L,
                        0x2201FF8L, 0x0000000002202007L,
                        0x2202FF8L, 0x0000000002203007L,
                        0x2203FF8L, 0x000000007FE020E7L), 8,
                        0x00FFFFFFFFE01234L, FaultType.RESERVED_BIT));
    }
}
