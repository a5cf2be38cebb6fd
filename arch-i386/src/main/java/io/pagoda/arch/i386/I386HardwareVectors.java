package io.pagoda.arch.i386;

import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import java.util.List;
import java.util.Map;

/** The verified walks of hardware-formats.md §1 (32-bit paging) and §2 (PAE), with their negatives. */
public final class I386HardwareVectors {
    /** CR3 of every §1 vector. */
    public static final long LEGACY_CR3 = 0x0010_0000L;
    /** CR3 of every §2 vector: 32-byte aligned, not page aligned. */
    public static final long PAE_CR3 = 0x0034_5FE0L;

    private static final List<HardwareVector> LEGACY = List.of(
            HardwareVector.translates("i386 #1 (4 KiB page, P RW A D G)", 0, LEGACY_CR3,
                    Map.of(0x0010_0C00L, 0x0020_0003L, 0x0020_048CL, 0x0ABC_D163L), 4, 0xC012_3ABCL, 0x0ABC_DABCL),
            HardwareVector.translates("i386 #2 (4 MiB page, P RW US A D PS)", 0, LEGACY_CR3,
                    Map.of(0x0010_0804L, 0x12C0_00E7L), 4, 0x8076_5432L, 0x12F6_5432L),
            HardwareVector.translates("i386 #3 (4 MiB page above 4 GiB, PSE-36, PAT index 6)", 0, LEGACY_CR3,
                    Map.of(0x0010_000CL, 0x4040_7095L), 4, 0x00C0_1000L, 0x3_4040_1000L),
            HardwareVector.faults("i386 negative (4 MiB PDE with reserved bit 17, M' = 36)", 0, LEGACY_CR3,
                    Map.of(0x0010_000CL, 0x4042_0081L), 4, 0x00C0_1000L, FaultType.RESERVED_BIT));

    private static final List<HardwareVector> PAE = List.of(
            HardwareVector.translates("i386-pae #1 (4 KiB page, XD)", 0, PAE_CR3,
                    Map.of(0x0034_5FF0L, 0x0000_0001_2345_6001L, 0x1_2345_6DD8L, 0x0000_0000_0ABC_D027L,
                            0x0ABC_D2A0L, 0x8000_000F_EDCB_A063L), 8, 0xB765_4321L, 0xF_EDCB_A321L),
            HardwareVector.translates("i386-pae #2 (2 MiB page, G)", 0, PAE_CR3,
                    Map.of(0x0034_5FE8L, 0x0000_0000_0011_1001L, 0x0011_1008L, 0x0000_0002_0060_01E3L),
                    8, 0x4031_2345L, 0x2_0071_2345L),
            HardwareVector.translates("i386-pae #3 (4 KiB page, PAT index 5, G)", 0, PAE_CR3,
                    Map.of(0x0034_5FF8L, 0x0000_0000_0022_2001L, 0x0022_2FF8L, 0x0000_0000_0033_3003L,
                            0x0033_3FF8L, 0x0000_0000_0009_F18BL), 8, 0xFFFF_FABCL, 0x0009_FABCL),
            HardwareVector.faults("i386-pae negative (PDPTE 0x1003: R/W is reserved, #GP at MOV CR3)", 0, PAE_CR3,
                    Map.of(0x0034_5FE0L, 0x0000_0000_0000_1003L), 8, 0x0000_1000L, FaultType.ROOT_LOAD));

    private I386HardwareVectors() {
    }

    public static List<HardwareVector> legacy() {
        return LEGACY;
    }

    public static List<HardwareVector> pae() {
        return PAE;
    }
}
