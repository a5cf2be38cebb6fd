package io.pagoda.arch.i386;

import io.pagoda.arch.x86.PatLayout;
import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.EntryKind;
import java.util.Locale;

/**
 * One-line descriptions of x86 entries for dumps: table name, kind, address and the set bits by
 * name.
 */
final class EntryText {
    private static final String[] LOW_BIT_NAMES = {
        "P", "RW", "US", "PWT", "PCD", "A", "D", "", "G", "AVL9", "AVL10", "AVL11"
    };

    private EntryText() {}

    /**
     * @param bit7Name what bit 7 means here (PS in a directory entry, PAT in a 4 KiB PTE)
     * @param address the table or frame address, or -1 when the kind has none
     * @param patIndex the PAT index of a leaf, or -1
     */
    static String describe(
            String tableName,
            EntryKind kind,
            long raw,
            String bit7Name,
            long address,
            long size,
            int patIndex) {
        StringBuilder out =
                new StringBuilder(tableName)
                        .append(' ')
                        .append(kind.name().toLowerCase(Locale.ROOT));
        if (kind == EntryKind.LEAF) {
            out.append(' ').append(Hex.size(size));
        }
        if (address >= 0) {
            out.append(" @ ").append(Hex.of(address));
        }
        out.append(" [");
        boolean first = true;
        for (int bit = 0; bit < LOW_BIT_NAMES.length; bit++) {
            if ((raw & (1L << bit)) != 0) {
                out.append(first ? "" : " ").append(bit == 7 ? bit7Name : LOW_BIT_NAMES[bit]);
                first = false;
            }
        }
        if ((raw & X86EntryBits.XD) != 0) {
            out.append(first ? "" : " ").append("XD");
        }
        out.append("] raw ").append(Hex.of(raw));
        if (patIndex >= 0) {
            out.append(" pat ")
                    .append(patIndex)
                    .append(' ')
                    .append(
                            PatLayout.POWER_ON
                                    .memoryTypeOf(patIndex)
                                    .name()
                                    .toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
