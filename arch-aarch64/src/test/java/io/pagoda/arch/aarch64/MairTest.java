package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MAIR_EL1 as an input. Expected types come from the Arm ARM's MAIR_EL1.Attr&lt;n&gt; encodings:
 * 0b0000dd00 Device; otherwise outer (7:4) and inner (3:0) Normal attributes, 0b0100 Non-cacheable,
 * 0b00RW / 0b10RW write-through (transient / non-transient), 0b01RW / 0b11RW write-back; 0xF0
 * Tagged Normal write-back (FEAT_MTE2); 0x40 / 0xA0 Non-cacheable / write-through with XS = 0
 * (FEAT_XS).
 */
class MairTest {
    /**
     * Linux 6.1's MAIR_EL1 without MTE: 0 NORMAL 0xFF, 1 NORMAL_TAGGED (0xFF until MTE is enabled),
     * 2 NC 0x44, 3 nGnRnE 0x00, 4 nGnRE 0x04.
     */
    static final long LINUX_MAIR = 0x0000_0004_0044_FFFFL;

    @ParameterizedTest
    @CsvSource({
        "0x00, DEVICE",
        "0x04, DEVICE",
        "0x08, DEVICE",
        "0x0C, DEVICE",
        "0xFF, WRITE_BACK",
        "0x77, WRITE_BACK",
        "0xEE, WRITE_BACK",
        "0x4F, WRITE_BACK",
        "0xF0, WRITE_BACK",
        "0xBB, WRITE_THROUGH",
        "0xAA, WRITE_THROUGH",
        "0x33, WRITE_THROUGH",
        "0xA0, WRITE_THROUGH",
        "0x44, UNCACHED",
        "0x40, UNCACHED",
        "0xF4, UNCACHED",
    })
    void attributeBytesDecodeAsTheArmArmSays(String attribute, MemoryType expected) {
        long value = Long.decode(attribute);
        // the byte at index 3, the others Device-nGnRnE (0x00)
        MairLayout layout = MairLayout.of(value << 24);
        assertEquals(expected, layout.memoryType(3));
        assertEquals(MemoryType.DEVICE, layout.memoryType(0));
    }

    @ParameterizedTest
    @CsvSource({"0x01", "0x02", "0x10", "0x30", "0x80", "0xC0"})
    void unpredictableEncodingsAreRefusedNamingTheByte(String attribute) {
        long value = Long.decode(attribute) << 40;
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MairLayout.of(value));
        assertTrue(e.getMessage().contains("Attr5"), e.getMessage());
    }

    @Test
    void linuxsMairReadsNormalMemoryAsWriteBack() {
        MairLayout linux = MairLayout.of(LINUX_MAIR);
        assertEquals(MemoryType.WRITE_BACK, linux.memoryType(0));
        assertEquals(MemoryType.WRITE_BACK, linux.memoryType(1));
        assertEquals(MemoryType.UNCACHED, linux.memoryType(2));
        assertEquals(MemoryType.DEVICE, linux.memoryType(3));
        assertEquals(MemoryType.DEVICE, linux.memoryType(4));
        assertEquals(0, linux.attrIndex(MemoryType.WRITE_BACK));
        assertEquals(2, linux.attrIndex(MemoryType.UNCACHED));
        assertEquals(
                2,
                linux.attrIndex(MemoryType.WRITE_COMBINING),
                "write-combining is Normal NC on AArch64");
        assertEquals(3, linux.attrIndex(MemoryType.DEVICE));
        assertThrows(
                RightsNotExpressibleException.class,
                () -> linux.attrIndex(MemoryType.WRITE_THROUGH));
        assertEquals(MairLayout.DEFAULT, MairLayout.of(MairLayout.MAIR_EL1));
    }

    @Test
    void theArchitectureTakesTheGuestsMairAndKeepsItAcrossTheControlRegister() {
        Architecture fixed = Variants.get("aarch64");
        Architecture guest = Variants.withMair(fixed, LINUX_MAIR);
        assertEquals("aarch64", guest.name());
        assertEquals(LINUX_MAIR, ((Aarch64Architecture) guest).memoryAttributeRegister());
        // A1's page has AttrIndx 1: Device-nGnRE in Pagoda's fixed MAIR, normal write-back in
        // Linux's
        HardwareVector a1 = ReferenceVectors.A1;
        HardwareVector asLinux =
                HardwareVector.translates(
                                "A1 under Linux's MAIR",
                                0,
                                a1.registerValue(),
                                a1.entries(),
                                8,
                                a1.virtualAddress(),
                                a1.physicalAddress())
                        .meaning(0x1000, 3, "rwx", "rw-", MemoryType.WRITE_BACK, false);
        HardwareVectorCheck.assertAgrees(fixed, a1);
        HardwareVectorCheck.assertAgrees(guest, asLinux);
        // TCR after MAIR, and MAIR after TCR, give the same machine
        long tcr = TranslationControl.encode(((Aarch64Architecture) fixed).setup());
        Aarch64Architecture both = (Aarch64Architecture) Variants.withTcr(guest, tcr);
        assertEquals(LINUX_MAIR, both.memoryAttributeRegister());
        assertEquals(
                both.setup(),
                ((Aarch64Architecture) Variants.withMair(Variants.withTcr(fixed, tcr), LINUX_MAIR))
                        .setup());
        HardwareVectorCheck.assertAgrees(both, asLinux);
    }
}
