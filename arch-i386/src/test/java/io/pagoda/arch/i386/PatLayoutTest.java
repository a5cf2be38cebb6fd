package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.MemoryType;
import org.junit.jupiter.api.Test;

/** The documented PAT layout: 0 WB, 1 WC, 2 UC-, 3 UC, 4 WB, 5 WP, 6 UC-, 7 WT. */
class PatLayoutTest {

    @Test
    void encodesOneIndexPerType() {
        assertEquals(0, PatLayout.indexOf(MemoryType.WRITE_BACK));
        assertEquals(1, PatLayout.indexOf(MemoryType.WRITE_COMBINING));
        assertEquals(3, PatLayout.indexOf(MemoryType.UNCACHED));
        assertEquals(3, PatLayout.indexOf(MemoryType.DEVICE));
        assertEquals(7, PatLayout.indexOf(MemoryType.WRITE_THROUGH));
    }

    @Test
    void decodesEveryIndex() {
        MemoryType[] expected = {MemoryType.WRITE_BACK, MemoryType.WRITE_COMBINING, MemoryType.UNCACHED, MemoryType.UNCACHED,
            MemoryType.WRITE_BACK, MemoryType.WRITE_THROUGH, MemoryType.UNCACHED, MemoryType.WRITE_THROUGH};
        for (int index = 0; index < 8; index++) {
            assertEquals(expected[index], PatLayout.typeOf(index), "index " + index);
        }
    }

    @Test
    void patBitMovesWithTheLeafSize() {
        // patIdx = PAT*4 + PCD*2 + PWT; PAT is bit 7 in a 4 KiB PTE, bit 12 in a large leaf
        assertEquals(0x98L, PatLayout.bits(7, 1L << 7));
        assertEquals(0x1018L, PatLayout.bits(7, 1L << 12));
        assertEquals(6, PatLayout.indexIn(0x4040_7095L, 1L << 12));
        assertEquals(5, PatLayout.indexIn(0x9F18BL, 1L << 7));
        assertEquals(0, PatLayout.indexIn(0x12C0_00E7L, 1L << 12), "bit 7 of a 4 MiB PDE is PS, not PAT");
    }
}
