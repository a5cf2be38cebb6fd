package io.pagoda.paging.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QemuTlbLinesTest {
    @Test
    void linesHaveQemusShape() {
        assertEquals(
                "ffff800000200000: 0000000001234000 X-P-A---W",
                QemuTlbLines.line(
                        0xFFFF_8000_0020_0000L,
                        0x123_4000L,
                        QemuTlbLines.flags(
                                0x8000_0000_0000_00A2L | 1L << 63,
                                new long[] {
                                    1L << 63, 1 << 8, 1 << 7, 1 << 6, 1 << 5, 1 << 4, 1 << 3,
                                    1 << 2, 1 << 1
                                },
                                "XGPDACTUW".toCharArray())));
        assertEquals("00400000: 00123000 ---", QemuTlbLines.line(8, 0x40_0000L, 0x12_3000L, "---"));
        assertThrows(
                IllegalArgumentException.class,
                () -> QemuTlbLines.flags(0, new long[] {1}, new char[0]));
    }
}
