package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.spi.RegisterRole;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import org.junit.jupiter.api.Test;

/**
 * Expected values assembled by hand from the Arm ARM register layouts (hardware-formats.md §4):
 * TTBRn [63:48] ASID, [0] CnP; TCR_EL1 T0SZ[5:0], IRGN0[9:8], ORGN0[11:10], SH0[13:12], TG0[15:14]
 * (00 4K, 01 64K, 10 16K), T1SZ[21:16], IRGN1[25:24], ORGN1[27:26], SH1[29:28], TG1[31:30] (10 4K,
 * 01 16K, 11 64K), IPS[34:32] (5 = 48 bits), AS[36], TBI0[37]; MAIR bytes 0xFF (Normal WB
 * RW-allocate), 0x04 (Device-nGnRE), 0x44 (Normal NC), 0xBB (Normal WT).
 */
class RootRegistersTest {
    private static RootRegisters registers(String variant, RootSettings settings) {
        return Variants.get(variant).rootRegisters(new long[] {0x80000000L, 0x90000000L}, settings);
    }

    @Test
    void fourKibFortyEightBitWithAsidAndCommonNotPrivate() {
        RootRegisters r = registers("aarch64", new RootSettings(0x42, false, true));
        assertEquals(0x0042_0000_8000_0001L, r.named("TTBR0_EL1").orElseThrow().value());
        assertEquals(0x0000_0000_9000_0001L, r.named("TTBR1_EL1").orElseThrow().value());
        // T0SZ 16, T1SZ 16 <<16, TG1 4K (10) <<30, IPS 5 <<32, AS <<36, IRGN/ORGN 01 and SH 11 for
        // both halves
        long tcr =
                16L
                        | (16L << 16)
                        | (2L << 30)
                        | (5L << 32)
                        | (1L << 36)
                        | (1L << 8)
                        | (1L << 10)
                        | (3L << 12)
                        | (1L << 24)
                        | (1L << 26)
                        | (3L << 28);
        assertEquals(0x0000_0015_B510_3510L, tcr, "the hand sum");
        assertEquals(tcr, r.named("TCR_EL1").orElseThrow().value());
        assertEquals(0x0000_4400_BB44_04FFL, r.named("MAIR_EL1").orElseThrow().value());
        assertEquals(RegisterRole.ROOT_UPPER, r.named("TTBR1_EL1").orElseThrow().role());
        assertEquals(RegisterRole.TRANSLATION_CONTROL, r.named("TCR_EL1").orElseThrow().role());
        assertEquals(RegisterRole.MEMORY_ATTRIBUTES, r.named("MAIR_EL1").orElseThrow().role());
    }

    @Test
    void sixteenAndSixtyFourKibGranulesUncached() {
        // 16K, 47-bit: T0SZ = T1SZ = 17, TG0 = 10, TG1 = 01; walks non-cacheable: IRGN/ORGN 00, SH
        // 11 kept
        long tcr16 =
                17L
                        | (2L << 14)
                        | (17L << 16)
                        | (1L << 30)
                        | (5L << 32)
                        | (1L << 36)
                        | (3L << 12)
                        | (3L << 28);
        assertEquals(
                tcr16,
                registers("aarch64-16k-47", new RootSettings(0, true, false))
                        .named("TCR_EL1")
                        .orElseThrow()
                        .value());
        // 64K, 48-bit: TG0 = 01, TG1 = 11
        long tcr64 =
                16L
                        | (1L << 14)
                        | (16L << 16)
                        | (3L << 30)
                        | (5L << 32)
                        | (1L << 36)
                        | (3L << 12)
                        | (3L << 28);
        RootRegisters r = registers("aarch64-64k-48", new RootSettings(7, true, false));
        assertEquals(tcr64, r.named("TCR_EL1").orElseThrow().value());
        assertEquals(0x0007_0000_8000_0000L, r.named("TTBR0_EL1").orElseThrow().value());
        assertEquals(
                0x9000_0000L,
                r.named("TTBR1_EL1").orElseThrow().value(),
                "TTBR1 carries no ASID with TCR.A1 = 0");
    }

    @Test
    void topByteIgnoredHalvesSetTbi() {
        Aarch64Architecture tbi =
                (Aarch64Architecture)
                        Variants.withTcr(
                                Variants.get("aarch64"),
                                16L | (16L << 16) | (2L << 30) | (5L << 32) | (1L << 37));
        long tcr =
                tbi.rootRegisters(new long[] {0x80000000L, 0x90000000L}, RootSettings.DEFAULT)
                        .named("TCR_EL1")
                        .orElseThrow()
                        .value();
        assertEquals(1L << 37, tcr & (3L << 37), "TBI0 set, TBI1 clear");
    }

    @Test
    void badRequestsAreRefused() {
        Aarch64Architecture a = Variants.get("aarch64");
        assertThrows(
                IllegalArgumentException.class,
                () -> a.rootRegisters(new long[] {0x80000000L}, RootSettings.DEFAULT));
        assertThrows(
                RuntimeException.class,
                () -> a.rootRegisters(new long[] {0x80000800L, 0x90000000L}, RootSettings.DEFAULT));
        assertEquals(183, a.elfIdentity().machine());
        assertEquals(64, a.elfIdentity().objectClass());
    }
}
