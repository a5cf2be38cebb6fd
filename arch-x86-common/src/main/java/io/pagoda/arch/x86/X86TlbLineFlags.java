package io.pagoda.arch.x86;

import io.pagoda.paging.image.QemuTlbLines;

/**
 * The nine flag letters QEMU's {@code info tlb} prints for an x86 leaf, the same for every x86
 * format (QEMU target/i386/monitor.c, print_pte): X G P D A C T U W for XD, G, PS, D, A, PCD, PWT,
 * U/S and R/W. Each format masks the entry its own way first (a 4 KiB PTE has PS, which is PAT
 * there, cleared).
 */
public final class X86TlbLineFlags {
    private static final long[] MASKS = {
        X86EntryBits.XD,
        X86EntryBits.G,
        X86EntryBits.PS,
        X86EntryBits.D,
        X86EntryBits.A,
        X86EntryBits.PCD,
        X86EntryBits.PWT,
        X86EntryBits.US,
        X86EntryBits.RW
    };
    private static final char[] LETTERS = "XGPDACTUW".toCharArray();

    private X86TlbLineFlags() {}

    /**
     * The nine letters for an entry, in QEMU's order.
     *
     * @param flags the entry, already masked by the format
     * @return the letters X G P D A C T U W, '-' in place of each bit clear
     */
    public static String of(long flags) {
        return QemuTlbLines.flags(flags, MASKS, LETTERS);
    }
}
