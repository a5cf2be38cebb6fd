package io.pagoda.arch.i386;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.HardwareVector.Access;
import java.util.List;
import java.util.Map;

/**
 * The verified walks of hardware-formats.md §1 (32-bit paging) and §2 (PAE), with their negatives,
 * and vectors worked out by hand from the same sections and the Intel SDM Vol. 3A ch. 4 stating
 * what each leaf means: size, rights for user and kernel code (CR0.WP = 1, SMEP off; no XD in
 * 32-bit paging, so every page executes; PAE with EFER.NXE = 1), the memory type of its PAT index
 * under the SDM's power-on PAT (0 WB, 1 WT, 2 UC-, 3 UC, 4..7 the same again; UC- reads as
 * UNCACHED, UC as DEVICE) and global. R/W and U/S are AND-ed over the PDE and the leaf, XD OR-ed.
 * Each raw value's comment derives its bits.
 */
public final class I386HardwareVectors {
    /** CR3 of every §1 vector. */
    public static final long LEGACY_CR3 = 0x0010_0000L;

    /** CR3 of every §2 vector: 32-byte aligned, not page aligned. */
    public static final long PAE_CR3 = 0x0034_5FE0L;

    private static final List<HardwareVector> LEGACY =
            List.of(
                    HardwareVector.translates(
                                    "i386 #1 (4 KiB page, P RW A D G)",
                                    0,
                                    LEGACY_CR3,
                                    Map.of(0x0010_0C00L, 0x0020_0003L, 0x0020_048CL, 0x0ABC_D163L),
                                    4,
                                    0xC012_3ABCL,
                                    0x0ABC_DABCL)
                            // PDE 0x003 = P RW (supervisor); PTE 0x163 = P RW A D G, PAT index 0
                            .meaning(0x1000, 1, "---", "rwx", MemoryType.WRITE_BACK, true)
                            .faultingOn(true, Access.READ, FaultType.PROTECTION, 1),
                    HardwareVector.translates(
                                    "i386 #2 (4 MiB page, P RW US A D PS)",
                                    0,
                                    LEGACY_CR3,
                                    Map.of(0x0010_0804L, 0x12C0_00E7L),
                                    4,
                                    0x8076_5432L,
                                    0x12F6_5432L)
                            // PDE 0x0E7 = P RW US A D PS, PAT index 0
                            .meaning(0x400000, 0, "rwx", "rwx", MemoryType.WRITE_BACK, false)
                            // x86 never needs break-before-make: another frame, or a page table in
                            // place of the 4 MiB page
                            .tlbLine(
                                    "0000000080400000: 0000000012c00000 --PDA--UW") // QEMU: a 4 MiB
                            // PDE masked to
                            // bits 31:21
                            .rewrite("output address", 0, 0x0010_0804L, 0x1300_00E7L, false)
                            .rewrite(
                                    "size: 4 MiB page to table",
                                    0,
                                    0x0010_0804L,
                                    0x0020_1007L,
                                    false),
                    HardwareVector.translates(
                                    "i386 #3 (4 MiB page above 4 GiB, PSE-36, PAT index 6)",
                                    0,
                                    LEGACY_CR3,
                                    Map.of(0x0010_000CL, 0x4040_7095L),
                                    4,
                                    0x00C0_1000L,
                                    0x3_4040_1000L)
                            // PDE 0x095 = P US PCD PS, bit 12 PAT: index 6 = UC-; R/W 0: read-only
                            // for both
                            .meaning(0x400000, 0, "r-x", "r-x", MemoryType.UNCACHED, false)
                            .faultingOn(true, Access.WRITE, FaultType.PROTECTION, 0)
                            .faultingOn(false, Access.WRITE, FaultType.PROTECTION, 0)
                            // QEMU drops the PSE-36 bits 20:13 and bit 12 (PAT) of a 4 MiB PDE
                            .tlbLine("0000000000c00000: 0000000040400000 --P--C-U-"),
                    HardwareVector.faults(
                            "i386 negative (4 MiB PDE with reserved bit 17, M' = 36)",
                            0,
                            LEGACY_CR3,
                            Map.of(0x0010_000CL, 0x4042_0081L),
                            4,
                            0x00C0_1000L,
                            FaultType.RESERVED_BIT,
                            0),
                    // the highest 4 MiB frame PSE-36 reaches with M' = 36: PDE 0xFFC1E083 = P RW
                    // PS, bits 31:22 = PA[31:22] = 0x3FF, bits 16:13 = PA[35:32] = 0xF; PDI 0xFF
                    HardwareVector.translates(
                                    "i386 4 MiB page at the top of PSE-36 (M' = 36)",
                                    0,
                                    LEGACY_CR3,
                                    Map.of(0x0010_03FCL, 0xFFC1_E083L),
                                    4,
                                    0x3FC0_0ABCL,
                                    0xF_FFC0_0ABCL)
                            .meaning(0x400000, 0, "---", "rwx", MemoryType.WRITE_BACK, false),
                    // PDI 1: a PDE with R/W and U/S clear restricts the PTE below it
                    HardwareVector.translates(
                                    "i386 PDE read-only supervisor",
                                    0,
                                    LEGACY_CR3,
                                    Map.of(
                                            0x0010_0004L,
                                            0x0020_1001L, // P only
                                            0x0020_1004L,
                                            0x0345_6067L), // P RW US A D
                                    4,
                                    0x0040_1234L,
                                    0x0345_6234L)
                            .meaning(0x1000, 1, "---", "r-x", MemoryType.WRITE_BACK, false)
                            .faultingOn(false, Access.WRITE, FaultType.PROTECTION, 1),
                    // PDI 2: a permissive PDE (0x007 = P RW US), PTE index 1..4
                    legacy4K(
                            1,
                            0x0350_106DL,
                            "r-x",
                            "r-x",
                            MemoryType.WRITE_THROUGH,
                            false), // P US PWT A D: index 1 (WT)
                    legacy4K(
                            2,
                            0x0350_217BL,
                            "---",
                            "rwx",
                            MemoryType.DEVICE,
                            true), // P RW PWT PCD A D G: index 3 (UC)
                    legacy4K(
                            3,
                            0x0350_30FFL,
                            "rwx",
                            "rwx",
                            MemoryType.DEVICE,
                            false), // P RW US PWT PCD A D PAT: index 7 (UC, as 3)
                    legacy4K(
                                    4,
                                    0x0350_4007L,
                                    "rwx",
                                    "rwx",
                                    MemoryType.WRITE_BACK,
                                    false) // P RW US, A and D clear
                            .afterWrite(
                                    Map.of(0x0010_0008L, 0x0020_2027L, 0x0020_2010L, 0x0350_4067L)),
                    // not-present PTEs under PDI 2: bit 9 alone is the guard marker, A and D alone
                    // are noise
                    HardwareVector.faults(
                            "i386 PTE 5 guard marker 0x200",
                            0,
                            LEGACY_CR3,
                            Map.of(0x0010_0008L, 0x0020_2007L, 0x0020_2014L, 0x0000_0200L),
                            4,
                            0x0080_5000L,
                            FaultType.GUARD,
                            1),
                    HardwareVector.faults(
                            "i386 PTE 6 with A and D only",
                            0,
                            LEGACY_CR3,
                            Map.of(0x0010_0008L, 0x0020_2007L, 0x0020_2018L, 0x0000_0060L),
                            4,
                            0x0080_6000L,
                            FaultType.NOT_PRESENT,
                            1),
                    // PDI 4: bit 8 of a PDE that links a page table is ignored (SDM table 4-5); the
                    // PTE's G is clear
                    HardwareVector.translates(
                                    "i386 PDE linking a table with bit 8 (ignored)",
                                    0,
                                    LEGACY_CR3,
                                    Map.of(
                                            0x0010_0010L,
                                            0x0020_3107L, // P RW US, bit 8
                                            0x0020_3000L,
                                            0x0360_0067L), // P RW US A D
                                    4,
                                    0x0100_0123L,
                                    0x0360_0123L)
                            .meaning(0x1000, 1, "rwx", "rwx", MemoryType.WRITE_BACK, false),
                    // PDI 5: a global 4 MiB page, PDE 0x014001E3 = P RW A D PS G (supervisor), PAT
                    // bit 12 clear: index 0
                    HardwareVector.translates(
                                    "i386 4 MiB global page",
                                    0,
                                    LEGACY_CR3,
                                    Map.of(0x0010_0014L, 0x0140_01E3L),
                                    4,
                                    0x0140_5678L,
                                    0x0140_5678L)
                            .meaning(0x400000, 0, "---", "rwx", MemoryType.WRITE_BACK, true),
                    // PTEs 7 and 8 under PDI 2: a not-present entry with anything but A, D or the
                    // guard bit 9 is invalid
                    // (SDM 4.3: with P = 0 the other bits are ignored by the CPU, so the walk stops
                    // with a not-present fault);
                    // bit 8 there is no global mapping
                    HardwareVector.faults(
                            "i386 not-present PTE 7 with bit 8 alone",
                            0,
                            LEGACY_CR3,
                            Map.of(0x0010_0008L, 0x0020_2007L, 0x0020_201CL, 0x0000_0100L),
                            4,
                            0x0080_7000L,
                            FaultType.NOT_PRESENT,
                            1),
                    HardwareVector.faults(
                            "i386 not-present PTE 8 with R/W alone",
                            0,
                            LEGACY_CR3,
                            Map.of(0x0010_0008L, 0x0020_2007L, 0x0020_2020L, 0x0000_0002L),
                            4,
                            0x0080_8000L,
                            FaultType.NOT_PRESENT,
                            1),
                    // PDI 6: a 4 MiB page with A and D clear, PDE 0x01800083 = P RW PS
                    // (supervisor); a write sets A and D in it
                    HardwareVector.translates(
                                    "i386 4 MiB page, A and D clear",
                                    0,
                                    LEGACY_CR3,
                                    Map.of(0x0010_0018L, 0x0180_0083L),
                                    4,
                                    0x0180_1234L,
                                    0x0180_1234L)
                            .meaning(0x400000, 0, "---", "rwx", MemoryType.WRITE_BACK, false)
                            .afterWrite(Map.of(0x0010_0018L, 0x0180_00E3L)));

