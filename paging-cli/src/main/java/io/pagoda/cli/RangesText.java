package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MemoryType;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code --format ranges}: one line per coalesced range, like Linux's page-table dump:
 * <pre>
 * REGISTER  FIRST-END(exclusive)  SIZE  RIGHTS  MEMORY-TYPE  G|-  PHYSICAL  LEAF-SIZE  LEVEL
 * CR3  0x0000000000400000-0x0000000000600000  2MiB  rw-u  write_back  -  0x0000000080000000  4KiB  L3
 * CR3  0x0000000000800000-0x0000000000a00000  2MiB  guard  L2
 * </pre>
 * Rights are effective (combined over every level): r, w, x, u or '-'.
 *
 * <p>A dump of a real kernel prints tens of thousands of lines, so each is composed in one reused buffer and written
 * as characters: no string per field (the command's whole run is short, so allocation and untuned code dominate).
 */
final class RangesText {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final String[] MEMORY_TYPES = memoryTypeNames();

    private final PrintWriter out;
    private final StringBuilder line = new StringBuilder(128);
    private char[] chars = new char[128];

    RangesText(PrintWriter out) {
        this.out = out;
    }

    void print(MappedRange range) {
        line.setLength(0);
        append(line, range);
        line.append(System.lineSeparator());
        int length = line.length();
        if (length > chars.length) {
            chars = new char[length * 2];
        }
        line.getChars(0, length, chars, 0);
        out.write(chars, 0, length);
    }

    static String line(MappedRange range) {
        StringBuilder text = new StringBuilder(128);
        append(text, range);
        return text.toString();
    }

    private static void append(StringBuilder text, MappedRange range) {
        text.append(range.register()).append("  ");
        hex16(text, range.first());
        text.append('-');
        long end = range.first() + range.length();
        if (end == 0 && range.length() != 0) {
            text.append("0x10000000000000000");       // a range reaching the top of the 64-bit space ends at 2^64
        } else {
            hex16(text, end);
        }
        text.append("  ");
        size(text, range.length());
        if (range.guarded()) {
            text.append("  guard  ");
            size(text, range.leafSize());
            text.append("  L").append(range.level());
            return;
        }
        text.append("  ");
        rights(text, range.flags().rights());
        text.append("  ").append(MEMORY_TYPES[range.flags().memoryType().ordinal()]).append("  ").append(range.flags().global() ? 'G' : '-')
                .append("  ");
        hex16(text, range.physical());
        text.append("  ");
        size(text, range.leafSize());
        text.append("  L").append(range.level());
    }

    /** {@code 0x} and sixteen lower-case hex digits, as {@link Numbers#hex16}. */
    private static void hex16(StringBuilder text, long value) {
        text.append('0').append('x');
        for (int shift = 60; shift >= 0; shift -= 4) {
            text.append(DIGITS[(int) (value >>> shift) & 0xF]);
        }
    }

    /** As {@link MappingAccessRights#toString}: {@code rwxu}, '-' for an absent right. */
    private static void rights(StringBuilder text, MappingAccessRights rights) {
        text.append(rights.isReadable() ? 'r' : '-').append(rights.isWritable() ? 'w' : '-')
                .append(rights.isExecutable() ? 'x' : '-').append(rights.isUserAccessible() ? 'u' : '-');
    }

    /** {@code 4KiB}, {@code 2MiB}: {@link Hex#size} without the space, so columns split on whitespace. */
    private static void size(StringBuilder text, long bytes) {
        int unit = 0;
        long value = bytes;
        while (unit < UNITS.length - 1 && value != 0 && (value & 1023) == 0) {
            value >>>= 10;
            unit++;
        }
        if (value >= 0) {
            text.append(value);
        } else {
            text.append(Long.toUnsignedString(value));
        }
        text.append(UNITS[unit]);
    }

    private static String[] memoryTypeNames() {
        MemoryType[] types = MemoryType.values();
        String[] names = new String[types.length];
        for (MemoryType type : types) {
            names[type.ordinal()] = type.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }
}
