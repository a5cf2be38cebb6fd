package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.error.AddressSpaceTagException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.NonCanonicalAddressException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.CanonicalForm;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Canonical form, CR3 and the address layout. */
class AddressingTest {
    private static final X86_64Architecture FOUR = X86_64Architecture.fourLevel();
    private static final X86_64Architecture FIVE = X86_64Architecture.fiveLevel();

    @Test
    void canonicalHalvesOfFourLevel() {
        CanonicalForm form = FOUR.cr3().canonicalForm();
        assertTrue(form.isCanonical(0x00007FFFFFFFFFFFL));
        assertTrue(form.isCanonical(0xFFFF800000000000L));
        assertFalse(form.isCanonical(0x0000800000000000L));
        assertFalse(form.isCanonical(0xFFFF7FFFFFFFFFFFL));
        assertFalse(form.isCanonical(0x0100000000000000L));
        assertEquals(OptionalInt.empty(), FOUR.rootIndexFor(0x0000800000000000L));
        assertEquals(OptionalInt.of(0), FOUR.rootIndexFor(0xFFFFFFFFC0001234L));
    }

    @Test
    void canonicalHalvesOfFiveLevel() {
        CanonicalForm form = FIVE.cr3().canonicalForm();
        assertTrue(form.isCanonical(0x0000800000000000L));
        assertTrue(form.isCanonical(0x00FFFFFFFFFFFFFFL));
        assertTrue(form.isCanonical(0xFF00000000000000L));
        assertFalse(form.isCanonical(0x0100000000000000L));
        assertFalse(form.isCanonical(0xFEFFFFFFFFFFFFFFL));
    }

    @Test
    void nonCanonicalAddressesAreRefusedWithTheRanges() {
        NonCanonicalAddressException e =
                assertThrows(
                        NonCanonicalAddressException.class,
                        () -> FOUR.cr3().canonicalForm().linear(0x0000800000000000L));
        assertTrue(
                e.getMessage().contains("0x7FFF_FFFF_FFFF")
                        && e.getMessage().contains("0xFFFF_8000_0000_0000"),
                e.getMessage());
        e =
                assertThrows(
                        NonCanonicalAddressException.class,
                        () -> FOUR.cr3().canonicalForm().linear(0xFFFF7FFFFFFFFFFFL));
        assertTrue(e.getMessage().contains("0xFFFF_7FFF_FFFF_FFFF"), e.getMessage());
        e =
                assertThrows(
                        NonCanonicalAddressException.class,
                        () -> FIVE.cr3().canonicalForm().linear(0x0100000000000000L));
        assertTrue(
                e.getMessage().contains("0xFF_FFFF_FFFF_FFFF")
                        && e.getMessage().contains("0xFF00_0000_0000_0000"),
                e.getMessage());
    }

    @Test
    void cr3MasksTheRootAndCarriesThePcid() {
        assertEquals(0x01000000L, FOUR.cr3().tableAddress(0x01000000L));
        assertEquals(
                0x01000000L,
                FOUR.cr3()
                        .tableAddress(
                                0x8000000001000FFFL)); // bit 63 and the PCID are not address bits
        assertEquals(0x000FFFFFFFFFF000L, FOUR.cr3().tableAddress(-1L));
        assertEquals(0xFFF, FOUR.cr3().tag(0x01000FFFL));
        assertEquals(0x18, FOUR.cr3().tag(0x01000018L));
        assertEquals(0x02000123L, FIVE.cr3().registerValue(0x02000000L, 0x123));
        assertEquals(
                0x02000000L, FIVE.cr3().tableAddress(FIVE.cr3().registerValue(0x02000000L, 0x123)));
        assertThrows(
                MisalignedAddressException.class, () -> FOUR.cr3().registerValue(0x01000800L, 0));
        assertThrows(PhysicalAddressException.class, () -> FOUR.cr3().registerValue(1L << 52, 0));
        assertThrows(
                AddressSpaceTagException.class,
                () -> FOUR.cr3().registerValue(0x01000000L, 0x1000));
        assertEquals(4096, FOUR.cr3().rootAlignment());
    }

    @Test
    void defaultLayoutOfFourLevel() {
        AddressLayout layout = FOUR.layout();
        assertEquals(0L, layout.userFirst());
        assertEquals(0x00007FFFFFFFFFFFL, layout.userLast());
        assertEquals(0xFFFF800000000000L, layout.kernelFirst());
        assertEquals(0xFFFFFF7FFFFFFFFFL, layout.kernelLast()); // slot 511 is the recursive window
        assertEquals(256, layout.kernelRootFirst());
        assertEquals(510, layout.kernelRootLast());
        assertEquals(511, layout.recursiveSlot());
        assertEquals(0xFFFF888000000000L, layout.directMapBase());
    }

    @Test
    void defaultLayoutOfFiveLevel() {
        AddressLayout layout = FIVE.layout();
        assertEquals(0x00FFFFFFFFFFFFFFL, layout.userLast());
        assertEquals(0xFF00000000000000L, layout.kernelFirst());
        assertEquals(0xFFFEFFFFFFFFFFFFL, layout.kernelLast());
        assertEquals(256, layout.kernelRootFirst());
        assertEquals(510, layout.kernelRootLast());
        assertEquals(511, layout.recursiveSlot());
        assertEquals(0xFF11000000000000L, layout.directMapBase());
    }

    @Test
    void otherRecursiveSlots() {
        AddressLayout low = FOUR.withRecursiveSlot(256).layout();
        assertEquals(256, low.recursiveSlot());
        assertEquals(257, low.kernelRootFirst());
        assertEquals(511, low.kernelRootLast());
        assertEquals(0xFFFF808000000000L, low.kernelFirst());
        assertEquals(-1L, low.kernelLast());
        AddressLayout none = FIVE.withRecursiveSlot(-1).layout();
        assertFalse(none.hasRecursiveSlot());
        assertEquals(511, none.kernelRootLast());
        AddressLayout user = FOUR.withRecursiveSlot(255).layout();
        assertEquals(0x00007F7FFFFFFFFFL, user.userLast());
        assertEquals(0xFFFF888000000000L, user.directMapBase());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FOUR.withRecursiveSlot(300));
        assertTrue(
                e.getMessage().contains("kernel") && e.getMessage().contains("511"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FOUR.withRecursiveSlot(512));
        assertFalse(FOUR.withDirectMapBase(-1).layout().hasDirectMap());
        assertThrows(
                IllegalArgumentException.class, () -> FOUR.withDirectMapBase(0x0000800000000000L));
        // the default variants are untouched
        assertEquals(511, FOUR.layout().recursiveSlot());
    }
}
