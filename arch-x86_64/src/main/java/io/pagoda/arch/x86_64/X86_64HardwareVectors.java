package io.pagoda.arch.x86_64;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.HardwareVector.Access;
import java.util.List;
import java.util.Map;

/**
 * The verified translations of hardware-formats.md §3, copied from the reference (never produced by
 * this module's encoder), plus its negatives with tables set up so that the walk reaches the
 * faulting entry, and vectors worked out by hand from the same section and the Intel SDM Vol. 3A
 * ch. 4 that state what each leaf means: size, rights for user and kernel code (CR0.WP = 1, SMEP
 * and SMAP off, EFER.NXE = 1: a kernel may read, write and execute user pages as their bits allow),
 * the memory type under the SDM's power-on PAT (0 WB, 1 WT, 2 UC-, 3 UC, 4..7 the same again) and
 * global; R/W and U/S are AND-ed over the walk, XD OR-ed. Each raw value's comment derives its
 * bits.
 */
public final class X86_64HardwareVectors {
    /** CR3 of the 4-level vectors. */
    public static final long CR3_4LEVEL = 0x01000000L;

    /** CR3 of the 5-level vectors. */
    public static final long CR3_5LEVEL = 0x02000000L;

    private X86_64HardwareVectors() {}

    /**
     * The vectors of 4-level paging.
     *
     * @return the vectors, every one rooted at {@link #CR3_4LEVEL}
     */
    public static List<HardwareVector> fourLevel() {
        return List.of(
                HardwareVector.translates(
                                "x86_64 4-level #1",
                                0,
                                CR3_4LEVEL,
                                Map.of(
                                        0x10007F0L, 0x0000000001001007L,
                                        0x1001240L, 0x0000000001002007L,
                                        0x1002D10L, 0x0000000001003007L,
                                        0x1003B38L, 0xA800001234567067L),
                                8,
                                0x00007F123456789AL,
                                0x123456789AL)
                        // leaf 0x...067 = P RW US A D, PAT/PCD/PWT 0 (WB), G 0; bit 63 XD; bits
                        // 62:59 = 0101 = key 5
                        .meaning(0x1000, 3, "rw-", "rw-", MemoryType.WRITE_BACK, false)
                        .faultingOn(true, Access.EXECUTE, FaultType.PROTECTION, 3)
                        .retains(0x2800000000000000L)
                        // QEMU: 4 KiB entry masked to bits 49:12, letters X G P D A C T U W
                        .tlbLine("00007f1234567000: 0000001234567000 X--DA--UW")
                        // the walk sets A (bit 5) in the three table entries; the leaf has A and D
                        // already
                        .afterWrite(
                                Map.of(
                                        0x10007F0L,
                                        0x0000000001001027L,
                                        0x1001240L,
                                        0x0000000001002027L,
                                        0x1002D10L,
                                        0x0000000001003027L,
                                        0x1003B38L,
                                        0xA800001234567067L)),
                HardwareVector.translates(
                                "x86_64 4-level #2",
                                0,
                                CR3_4LEVEL,
                                Map.of(
                                        0x1000800L, 0x0000000001011003L,
                                        0x1011000L, 0x0000000001012003L,
                                        0x1012488L, 0x00000003FFE011E3L),
                                8,
                                0xFFFF800012345678L,
                                0x3FFF45678L)
                        // tables 0x...003 = P RW (supervisor); PDE 0x1E3 = P RW A D PS G, bit 12
                        // PAT: index 4 = WB; no XD
                        .meaning(0x200000, 2, "---", "rwx", MemoryType.WRITE_BACK, true)
                        .faultingOn(true, Access.READ, FaultType.PROTECTION, 2)
                        .retains(0)
                        .tlbLine("ffff800012200000: 00000003ffe00000 -GPDA---W") // 2 MiB: bits
                        // 49:21; PAT bit 12
                        // not shown
                        // x86 never needs break-before-make: another frame, or a table in place of
                        // the 2 MiB page
                        .rewrite("output address", 2, 0x1012488L, 0x00000003FFC011E3L, false)
                        .rewrite(
                                "size: 2 MiB page to table",
                                2,
                                0x1012488L,
                                0x0000000001013003L,
                                false),
                HardwareVector.translates(
                                "x86_64 4-level #3",
                                0,
                                CR3_4LEVEL,
                                Map.of(
                                        0x1000FF8L, 0x0000000001021003L,
                                        0x1021FF8L, 0x800000FFC00001E3L),
                                8,
                                0xFFFFFFFFC0001234L,
                                0xFFC0001234L)
                        // PDPTE 0x1E3 = P RW A D PS G (1 GiB), PAT index 0 = WB, bit 63 XD; tables
                        // supervisor
                        .meaning(0x40000000, 1, "---", "rw-", MemoryType.WRITE_BACK, true)
                        .faultingOn(false, Access.EXECUTE, FaultType.PROTECTION, 1)
                        .tlbLine("ffffffffc0000000: 000000ffc0000000 XGPDA---W"), // 1 GiB: bits
                // 49:30
                HardwareVector.faults(
                        "x86_64 4-level negative: 0x0000800000000000 non-canonical",
                        0,
                        CR3_4LEVEL,
                        Map.of(),
                        8,
                        0x0000800000000000L,
                        FaultType.NON_CANONICAL),
                HardwareVector.faults(
                        "x86_64 4-level negative: 0xFFFF7FFFFFFFFFFF non-canonical",
                        0,
                        CR3_4LEVEL,
                        Map.of(),
                        8,
                        0xFFFF7FFFFFFFFFFFL,
                        FaultType.NON_CANONICAL),
                HardwareVector.faults(
                        "x86_64 4-level negative: 0x0100000000000000 non-canonical",
                        0,
                        CR3_4LEVEL,
                        Map.of(),
                        8,
                        0x0100000000000000L,
                        FaultType.NON_CANONICAL),
                // vector #1's address, with a PML4E whose PS bit (reserved at this level) is set
                HardwareVector.faults(
                        "x86_64 4-level negative: PML4E 0x2083 (PS) reserved",
                        0,
                        CR3_4LEVEL,
                        Map.of(0x10007F0L, 0x0000000000002083L),
                        8,
                        0x00007F123456789AL,
                        FaultType.RESERVED_BIT,
                        0),
                // vector #3's path, with a 1 GiB PDPTE whose bit 13 (below the 1 GiB frame) is set
                HardwareVector.faults(
                        "x86_64 4-level negative: 1 GiB PDPTE 0x40002083 (bit 13) reserved",
                        0,
                        CR3_4LEVEL,
                        Map.of(
                                0x1000FF8L, 0x0000000001021003L,
                                0x1021FF8L, 0x0000000040002083L),
                        8,
                        0xFFFFFFFFC0001234L,
                        FaultType.RESERVED_BIT,
                        1),
                meaningful4K(1, 0x0000000005001029L, "---", "r-x", MemoryType.WRITE_THROUGH, false)
                        // PTE 0x029 = P, PWT (bit 3), A: PAT index 1 = WT; R/W 0, U/S 0, no XD:
                        // kernel code
                        .faultingOn(false, Access.WRITE, FaultType.PROTECTION, 3)
                        .faultingOn(true, Access.READ, FaultType.PROTECTION, 3)
                        .rewrite("output address", 3, 0x1033008L, 0x0000000005002029L, false)
                        .rewrite("memory type", 3, 0x1033008L, 0x0000000005001039L, false),
                meaningful4K(2, 0x8000000005002077L, "rw-", "rw-", MemoryType.UNCACHED, false)
                        // PTE 0x077 = P RW US PCD A D: PAT index 2 = UC-; bit 63 XD
                        .faultingOn(true, Access.EXECUTE, FaultType.PROTECTION, 3),
                meaningful4K(3, 0x800000000500317BL, "---", "rw-", MemoryType.DEVICE, true)
                        // PTE 0x17B = P RW PWT PCD A D G: PAT index 3 = UC (strong); XD; supervisor
                        .faultingOn(true, Access.WRITE, FaultType.PROTECTION, 3),
                meaningful4K(4, 0x18000000050040BDL, "r-x", "r-x", MemoryType.DEVICE, false)
                        // PTE 0x0BD = P US PWT PCD A PAT(bit 7): PAT index 7 = UC (PA7 = PA3);
                        // read-only; key 3 (bits 60:59)
                        .faultingOn(true, Access.WRITE, FaultType.PROTECTION, 3)
                        .faultingOn(false, Access.WRITE, FaultType.PROTECTION, 3)
                        .retains(0x1800000000000000L)
                        // QEMU clears bit 7 (PAT in a PTE) before printing, so no 'P'; the key is
                        // masked off
                        .tlbLine("0000008000004000: 0000000005004000 ----ACTU-"),
                meaningful4K(5, 0x0000000005005007L, "rwx", "rwx", MemoryType.WRITE_BACK, false)
                        // PTE 0x007 = P RW US, A and D clear: a kernel write sets A in every entry
                        // and D in the leaf
                        .afterWrite(
                                Map.of(
                                        0x1000008L,
                                        0x0000000001031027L,
                                        0x1031000L,
                                        0x0000000001032027L,
                                        0x1032000L,
                                        0x0000000001033027L,
                                        0x1033028L,
                                        0x0000000005005067L)),
                // the permissive tree's PD index 1: a 2 MiB page
                HardwareVector.translates(
                                "x86_64 4-level 2 MiB write-through page (PAT index 5)",
                                0,
                                CR3_4LEVEL,
                                Map.of(
                                        0x1000008L, 0x0000000001031007L,
                                        0x1031000L, 0x0000000001032007L,
                                        // PDE 0x10E9 = P PWT A D PS, bit 12 PAT: PAT index 5 = WT
                                        // (PA5 = PA1); supervisor, R/W 0
                                        0x1032008L, 0x00000000066010E9L),
                                8,
                                0x0000008000212345L,
                                0x6612345L)
                        .meaning(0x200000, 2, "---", "r-x", MemoryType.WRITE_THROUGH, false),
                // restrictions in table entries: PML4 index 2, R/W clear in the PML4E
                HardwareVector.translates(
                                "x86_64 4-level PML4E read-only",
                                0,
                                CR3_4LEVEL,
                                Map.of(
                                        0x1000010L,
                                                0x0000000001041005L, // P US, R/W 0: nothing below
                                        // is writable (CR0.WP = 1)
                                        0x1041000L, 0x0000000001042007L,
                                        0x1042000L, 0x0000000001043007L,
                                        0x1043000L, 0x0000000005100067L),
                                8, // P RW US A D
                                0x0000010000000ABCL,
                                0x5100ABCL)
                        .meaning(0x1000, 3, "r-x", "r-x", MemoryType.WRITE_BACK, false)
                        .faultingOn(false, Access.WRITE, FaultType.PROTECTION, 3),
                // PML4 index 3, U/S clear in the PDPTE
                HardwareVector.translates(
                                "x86_64 4-level PDPTE supervisor",
                                0,
                                CR3_4LEVEL,
                                Map.of(
                                        0x1000018L, 0x0000000001051007L,
                                        0x1051000L,
                                                0x0000000001052003L, // P RW, U/S 0: supervisor-only
                                        // below
                                        0x1052000L, 0x0000000001053007L,
                                        0x1053000L, 0x0000000005200067L),
                                8,
                                0x0000018000000000L,
                                0x5200000L)
                        .meaning(0x1000, 3, "---", "rwx", MemoryType.WRITE_BACK, false)
                        .faultingOn(true, Access.READ, FaultType.PROTECTION, 3),
                // PML4 index 4, XD set in the PDE
                HardwareVector.translates(
                                "x86_64 4-level PDE execute-disable",
                                0,
                                CR3_4LEVEL,
                                Map.of(
                                        0x1000020L, 0x0000000001061007L,
                                        0x1061000L, 0x0000000001062007L,
                                        0x1062000L,
                                                0x8000000001063007L, // XD P RW US: nothing below
                                        // executes
                                        0x1063000L, 0x0000000005300067L),
                                8,
                                0x0000020000000000L,
                                0x5300000L)
                        .meaning(0x1000, 3, "rw-", "rw-", MemoryType.WRITE_BACK, false)
                        .faultingOn(false, Access.EXECUTE, FaultType.PROTECTION, 3),
                // PML4 index 5: XD in the PML4E, R/W 0 in the PDPTE, U/S 0 in the PDE, all combined
                HardwareVector.translates(
                                "x86_64 4-level restrictions combined",
                                0,
                                CR3_4LEVEL,
                                Map.of(
                                        0x1000028L, 0x8000000001071007L, // XD P RW US
                                        0x1071000L, 0x0000000001072005L, // P US
                                        0x1072000L, 0x0000000001073003L, // P RW
                                        0x1073000L, 0x0000000005400067L),
                                8, // P RW US A D
                                0x0000028000000000L,
                                0x5400000L)
                        .meaning(0x1000, 3, "---", "r--", MemoryType.WRITE_BACK, false),
                // unusual raw PTEs in the permissive tree: A and D alone in a not-present entry are
                // noise
                // (Knights Landing erratum), bit 9 alone is the guard marker, any other not-present
                // content is invalid
                unusual4K(6, 0x0000000000000060L, FaultType.NOT_PRESENT),
                unusual4K(7, 0x0000000000000200L, FaultType.GUARD),
                unusual4K(8, 0x0000000000000400L, FaultType.NOT_PRESENT),
                // PD index 2: a 2 MiB PDE (P RW A D PS) whose bit 16, below the 2 MiB frame, is
                // reserved
                HardwareVector.faults(
                        "x86_64 4-level 2 MiB PDE with reserved bit 16",
                        0,
                        CR3_4LEVEL,
                        Map.of(
                                0x1000008L, 0x0000000001031007L,
                                0x1031000L, 0x0000000001032007L,
                                0x1032010L, 0x00000000066100E3L),
                        8,
                        0x0000008000400000L,
                        FaultType.RESERVED_BIT,
                        2),
                // PML4 index 6: bit 8 (G's place in a leaf) set in the PML4E, PDPTE and PDE that
                // link tables, where
                // the SDM says it is ignored; the leaf's G is clear, so nothing on the walk is
                // global
                HardwareVector.translates(
                                "x86_64 4-level table entries with bit 8 (ignored)",
                                0,
                                CR3_4LEVEL,
                                Map.of(
                                        0x1000030L, 0x0000000001081107L, // P RW US, bit 8
                                        0x1081000L, 0x0000000001082107L, // P RW US, bit 8
                                        0x1082000L, 0x0000000001083107L, // P RW US, bit 8
                                        0x1083000L, 0x0000000005500067L),
                                8, // P RW US A D, G clear
                                0x0000030000000042L,
                                0x5500042L)
                        .meaning(0x1000, 3, "rwx", "rwx", MemoryType.WRITE_BACK, false),
                // PML4 index 7: PS (bit 7) is reserved in a PML4E (SDM table 4-15), so the walk
                // faults there
                HardwareVector.faults(
                        "x86_64 4-level PML4E with PS (reserved)",
                        0,
                        CR3_4LEVEL,
                        Map.of(0x1000038L, 0x0000000001091087L),
                        8, // P RW US PS
                        0x0000038000000000L,
                        FaultType.RESERVED_BIT,
                        0),
                // the permissive tree's PTE 9: bit 8 alone in a not-present entry is not a mapping,
                // let alone a global one
                unusual4K(9, 0x0000000000000100L, FaultType.NOT_PRESENT));
    }

