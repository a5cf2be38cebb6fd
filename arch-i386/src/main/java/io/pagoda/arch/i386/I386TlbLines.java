package io.pagoda.arch.i386;

import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.arch.x86.X86TlbLineFlags;
import io.pagoda.paging.image.QemuTlbLines;
import io.pagoda.paging.image.TlbLineFormat;
import io.pagoda.paging.spi.Architecture;

/**
 * QEMU's {@code info tlb} line for legacy and PAE leaves, with QEMU's own masks: a 4 MiB PDE keeps
 * bits 31:21 (so PSE-36 bits 20:13 are dropped and bit 21 shows), a 2 MiB PAE PDE keeps bits 63:20
 * (NX included), a 4 KiB entry keeps everything from bit 12 up with PS (PAT) cleared first. Letters
 * X G P D A C T U W.
 */
public final class I386TlbLines implements TlbLineFormat {

    @Override
    public boolean supports(String architectureName) {
        return architectureName.startsWith("i386");
    }

    @Override
    public String line(
            Architecture architecture,
            int rootIndex,
            int level,
            long virtualAddress,
            long rawEntry) {
        long span = architecture.roots().get(rootIndex).geometry().span(level);
        long flags = rawEntry;
        long shown;
        if (span == 1L << 22) {
            shown = rawEntry & 0xFFFF_FFFFL & ~0x1F_FFFFL;
        } else if (span == 1L << 21) {
            shown = rawEntry & ~0xF_FFFFL;
        } else {
            flags = rawEntry & ~X86EntryBits.PS;
            shown = flags & ~0xFFFL;
        }
        return QemuTlbLines.line(virtualAddress, shown, X86TlbLineFlags.of(flags));
    }
}
