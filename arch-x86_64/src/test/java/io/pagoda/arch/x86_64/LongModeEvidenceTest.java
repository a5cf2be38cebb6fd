package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.spi.CpuRegisters;
import io.pagoda.paging.spi.VariantCandidate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Register values are those a Linux guest runs with (CR0 = PG|AM|WP|NE|ET|MP|PE = 0x80050033; CR4
 * with PAE, PGE, OSFXSR...; the kernel code segment's descriptor 0x00AF9B00_0000FFFF, whose high
 * dword QEMU keeps as the flags), the bit positions from Intel SDM vol. 3A 2.5 and 3.4.5.
 */
class LongModeEvidenceTest {
    private static final long CR0_LINUX = 0x80050033L;
    private static final long CR4_LINUX = 0x003606E0L;
    private static final long CS_KERNEL64 = 0x00AF9B00L;
    private static final long CS_COMPAT32 = 0x00CFFB00L;

    private static List<VariantCandidate> candidates(
            int machine, long cr0, long cr3, long cr4, long csFlags) {
        return new X86_64Provider()
                .candidatesFrom(
                        new CpuRegisters(
                                machine,
                                0,
                                "QEMU note",
                                Map.of("cr0", cr0, "cr3", cr3, "cr4", cr4, "cs.flags", csFlags)));
    }

    @Test
    void fourLevelFromPagingPaeAndALongModeCore() {
        List<VariantCandidate> found =
                candidates(62, CR0_LINUX, 0x10A2C000L, CR4_LINUX, CS_KERNEL64);
        assertEquals(1, found.size());
        assertEquals("x86_64", found.get(0).architecture());
        assertEquals(List.of(0x10A2C000L), found.get(0).roots());
        assertTrue(found.get(0).evidence().contains("CR4.LA57=0"), found.get(0).evidence());
    }

    @Test
    void fiveLevelWhenLa57IsSet() {
        List<VariantCandidate> found =
                candidates(
                        62,
                        CR0_LINUX,
                        0x2C01000L | 0x8000000000000000L,
                        CR4_LINUX | (1L << 12),
                        CS_KERNEL64);
        assertEquals("x86_64-la57", found.get(0).architecture());
        // the raw value, no-flush bit and all: the variant's root masks it as the hardware does
        assertEquals(List.of(0x2C01000L | 0x8000000000000000L), found.get(0).roots());
    }

    @Test
    void aCompatibilityModeCpuIsStillInLongModeByTheMachineNumber() {
        assertEquals(
                "x86_64",
                candidates(62, CR0_LINUX, 0x1000, CR4_LINUX, CS_COMPAT32).get(0).architecture());
    }

    @Test
    void aSixtyFourBitCodeSegmentShowsLongModeEvenInAnEm386Core() {
        List<VariantCandidate> found = candidates(3, CR0_LINUX, 0x1000, CR4_LINUX, CS_KERNEL64);
        assertEquals("x86_64", found.get(0).architecture());
        assertTrue(found.get(0).evidence().contains("CS.L=1"), found.get(0).evidence());
    }

    @Test
    void noCandidateOutsideLongModeWithPagingOffOrForAnotherMachine() {
        assertEquals(List.of(), candidates(3, CR0_LINUX, 0x1000, CR4_LINUX, 0x00CF9B00L));
        assertEquals(List.of(), candidates(62, 0x60000010L, 0x1000, CR4_LINUX, CS_KERNEL64));
        assertEquals(
                List.of(), candidates(62, CR0_LINUX, 0x1000, CR4_LINUX & ~(1L << 5), CS_KERNEL64));
        assertEquals(List.of(), candidates(183, CR0_LINUX, 0x1000, CR4_LINUX, CS_KERNEL64));
        assertEquals(
                List.of(),
                new X86_64Provider()
                        .candidatesFrom(new CpuRegisters(62, 0, "NT_PRSTATUS", Map.of("rip", 1L))));
    }
}
