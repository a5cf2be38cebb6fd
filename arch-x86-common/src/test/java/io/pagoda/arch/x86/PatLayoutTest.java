package io.pagoda.arch.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import org.junit.jupiter.api.Test;

/**
 * The PAT layouts against the SDM: the power-on IA32_PAT (Vol. 3A table 11-12: WB, WT, UC-, UC,
 * repeated) and Linux's (arch/x86/mm/pat/memtype.c: WB, WC, UC-, UC, WB, WP, UC-, WT); the PAT type
 * encodings of table 11-10.
 */
class PatLayoutTest {

    @Test
    void thePowerOnMsrIsTheSdmsResetValue() {
        // PA0..PA7 = 06 04 07 00 06 04 07 00 (WB WT UC- UC, twice), byte i = entry i
        assertEquals(0x0007_0406_0007_0406L, PatLayout.POWER_ON.msr());
    }

    @Test
    void powerOnWritesTheLowestIndexOfEachType() {
        assertEquals(0, PatLayout.POWER_ON.indexOf(MemoryType.WRITE_BACK));
        assertEquals(1, PatLayout.POWER_ON.indexOf(MemoryType.WRITE_THROUGH));
        assertEquals(2, PatLayout.POWER_ON.indexOf(MemoryType.UNCACHED));
        assertEquals(3, PatLayout.POWER_ON.indexOf(MemoryType.DEVICE));
        RightsNotExpressibleException e =
                assertThrows(
                        RightsNotExpressibleException.class,
                        () -> PatLayout.POWER_ON.indexOf(MemoryType.WRITE_COMBINING));
        assertEquals(
                true,
                e.getMessage().contains("WRITE_COMBINING")
                        && e.getMessage().contains("0x7_0406_0007_0406"),
                e.getMessage());
    }

    @Test
    void powerOnDecodesTheUpperHalfAsTheLower() {
        MemoryType[] expected = {
            MemoryType.WRITE_BACK, MemoryType.WRITE_THROUGH, MemoryType.UNCACHED, MemoryType.DEVICE
        };
        for (int index = 0; index < 8; index++) {
            assertEquals(
                    expected[index & 3], PatLayout.POWER_ON.memoryTypeOf(index), "index " + index);
        }
    }

    @Test
    void linuxLayoutHasWriteCombiningAndReadsWpAsWriteThrough() {
        assertEquals(1, PatLayout.LINUX.indexOf(MemoryType.WRITE_COMBINING));
        assertEquals(7, PatLayout.LINUX.indexOf(MemoryType.WRITE_THROUGH));
        MemoryType[] expected = {
            MemoryType.WRITE_BACK,
            MemoryType.WRITE_COMBINING,
            MemoryType.UNCACHED,
            MemoryType.DEVICE,
            MemoryType.WRITE_BACK,
            MemoryType.WRITE_THROUGH,
            MemoryType.UNCACHED,
            MemoryType.WRITE_THROUGH
        };
        for (int index = 0; index < 8; index++) {
            assertEquals(expected[index], PatLayout.LINUX.memoryTypeOf(index), "index " + index);
        }
    }

    @Test
    void patBitMovesWithTheLeafSize() {
        // patIdx = PAT*4 + PCD*2 + PWT; PAT is bit 7 in a 4 KiB PTE, bit 12 in a large leaf
        // (hardware-formats.md §1)
        assertEquals(0x98L, PatLayout.bits(7, 1L << 7));
        assertEquals(0x1018L, PatLayout.bits(7, 1L << 12));
        assertEquals(
                6, PatLayout.indexIn(0x4040_7095L, 1L << 12), "hardware-formats.md §1 vector 3");
        assertEquals(5, PatLayout.indexIn(0x9F18BL, 1L << 7), "hardware-formats.md §2 vector 3");
        assertEquals(
                4,
                PatLayout.indexIn(0x3_FFE0_11E3L, 1L << 12),
                "hardware-formats.md §3 vector 2 (PAT@12)");
        assertEquals(
                0,
                PatLayout.indexIn(0x12C0_00E7L, 1L << 12),
                "bit 7 of a 4 MiB PDE is PS, not PAT");
        assertEquals(0x18L, PatLayout.POWER_ON.bitsOf(MemoryType.DEVICE, 1L << 12));
    }

    @Test
    void reservedPatEncodingsAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new PatLayout(0x02L),
                "encoding 2 is reserved");
        assertThrows(
                IllegalArgumentException.class,
                () -> new PatLayout(0x08L),
                "bits 7:3 of an entry are reserved");
        assertEquals(PatType.WB, PatType.ofEncoding(6));
        assertEquals(PatType.UC_MINUS, PatType.of(MemoryType.UNCACHED));
    }
}
