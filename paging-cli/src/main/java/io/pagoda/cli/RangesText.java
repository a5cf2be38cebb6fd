package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MemoryType;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --format ranges}: one line per coalesced range, like Linux's page-table dump:
 *
 * <pre>
 * REGISTER  FIRST-END(exclusive)  SIZE  RIGHTS  MEMORY-TYPE  G|-  PHYSICAL  LEAF-SIZE  LEVEL
 * CR3  0x0000000000400000-0x0000000000600000  2MiB  rw-u  write_back  -  0x0000000080000000  4KiB  L3
 * CR3  0x0000000000800000-0x0000000000a00000  2MiB  guard  L2
 * </pre>
 *
 * Rights are effective (combined over every level): r, w, x, u or '-'.
 *
 * <p>A dump of a real kernel prints tens of thousands of lines, so each is composed in one reused
 * buffer and written as characters: no string per field (the command's whole run is short, so
 * allocation and untuned code dominate).
 */
final class RangesText {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final Map<MemoryType, String> MEMORY_TYPES = memoryTypeNames();

    private final PrintWriter out;
    private final Line line = new Line();

    RangesText(PrintWriter out) {
        this.out = out;
    }

    void print(MappedRange range) {
        line.length = 0;
        line.range(range);
        line.text(System.lineSeparator());
        out.write(line.chars, 0, line.length);
    }

    static String line(MappedRange range) {
        Line text = new Line();
        text.range(range);
        return new String(text.chars, 0, text.length);
    }

    /**
     * One line composed in place: characters written at {@code length}, the array grown when a
     * field would not fit.
     */
    private static final class Line {
        char[] chars = new char[160];
        int length;

        void range(MappedRange range) {
            text(range.register());
            text("  ");
            hex16(range.first());
            character('-');
            long end = range.first() + range.length();
            if (end == 0 && range.length() != 0) {
                text("0x10000000000000000"); // a range reaching the top of the 64-bit space ends
                // at 2^64
            } else {
                hex16(end);
            }
            text("  ");
            size(range.length());
            if (range.guarded()) {
                text("  guard  ");
                size(range.leafSize());
                text("  L");
                decimal(range.level());
                return;
            }
            text("  ");
            rights(range.flags().rights());
            text("  ");
            text(MEMORY_TYPES.get(range.flags().memoryType()));
            text(range.flags().global() ? "  G  " : "  -  ");
            hex16(range.physical());
            text("  ");
            size(range.leafSize());
            text("  L");
            decimal(range.level());
        }

        private void room(int more) {
            if (length + more > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
            }
        }

        void character(char c) {
            room(1);
            chars[length++] = c;
        }

        void text(String s) {
            room(s.length());
            s.getChars(0, s.length(), chars, length);
            length += s.length();
        }

        /** {@code 0x} and sixteen lower-case hex digits, as {@link Numbers#hex16}. */
        void hex16(long value) {
            room(18);
            chars[length] = '0';
            chars[length + 1] = 'x';
            for (int i = 0; i < 16; i++) {
                chars[length + 2 + i] = DIGITS[(int) (value >>> (60 - 4 * i)) & 0xF];
            }
            length += 18;
        }

        /** An unsigned decimal number. */
        void decimal(long value) {
            if (value >= 0 && value < 10) {
                character((char) ('0' + value));
            } else {
                text(Long.toUnsignedString(value));
            }
        }

        /** As {@link MappingAccessRights#toString}: {@code rwxu}, '-' for an absent right. */
        void rights(MappingAccessRights rights) {
            room(4);
            chars[length] = rights.isReadable() ? 'r' : '-';
            chars[length + 1] = rights.isWritable() ? 'w' : '-';
            chars[length + 2] = rights.isExecutable() ? 'x' : '-';
            chars[length + 3] = rights.isUserAccessible() ? 'u' : '-';
            length += 4;
        }

        /**
         * {@code 4KiB}, {@code 2MiB}: {@link Hex#size} without the space, so columns split on
         * whitespace.
         */
        void size(long bytes) {
            int unit = 0;
            long value = bytes;
            while (unit < UNITS.length - 1 && value != 0 && (value & 1023) == 0) {
                value >>>= 10;
                unit++;
            }
            decimal(value);
            text(UNITS[unit]);
        }
    }

    private static Map<MemoryType, String> memoryTypeNames() {
        EnumMap<MemoryType, String> names = new EnumMap<>(MemoryType.class);
        for (MemoryType type : MemoryType.values()) {
            names.put(type, type.name().toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
