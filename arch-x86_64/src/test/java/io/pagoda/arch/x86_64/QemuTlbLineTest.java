package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.image.TlbLineFormat;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Lines for §3 vector leaves, worked out by hand from QEMU's print_pte (target/i386/monitor.c):
 * address masked to bits 49:12 / 49:21 / 49:30, then X G P D A C T U W from the raw bits (PS
 * cleared for 4 KiB).
 */
class QemuTlbLineTest {
    private final X86_64Architecture arch = X86_64Architecture.fourLevel();
    private final TlbLineFormat lines = new X86_64TlbLines();

    @Test
    void fourKibPageOfVector1() {
        assertEquals(
                "00007f1234567000: 0000001234567000 X--DA--UW",
                lines.line(arch, 0, 3, 0x00007F1234567000L, 0xA800001234567067L));
    }

    @Test
    void twoMibPageOfVector2DropsThePatBit() {
        assertEquals(
                "ffff800012200000: 00000003ffe00000 -GPDA---W",
                lines.line(arch, 0, 2, 0xFFFF800012200000L, 0x00000003FFE011E3L));
    }

    @Test
    void oneGibPageOfVector3() {
        assertEquals(
                "ffffffffc0000000: 000000ffc0000000 XGPDA---W",
                lines.line(arch, 0, 1, 0xFFFFFFFFC0000000L, 0x800000FFC00001E3L));
    }

    @Test
    void foundByServiceLoaderForBothVariants() {
        boolean found = false;
        for (TlbLineFormat format : ServiceLoader.load(TlbLineFormat.class)) {
            found |= format.supports("x86_64") && format.supports("x86_64-la57");
        }
        assertTrue(found);
    }
}
