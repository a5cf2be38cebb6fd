package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import org.junit.jupiter.api.Test;

/**
 * Expected values from the SDM bit positions (hardware-formats.md §1, §2): legacy CR3 [31:12] page
 * directory, PWT 3, PCD 4; PAE CR3 [31:5] PDPT; CR4 PSE 4, PAE 5, PGE 7; EFER NXE 11; CR0 PE 0, WP
 * 16, PG 31.
 */
class RootRegistersTest {
    @Test
    void legacyPagingUsesPseAndCacheBits() {
        RootRegisters r =
                new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE)
                        .rootRegisters(new long[] {0x0010_0000L}, new RootSettings(0, true, false));
        assertEquals(0x0010_0018L, r.named("CR3").orElseThrow().value());
        assertEquals(0x90L, r.named("CR4").orElseThrow().value());
        assertEquals(0x8001_0001L, r.named("CR0").orElseThrow().value());
        assertTrue(r.named("EFER").isEmpty(), "legacy paging has no NX to enable");
        assertEquals(
                3,
                new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE).elfIdentity().machine());
        assertEquals(
                32,
                new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE)
                        .elfIdentity()
                        .objectClass());
    }

    @Test
    void paeLoadsTheThirtyTwoByteAlignedPdptAndEnablesNx() {
        PaeArchitecture pae = new PaeArchitecture();
        RootRegisters r = pae.rootRegisters(new long[] {0x0034_5FE0L}, RootSettings.DEFAULT);
        assertEquals(0x0034_5FE0L, r.named("CR3").orElseThrow().value());
        assertEquals(0xA0L, r.named("CR4").orElseThrow().value());
        assertEquals(0x800L, r.named("EFER").orElseThrow().value());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        pae.rootRegisters(
                                new long[] {0x0034_5FE0L}, new RootSettings(0, true, false)));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        pae.rootRegisters(
                                new long[] {0x0034_5FE0L}, RootSettings.DEFAULT.withTag(1)));
    }
}
