package io.pagoda.arch.aarch64;

import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.RootSettings;
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
                // 4K with FEAT_LPA2: T0SZ = T1SZ = 12, IPS = 110, DS = 1
                boot(
                        "aarch64-4k-52",
                        "4K, 52-bit (DS = 1)",
                        RootSettings.DEFAULT,
                        TABLE0,
                        TABLE1,
                        TCR_COMMON | 12 | (12L << 16) | (2L << 30) | (6L << 32) | (1L << 59)));
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
