package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.spi.RegisterRole;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected values from the SDM Vol. 3A bit positions (hardware-formats.md §3 and §2.5 of the SDM):
 * CR3 [M-1:12] base, [11:0] PCID (PCIDE = 1) or PWT [3] / PCD [4]; CR4 PAE 5, PGE 7, LA57 12, PCIDE
 * 17; EFER LME 8, NXE 11; CR0 PE 0, WP 16, PG 31; IA32_PAT as Linux programs it
 * (arch/x86/mm/pat/memtype.c: WB WC UC- UC WB WP UC- WT).
 */
class RootRegistersTest {
    private static long value(RootRegisters r, String name) {
        return r.named(name).orElseThrow().value();
    }

    @Test
    void fourLevelWriteBackWithoutPcid() {
        RootRegisters r =
                X86_64Architecture.fourLevel()
                        .rootRegisters(new long[] {0x0100_0000L}, RootSettings.DEFAULT);
        assertEquals(
                List.of("CR3", "CR4", "EFER", "IA32_PAT", "CR0"),
                List.copyOf(r.asMap().keySet()),
                "load order");
        assertEquals(0x0100_0000L, value(r, "CR3"));
        assertEquals(0xA0L, value(r, "CR4"));
        assertEquals(0x900L, value(r, "EFER"));
        assertEquals(0x8001_0001L, value(r, "CR0"));
        assertEquals(
                0x0007_0406_0007_0406L,
                value(r, "IA32_PAT"),
                "the SDM's power-on PAT: WB, WT, UC-, UC, repeated");
        assertEquals(RegisterRole.ROOT, r.named("CR3").orElseThrow().role());
    }

    @Test
    void fiveLevelWithPcidSetsLa57AndPcide() {
        RootRegisters r =
                X86_64Architecture.fiveLevel()
                        .rootRegisters(
                                new long[] {0x0200_0000L}, RootSettings.DEFAULT.withTag(0x123));
        assertEquals(0x0200_0123L, value(r, "CR3"));
        assertEquals(0x2_10A0L, value(r, "CR4"));
    }

    @Test
    void uncachedWalksSetPwtAndPcdButNotWithAPcid() {
        RootRegisters r =
                X86_64Architecture.fourLevel()
                        .rootRegisters(new long[] {0x0100_0000L}, new RootSettings(0, true, false));
        assertEquals(0x0100_0018L, value(r, "CR3"));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        X86_64Architecture.fourLevel()
                                .rootRegisters(
                                        new long[] {0x0100_0000L},
                                        new RootSettings(1, true, false)));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        X86_64Architecture.fourLevel()
                                .rootRegisters(
                                        new long[] {0x0100_0000L},
                                        new RootSettings(0, false, true)));
        assertEquals(62, X86_64Architecture.fourLevel().elfIdentity().machine());
    }
}
