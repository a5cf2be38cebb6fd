package io.pagoda.arch.x86_64;

import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.EntryKind;
import java.util.Locale;

/**
 * One line per entry for dumps: its name, what it is, its address and its set bits by their SDM
 * names.
 */
final class EntryDescription {
    private EntryDescription() {}

    static String of(X86_64EntryFormat format, int level, long raw) {
        EntryKind kind = format.kind(level, raw);
        String name = format.entryName(level);
        StringBuilder out = new StringBuilder(name).append(' ').append(Hex.of(raw)).append(": ");
        switch (kind) {
            case UNUSED -> out.append("unused");
            case GUARD -> out.append("guard");
            case INVALID, RESERVED ->
                    out.append(kind.name().toLowerCase(Locale.ROOT))
                            .append(" (")
                            .append(format.malformation(level, raw))
                            .append(')');
            case TABLE -> out.append("table -> ").append(Hex.of(format.tableAddress(level, raw)));
            case LEAF ->
                    out.append("leaf -> ")
                            .append(Hex.of(format.leafAddress(level, raw)))
                            .append(", PAT index ")
                            .append(format.patIndex(level, raw))
                            .append(" (")
                            .append(format.patLayout().memoryTypeOf(format.patIndex(level, raw)))
                            .append(')');
            default -> throw new IllegalStateException();
        }
        if (kind == EntryKind.TABLE || kind == EntryKind.LEAF) {
            boolean leaf = kind == EntryKind.LEAF;
            boolean pte = level == format.geometry().lastLevel();
            out.append(" [P");
            flag(out, raw, X86EntryBits.RW, "RW");
            flag(out, raw, X86EntryBits.US, "US");
            flag(out, raw, X86EntryBits.PWT, "PWT");
            flag(out, raw, X86EntryBits.PCD, "PCD");
            flag(out, raw, X86EntryBits.A, "A");
            if (leaf) {
                flag(out, raw, X86EntryBits.D, "D");
                flag(out, raw, X86EntryBits.PS, pte ? "PAT" : "PS");
                flag(out, raw, X86EntryBits.G, "G");
                if (!pte) {
                    flag(out, raw, X86EntryBits.PAT_LARGE, "PAT");
                }
                int key = ProtectionKeys.key(raw);
                if (key != 0) {
                    out.append(" PK=").append(key);
                }
            }
            flag(out, raw, X86EntryBits.XD, "XD");
            out.append(']');
        }
        return out.toString();
    }

    private static void flag(StringBuilder out, long raw, long bit, String name) {
        if ((raw & bit) != 0) {
            out.append(' ').append(name);
        }
    }
}