    /**
     * The permissive tree of {@link #meaningful4K} with PTE {@code index} a not-present value: the
     * walk faults at level 3.
     */
    private static HardwareVector unusual4K(int index, long pte, FaultType fault) {
        return HardwareVector.faults(
                "x86_64 4-level not-present PTE " + Long.toHexString(pte),
                0,
                CR3_4LEVEL,
                Map.of(
                        0x1000008L,
                        0x0000000001031007L,
                        0x1031000L,
                        0x0000000001032007L,
                        0x1032000L,
                        0x0000000001033007L,
                        0x1033000L + 8L * index,
                        pte),
                8,
                0x0000008000000123L + 0x1000L * index,
                fault,
                3);
    }

    /**
     * A vector through the permissive tree of PML4 index 1 (PML4E, PDPTE and PDE 0x...007: P RW US,
     * no XD) to PTE {@code index}: VA 0x0000008000000123 + index * 4 KiB, frame 0x5000000 + index *
     * 4 KiB.
     */
    private static HardwareVector meaningful4K(
            int index, long pte, String user, String kernel, MemoryType type, boolean global) {
        return HardwareVector.translates(
                        "x86_64 4-level PTE " + index + " " + Long.toHexString(pte),
                        0,
                        CR3_4LEVEL,
                        Map.of(
                                0x1000008L,
                                0x0000000001031007L,
                                0x1031000L,
                                0x0000000001032007L,
                                0x1032000L,
                                0x0000000001033007L,
                                0x1033000L + 8L * index,
                                pte),
                        8,
                        0x0000008000000123L + 0x1000L * index,
                        0x5000123L + 0x1000L * index)
                .meaning(0x1000, 3, user, kernel, type, global);
    }

