package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.image.TlbLineFormat;
import org.junit.jupiter.api.Test;

/**
 * Lines for §1/§2 vector leaves, worked out by hand from QEMU's tlb_info_32 / tlb_info_pae32 masks.
 */
class QemuTlbLineTest {
    private final TlbLineFormat lines = new I386TlbLines();
    private final I386Architecture legacy =
            new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE);
    private final PaeArchitecture pae = new PaeArchitecture();

    @Test
    void legacyFourKibPage() {
        assertEquals(
                "00000000c0123000: 000000000abcd000 -G-DA---W",
                lines.line(legacy, 0, 1, 0xC0123000L, 0x0ABCD163L));
    }

    @Test
    void legacyFourMibPageKeepsBits31To21Only() {
        assertEquals(
                "0000000000c00000: 0000000040400000 --P--C-U-",
                lines.line(legacy, 0, 0, 0x00C00000L, 0x40407095L));
    }

    @Test
    void paeTwoMibPageKeepsBitsFrom20Up() {
        assertEquals(
                "0000000040200000: 0000000200600000 -GPDA---W",
                lines.line(pae, 0, 1, 0x40200000L, 0x00000002006001E3L));
    }

    @Test
    void paeFourKibPageKeepsNx() {
        assertEquals(
                "00000000b7654000: 8000000fedcba000 X--DA---W",
                lines.line(pae, 0, 2, 0xB7654000L, 0x8000000FEDCBA063L));
    }
}
