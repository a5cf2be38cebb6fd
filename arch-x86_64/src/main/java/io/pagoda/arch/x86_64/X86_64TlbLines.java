package io.pagoda.arch.x86_64;

import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.arch.x86.X86TlbLineFlags;
import io.pagoda.paging.image.QemuTlbLines;
import io.pagoda.paging.image.TlbLineFormat;
import io.pagoda.paging.spi.Architecture;

/**
 * QEMU's {@code info tlb} line for a 4- or 5-level leaf: the entry masked as QEMU masks it (address
 * bits 49:30, 49:21 or 49:12, flags dropped) and the nine letters X G P D A C T U W. QEMU clears PS
 * before printing a 4 KiB PTE, where bit 7 is PAT, so a PAT page shows no 'P'.
 */
public final class X86_64TlbLines implements TlbLineFormat {
    static final long MASK_1G = 0x3FFFFC0000000L;
    static final long MASK_2M = 0x3FFFFFFE00000L;
    static final long MASK_4K = 0x3FFFFFFFFF000L;

    @Override
    public boolean supports(String architectureName) {
        return architectureName.startsWith("x86_64");
    }

    @Override
    public String line(
            Architecture architecture,
            int rootIndex,
            int level,
            long virtualAddress,
            long rawEntry) {
        long span = architecture.roots().get(rootIndex).geometry().span(level);
        long shown;
        long flags = rawEntry;
        if (span == 1L << 30) {
            shown = rawEntry & MASK_1G;
        } else if (span == 1L << 21) {
            shown = rawEntry & MASK_2M;
        } else {
            flags = rawEntry & ~X86EntryBits.PS;
            shown = flags & MASK_4K;
        }
        return QemuTlbLines.line(virtualAddress, shown, X86TlbLineFlags.of(flags));
    }
}
