package io.pagoda.arch.aarch64;

import io.pagoda.paging.image.QemuTlbLines;
import io.pagoda.paging.image.TlbLineFormat;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TranslationRoot;

/**
 * A line of the same shape as QEMU's x86 {@code info tlb}, which QEMU lacks for Arm: the leaf's
 * canonical virtual base, its output address, and nine letters: X UXN, P PXN, B block (a leaf above
 * the last level), D DBM, A AF, G global (nG clear), S inner shareable (SH = 0b11), U EL0 access
 * (AP[1]), W writable (AP[2] clear).
 */
public final class Aarch64TlbLines implements TlbLineFormat {

    @Override
    public boolean supports(String architectureName) {
        return architectureName.startsWith("aarch64");
    }

    @Override
    public String line(
            Architecture architecture,
            int rootIndex,
            int level,
            long virtualAddress,
            long rawEntry) {
        TranslationRoot root = architecture.roots().get(rootIndex);
        boolean block = level < root.geometry().lastLevel();
        char[] letters = {
            (rawEntry & Descriptor.UXN) != 0 ? 'X' : '-',
            (rawEntry & Descriptor.PXN) != 0 ? 'P' : '-',
            block ? 'B' : '-',
            (rawEntry & Descriptor.DBM) != 0 ? 'D' : '-',
            (rawEntry & Descriptor.AF) != 0 ? 'A' : '-',
            (rawEntry & Descriptor.NOT_GLOBAL) == 0 ? 'G' : '-',
            (rawEntry & Descriptor.SH) == Descriptor.SH_INNER ? 'S' : '-',
            (rawEntry & Descriptor.AP_EL0) != 0 ? 'U' : '-',
            (rawEntry & Descriptor.AP_READ_ONLY) == 0 ? 'W' : '-'
        };
        return QemuTlbLines.line(
                virtualAddress, root.format().leafAddress(level, rawEntry), new String(letters));
    }
}