    private static final List<HardwareVector> PAE =
            List.of(
                    HardwareVector.translates(
                                    "i386-pae #1 (4 KiB page, XD)",
                                    0,
                                    PAE_CR3,
                                    Map.of(
                                            0x0034_5FF0L,
                                            0x0000_0001_2345_6001L,
                                            0x1_2345_6DD8L,
                                            0x0000_0000_0ABC_D027L,
                                            0x0ABC_D2A0L,
                                            0x8000_000F_EDCB_A063L),
                                    8,
                                    0xB765_4321L,
                                    0xF_EDCB_A321L)
                            // PDE 0x027 = P RW US A; PTE 0x063 = P RW A D (supervisor), bit 63 XD,
                            // PAT index 0
                            .meaning(0x1000, 2, "---", "rw-", MemoryType.WRITE_BACK, false)
                            .faultingOn(false, Access.EXECUTE, FaultType.PROTECTION, 2)
                            .tlbLine(
                                    "00000000b7654000: 8000000fedcba000 X--DA---W") // QEMU keeps NX
                            // in a PAE
                            // PTE's shown
                            // value
                            .afterWrite(
                                    Map.of(
                                            0x0034_5FF0L,
                                            0x0000_0001_2345_6001L, // a PDPTE is a register: no A
                                            0x1_2345_6DD8L,
                                            0x0000_0000_0ABC_D027L,
                                            0x0ABC_D2A0L,
                                            0x8000_000F_EDCB_A063L)),
                    HardwareVector.translates(
                                    "i386-pae #2 (2 MiB page, G)",
                                    0,
                                    PAE_CR3,
                                    Map.of(
                                            0x0034_5FE8L,
                                            0x0000_0000_0011_1001L,
                                            0x0011_1008L,
                                            0x0000_0002_0060_01E3L),
                                    8,
                                    0x4031_2345L,
                                    0x2_0071_2345L)
                            // PDE 0x1E3 = P RW A D PS G (supervisor), bit 12 clear: PAT index 0; no
                            // XD
                            .meaning(0x200000, 1, "---", "rwx", MemoryType.WRITE_BACK, true)
                            .tlbLine("0000000040200000: 0000000200600000 -GPDA---W"), // a 2 MiB PAE
                    // PDE masked
                    // to bits
                    // 63:20
                    HardwareVector.translates(
                                    "i386-pae #3 (4 KiB page, PAT index 5, G)",
                                    0,
                                    PAE_CR3,
                                    Map.of(
                                            0x0034_5FF8L,
                                            0x0000_0000_0022_2001L,
                                            0x0022_2FF8L,
                                            0x0000_0000_0033_3003L,
                                            0x0033_3FF8L,
                                            0x0000_0000_0009_F18BL),
                                    8,
                                    0xFFFF_FABCL,
                                    0x0009_FABCL)
                            // PTE 0x18B = P RW PWT PAT(bit 7) G: index 5 = WT (as index 1);
                            // supervisor; no XD
                            .meaning(0x1000, 2, "---", "rwx", MemoryType.WRITE_THROUGH, true),
                    HardwareVector.faults(
                            "i386-pae negative (PDPTE 0x1003: R/W is reserved, #GP at MOV CR3)",
                            0,
                            PAE_CR3,
                            Map.of(0x0034_5FE0L, 0x0000_0000_0000_1003L),
                            8,
                            0x0000_1000L,
                            FaultType.ROOT_LOAD,
                            -1),
                    // PDPTI 0 (PDPTE 0x401001: P, PD at 0x401000); PDI 0 is XD P RW US
                    // (0x...402007)
                    pae4K(
                                    1,
                                    0x0000_0000_0360_0067L,
                                    "rw-",
                                    "rw-",
                                    MemoryType.WRITE_BACK) // P RW US A D; XD from the PDE
                            .faultingOn(true, Access.EXECUTE, FaultType.PROTECTION, 2),
                    pae4K(
                            2,
                            0x8000_0000_0380_0073L,
                            "---",
                            "rw-",
                            MemoryType.UNCACHED), // XD P RW PCD A D: index 2 (UC-)
                    pae4K(
                            3,
                            0x0000_0000_0390_006DL,
                            "r--",
                            "r--",
                            MemoryType.WRITE_THROUGH), // P US PWT A D: index 1 (WT)
                    // PDI 1 is P US with R/W clear (0x403005): nothing below is writable
                    HardwareVector.translates(
                                    "i386-pae PDE read-only",
                                    0,
                                    PAE_CR3,
                                    Map.of(
                                            0x0034_5FE0L,
                                            0x0000_0000_0040_1001L,
                                            0x0040_1008L,
                                            0x0000_0000_0040_3005L,
                                            0x0040_3008L,
                                            0x0000_0000_0370_0067L), // P RW US A D
                                    8,
                                    0x0020_1000L,
                                    0x0370_0000L)
                            .meaning(0x1000, 2, "r-x", "r-x", MemoryType.WRITE_BACK, false)
                            .faultingOn(true, Access.WRITE, FaultType.PROTECTION, 2),
                    // PTE 4 under the XD PDE: bit 52 is reserved in every PAE entry (bits 62:52 are
                    // not ignored)
                    HardwareVector.faults(
                            "i386-pae PTE with reserved bit 52",
                            0,
                            PAE_CR3,
                            Map.of(
                                    0x0034_5FE0L,
                                    0x0000_0000_0040_1001L,
                                    0x0040_1000L,
                                    0x8000_0000_0040_2007L,
                                    0x0040_2020L,
                                    0x0010_0000_03A0_0003L),
                            8,
                            0x0000_4000L,
                            FaultType.RESERVED_BIT,
                            2),
                    HardwareVector.faults(
                            "i386-pae PTE guard marker 0x200",
                            0,
                            PAE_CR3,
                            Map.of(
                                    0x0034_5FE0L,
                                    0x0000_0000_0040_1001L,
                                    0x0040_1000L,
                                    0x8000_0000_0040_2007L,
                                    0x0040_2028L,
                                    0x0000_0000_0000_0200L),
                            8,
                            0x0000_5000L,
                            FaultType.GUARD,
                            2),
                    // PDI 2 under PDPTE 0: a PDE linking a page table with bit 8 set, which is
                    // ignored there (SDM table 4-10)
                    HardwareVector.translates(
                                    "i386-pae PDE linking a table with bit 8 (ignored)",
                                    0,
                                    PAE_CR3,
                                    Map.of(
                                            0x0034_5FE0L,
                                            0x0000_0000_0040_1001L,
                                            0x0040_1010L,
                                            0x0000_0000_0040_4107L, // P RW US, bit 8
                                            0x0040_4000L,
                                            0x0000_0000_0371_0067L), // P RW US A D, no XD
                                    8,
                                    0x0040_0077L,
                                    0x0371_0077L)
                            .meaning(0x1000, 2, "rwx", "rwx", MemoryType.WRITE_BACK, false),
                    // MOV CR3 loads all four PDPTEs: a reserved bit in PDPTE 3 (R/W, bit 1) faults
                    // the load even when the
                    // address walked lies under PDPTE 0 (SDM 4.4.1)
                    HardwareVector.faults(
                            "i386-pae PDPTE 3 0x501003 faults the load (R/W reserved; the load checks all four)",
                            0,
                            PAE_CR3,
                            Map.of(
                                    0x0034_5FE0L,
                                    0x0000_0000_0040_1001L,
                                    0x0034_5FF8L,
                                    0x0000_0000_0050_1003L),
                            8,
                            0x0000_1000L,
                            FaultType.ROOT_LOAD,
                            -1),
                    // ...but only present PDPTEs are checked: PDPTE 2 = 0x1006 has P clear, so its
                    // other bits are not reserved
                    HardwareVector.translates(
                                    "i386-pae not-present PDPTE 2 with other bits, not checked at load",
                                    0,
                                    PAE_CR3,
                                    Map.of(
                                            0x0034_5FE0L,
                                            0x0000_0000_0040_1001L,
                                            0x0034_5FF0L,
                                            0x0000_0000_0000_1006L,
                                            0x0040_1000L,
                                            0x0000_0000_0040_2007L, // PDE 0: P RW US
                                            0x0040_2008L,
                                            0x0000_0000_0360_1067L), // PTE 1: P RW US A D
                                    8,
                                    0x0000_1234L,
                                    0x0360_1234L)
                            .meaning(0x1000, 2, "rwx", "rwx", MemoryType.WRITE_BACK, false),
                    // MOV CR3 loads exactly four PDPTEs: what follows them in memory (0x346000,
                    // here a value that would be
                    // reserved as a PDPTE) is no PDPTE and is not checked
                    HardwareVector.translates(
                                    "i386-pae the quadword after PDPTE 3 is not loaded",
                                    0,
                                    PAE_CR3,
                                    Map.of(
                                            0x0034_5FE0L,
                                            0x0000_0000_0040_1001L,
                                            0x0034_6000L,
                                            0x0000_0000_0000_1003L,
                                            0x0040_1000L,
                                            0x0000_0000_0040_2007L, // PDE 0: P RW US
                                            0x0040_2008L,
                                            0x0000_0000_0360_1067L), // PTE 1: P RW US A D
                                    8,
                                    0x0000_1234L,
                                    0x0360_1234L)
                            .meaning(0x1000, 2, "rwx", "rwx", MemoryType.WRITE_BACK, false),
                    // not-present PTEs 6 and 7 under the XD PDE: anything but A, D or the guard bit
                    // 9 is invalid; bit 8 there
                    // is no global mapping
                    HardwareVector.faults(
                            "i386-pae not-present PTE 6 with bit 8 alone",
                            0,
                            PAE_CR3,
                            Map.of(
                                    0x0034_5FE0L,
                                    0x0000_0000_0040_1001L,
                                    0x0040_1000L,
                                    0x8000_0000_0040_2007L,
                                    0x0040_2030L,
                                    0x0000_0000_0000_0100L),
                            8,
                            0x0000_6000L,
                            FaultType.NOT_PRESENT,
                            2),
                    HardwareVector.faults(
                            "i386-pae not-present PTE 7 with R/W alone",
                            0,
                            PAE_CR3,
                            Map.of(
                                    0x0034_5FE0L,
                                    0x0000_0000_0040_1001L,
                                    0x0040_1000L,
                                    0x8000_0000_0040_2007L,
                                    0x0040_2038L,
                                    0x0000_0000_0000_0002L),
                            8,
                            0x0000_7000L,
                            FaultType.NOT_PRESENT,
                            2),
                    // PTE 8: P RW US with A and D clear; a kernel write sets A in PDE 0 and A and D
                    // in the PTE, never A in
                    // the PDPTE (a register there, bit 5 reserved)
                    pae4K(8, 0x0000_0000_0372_0007L, "rw-", "rw-", MemoryType.WRITE_BACK)
                            .afterWrite(
                                    Map.of(
                                            0x0040_1000L,
                                            0x8000_0000_0040_2027L,
                                            0x0040_2040L,
                                            0x0000_0000_0372_0067L)),
                    // PDI 3: a PDE linking a page table with bit 52 set (reserved in every PAE
                    // entry, SDM table 4-10)
                    HardwareVector.faults(
                            "i386-pae PDE linking a table with reserved bit 52",
                            0,
                            PAE_CR3,
                            Map.of(
                                    0x0034_5FE0L,
                                    0x0000_0000_0040_1001L,
                                    0x0040_1018L,
                                    0x0010_0000_0040_5007L),
                            8,
                            0x0060_0000L,
                            FaultType.RESERVED_BIT,
                            1),
                    // PDI 4: a 2 MiB PDE with bit 13 set (bits 20:13 are reserved in a 2 MiB PDE;
                    // bit 12 is PAT)
                    HardwareVector.faults(
                            "i386-pae 2 MiB PDE with reserved bit 13",
                            0,
                            PAE_CR3,
                            Map.of(
                                    0x0034_5FE0L,
                                    0x0000_0000_0040_1001L,
                                    0x0040_1020L,
                                    0x0000_0000_0080_2083L),
                            8,
                            0x0080_0000L,
                            FaultType.RESERVED_BIT,
                            1),
                    // PDPTE 1 (0x345FE8) = 0x500001 (P); PDE 1 (0x500008) = 0x1_2340_108B = P RW
                    // PWT PS, bit 12 PAT: index 5 = WT (as index 1); the frame is bits 51:21, so
                    // bit 12 is no address bit; supervisor, no XD
                    HardwareVector.translates(
                                    "i386-pae 2 MiB page with the PAT bit (index 5)",
                                    0,
                                    PAE_CR3,
                                    Map.of(
                                            0x0034_5FE8L,
                                            0x0000_0000_0050_0001L,
                                            0x0050_0008L,
                                            0x0000_0001_2340_108BL),
                                    8,
                                    0x4020_0ABCL,
                                    0x1_2340_0ABCL)
                            .meaning(0x200000, 1, "---", "rwx", MemoryType.WRITE_THROUGH, false));