    /**
     * The vectors of 5-level paging.
     *
     * @return the vectors, every one rooted at {@link #CR3_5LEVEL}
     */
    public static List<HardwareVector> fiveLevel() {
        return List.of(
                HardwareVector.translates(
                        "x86_64 5-level #1",
                        0,
                        CR3_5LEVEL,
                        Map.of(
                                0x2000000L, 0x0000000002001007L,
                                0x2001800L, 0x0000000002002007L,
                                0x2002000L, 0x0000000002003007L,
                                0x2003000L, 0x0000000002004007L,
                                0x2004000L, 0x0000000000ABC027L),
                        8,
                        0x0000800000000000L,
                        0x00ABC000L),
                HardwareVector.translates(
                                "x86_64 5-level #2",
                                0,
                                CR3_5LEVEL,
                                Map.of(
                                        0x2000AD0L, 0x0000000002101007L,
                                        0x2101BC8L, 0x0000000002102007L,
                                        0x2102BD8L, 0x0000000002103007L,
                                        0x2103C00L, 0x0000000002104007L,
                                        0x2104918L, 0x8000000765432163L),
                                8,
                                0xFF5ABCDEF0123456L,
                                0x765432456L)
                        // PTE 0x163 = P RW A D G, U/S 0, bit 63 XD
                        .meaning(0x1000, 4, "---", "rw-", MemoryType.WRITE_BACK, true)
                        .faultingOn(true, Access.READ, FaultType.PROTECTION, 4),
                HardwareVector.translates(
                                "x86_64 5-level #3",
                                0,
                                CR3_5LEVEL,
                                Map.of(
                                        0x20007F8L, 0x0000000002201007L,
                                        0x2201FF8L, 0x0000000002202007L,
                                        0x2202FF8L, 0x0000000002203007L,
                                        0x2203FF8L, 0x000000007FE000E7L),
                                8,
                                0x00FFFFFFFFE01234L,
                                0x7FE01234L)
                        // PDE 0x0E7 = P RW US A D PS: a 2 MiB page, PAT index 0
                        .meaning(0x200000, 3, "rwx", "rwx", MemoryType.WRITE_BACK, false),
                // PML5 index 1 (VA 0x0001000000000000, canonical only with LA57): U/S clear in the
                // PML5E
                HardwareVector.translates(
                                "x86_64 5-level PML5E supervisor",
                                0,
                                CR3_5LEVEL,
                                Map.of(
                                        0x2000008L, 0x0000000002301003L, // P RW, U/S 0
                                        0x2301000L, 0x0000000002302007L,
                                        0x2302000L, 0x0000000002303007L,
                                        0x2303000L, 0x0000000002304007L,
                                        0x2304000L, 0x800000000550007FL),
                                8, // P RW US PWT PCD A D: PAT index 3 = UC; XD
                                0x0001000000000000L,
                                0x5500000L)
                        .meaning(0x1000, 4, "---", "rw-", MemoryType.DEVICE, false),
                HardwareVector.faults(
                        "x86_64 5-level negative: 0x0100000000000000 non-canonical",
                        0,
                        CR3_5LEVEL,
                        Map.of(),
                        8,
                        0x0100000000000000L,
                        FaultType.NON_CANONICAL),
                HardwareVector.faults(
                        "x86_64 5-level negative: 0xFEFFFFFFFFFFFFFF non-canonical",
                        0,
                        CR3_5LEVEL,
                        Map.of(),
                        8,
                        0xFEFFFFFFFFFFFFFFL,
                        FaultType.NON_CANONICAL),
                // vector #1's address, with a PML5E whose PS bit (reserved, PML5E = PML4E format)
                // is set
                HardwareVector.faults(
                        "x86_64 5-level negative: PML5E 0x2083 (PS) reserved",
                        0,
                        CR3_5LEVEL,
                        Map.of(0x2000000L, 0x0000000000002083L),
                        8,
                        0x0000800000000000L,
                        FaultType.RESERVED_BIT,
                        0),
                // vector #3's path, with a 2 MiB PDE whose bit 13 (below the 2 MiB frame) is set
                HardwareVector.faults(
                        "x86_64 5-level negative: 2 MiB PDE 0x7FE020E7 (bit 13) reserved",
                        0,
                        CR3_5LEVEL,
                        Map.of(
                                0x20007F8L, 0x0000000002201007L,
                                0x2201FF8L, 0x0000000002202007L,
                                0x2202FF8L, 0x0000000002203007L,
                                0x2203FF8L, 0x000000007FE020E7L),
                        8,
                        0x00FFFFFFFFE01234L,
                        FaultType.RESERVED_BIT,
                        3));
    }
}
