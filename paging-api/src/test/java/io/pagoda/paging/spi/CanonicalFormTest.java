package io.pagoda.paging.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.error.NonCanonicalAddressException;
import org.junit.jupiter.api.Test;

/**
 * The three ways a linear range sits in 64-bit addresses (hardware-formats.md §3, §4), and AArch64
 * top-byte-ignore.
 */
class CanonicalFormTest {

    @Test
    void signExtendedHalvesOf48Bits() {
        CanonicalForm form = CanonicalForm.signExtended(48);
        assertTrue(form.isCanonical(0x0000_7FFF_FFFF_FFFFL));
        assertTrue(form.isCanonical(0xFFFF_8000_0000_0000L));
        assertFalse(form.isCanonical(0x0000_8000_0000_0000L));
        assertFalse(form.isCanonical(0xFFFF_7FFF_FFFF_FFFFL));
        assertEquals(0x8000_0000_0000L, form.linear(0xFFFF_8000_0000_0000L));
        assertEquals(0xFFFF_8000_0000_0000L, form.virtual(0x8000_0000_0000L));
        NonCanonicalAddressException e =
                assertThrows(
                        NonCanonicalAddressException.class,
                        () -> form.linear(0x0000_8000_0000_0000L));
        assertTrue(
                e.getMessage().contains("0x7FFF_FFFF_FFFF")
                        && e.getMessage().contains("0xFFFF_8000_0000_0000"),
                e.getMessage());
    }

    @Test
    void lowerAndUpperRanges() {
        assertTrue(CanonicalForm.lowerRange(48).isCanonical(0x0000_FFFF_FFFF_FFFFL));
        assertFalse(CanonicalForm.lowerRange(48).isCanonical(0x0001_0000_0000_0000L));
        assertTrue(CanonicalForm.upperRange(48).isCanonical(0xFFFF_0000_0000_0000L));
        assertFalse(CanonicalForm.upperRange(48).isCanonical(0xFFFE_FFFF_FFFF_FFFFL));
        assertEquals(0x40_0000L, CanonicalForm.upperRange(39).linear(0xFFFF_FF80_0040_0000L));
    }

    @Test
    void anIgnoredTopByteIsATagThatDoesNotChangeTheAddress() {
        CanonicalForm upper = CanonicalForm.upperRange(48).withTopByteIgnored();
        CanonicalForm lower = CanonicalForm.lowerRange(48).withTopByteIgnored();
        // bit 55 selects the range; bits 63:56 are a tag
        assertTrue(upper.isCanonical(0x12FF_8000_0801_0A80L));
        assertEquals(0x8000_0801_0A80L, upper.linear(0x12FF_8000_0801_0A80L));
        assertFalse(lower.isCanonical(0x12FF_8000_0801_0A80L));
        assertTrue(lower.isCanonical(0xA500_0000_1234_5000L));
        assertEquals(0x1234_5000L, lower.linear(0xA500_0000_1234_5000L));
        assertFalse(
                CanonicalForm.upperRange(48).isCanonical(0x12FF_8000_0801_0A80L),
                "without TBI the tag is an error");
        assertTrue(upper.describeRanges().contains("top byte ignored"));
    }
}