    private I386HardwareVectors() {}

    /**
     * Through PDI 2 (PDE 0x00202007: P RW US) to PTE {@code index}: VA 0x00800000 + index * 4 KiB,
     * frame 0x03500000 + index * 4 KiB.
     */
    private static HardwareVector legacy4K(
            int index, long pte, String user, String kernel, MemoryType type, boolean global) {
        return HardwareVector.translates(
                        "i386 PTE " + index + " " + Long.toHexString(pte),
                        0,
                        LEGACY_CR3,
                        Map.of(0x0010_0008L, 0x0020_2007L, 0x0020_2000L + 4L * index, pte),
                        4,
                        0x0080_0ABCL + 0x1000L * index,
                        0x0350_0ABCL + 0x1000L * index)
                .meaning(0x1000, 1, user, kernel, type, global);
    }

    /**
     * Through PDPTE 0 (0x401001) and PDE 0 (0x8000000000402007: XD P RW US) to PTE {@code index}:
     * VA index * 4 KiB + 0x45, frame from the PTE.
     */
    private static HardwareVector pae4K(
            int index, long pte, String user, String kernel, MemoryType type) {
        return HardwareVector.translates(
                        "i386-pae PTE " + index + " " + Long.toHexString(pte),
                        0,
                        PAE_CR3,
                        Map.of(
                                0x0034_5FE0L,
                                0x0000_0000_0040_1001L,
                                0x0040_1000L,
                                0x8000_0000_0040_2007L,
                                0x0040_2000L + 8L * index,
                                pte),
                        8,
                        0x1000L * index + 0x45,
                        (pte & 0x000F_FFFF_FFFF_F000L) + 0x45)
                .meaning(0x1000, 2, user, kernel, type, false);
    }

    /**
     * The vectors of 32-bit paging, for {@code i386} and {@code i386-widen-exec} alike (a walk
     * never depends on the execute policy).
     *
     * @return the §1 vectors, every one rooted at {@link #LEGACY_CR3}; an unmodifiable list
     */
    public static List<HardwareVector> legacy() {
        return LEGACY;
    }

    /**
     * The vectors of PAE paging.
     *
     * @return the §2 vectors, every one rooted at {@link #PAE_CR3}; an unmodifiable list
     */
    public static List<HardwareVector> pae() {
        return PAE;
    }
}
