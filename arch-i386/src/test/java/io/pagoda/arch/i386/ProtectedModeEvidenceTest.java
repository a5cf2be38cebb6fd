package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.spi.CpuRegisters;
import io.pagoda.paging.spi.VariantCandidate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Register values of 32-bit Linux guests (CR0 = PG|WP|NE|ET|MP|PE = 0x80050033; CR4.PSE bit 4,
 * CR4.PAE bit 5; the kernel code segment's descriptor high dword 0x00CF9B00, D=1, L=0), from Intel
 * SDM vol. 3A 2.5 and 3.4.5.
 */
class ProtectedModeEvidenceTest {
    private static List<VariantCandidate> candidates(
            int machine, long cr0, long cr3, long cr4, long csFlags) {
        return new I386ArchitectureProvider()
                .candidatesFrom(
                        new CpuRegisters(
                                machine,
                                0,
                                "QEMU note",
                                Map.of("cr0", cr0, "cr3", cr3, "cr4", cr4, "cs.flags", csFlags)));
    }

    @Test
    void legacyPagingWithoutPae() {
        List<VariantCandidate> found =
                candidates(3, 0x80050033L, 0x01E3E000L, 0x00000690L, 0x00CF9B00L);
        assertEquals(1, found.size());
        assertEquals("i386", found.get(0).architecture());
        assertEquals(List.of(0x01E3E000L), found.get(0).roots());
        assertTrue(
                found.get(0).evidence().contains("CR4.PAE=0")
                        && found.get(0).evidence().contains("CR4.PSE=1"),
                found.get(0).evidence());
    }

    @Test
    void paePagingWithThe32ByteAlignedRoot() {
        List<VariantCandidate> found =
                candidates(3, 0x80050033L, 0x01C5A9E0L, 0x000006B0L, 0x00CF9B00L);
        assertEquals("i386-pae", found.get(0).architecture());
        assertEquals(List.of(0x01C5A9E0L), found.get(0).roots());
    }

    @Test
    void theUpperHalfOfQemusSixtyFourBitFieldIsNotPartOfCr3() {
        assertEquals(
                List.of(0x5000L),
                candidates(3, 0x80000001L, 0xFFFF_FFFF_0000_5000L, 0, 0x00CF9B00L).get(0).roots());
    }

    @Test
    void noCandidateInLongModePagingOffOrOnAnotherMachine() {
        assertEquals(List.of(), candidates(62, 0x80050033L, 0x1000, 0x6B0, 0x00CF9B00L));
        assertEquals(List.of(), candidates(3, 0x80050033L, 0x1000, 0x6B0, 0x00AF9B00L));
        assertEquals(List.of(), candidates(3, 0x00000011L, 0x1000, 0x6B0, 0x00CF9B00L));
        assertEquals(List.of(), candidates(183, 0x80050033L, 0x1000, 0x6B0, 0x00CF9B00L));
    }
}
