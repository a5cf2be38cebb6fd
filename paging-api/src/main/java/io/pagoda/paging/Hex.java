package io.pagoda.paging;

import java.util.Locale;

/** Formats addresses and sizes the way every message and report in Pagoda shows them. */
public final class Hex {
    private Hex() {}

    /**
     * {@code 0x} followed by the unsigned hexadecimal digits, grouped by 4 with underscores past 8
     * digits.
     *
     * @param value the value, read as unsigned
     * @return the text, such as {@code 0x1000} or {@code 0xFFFF_8000_0000_0000}
     */
    public static String of(long value) {
        String digits = Long.toHexString(value).toUpperCase(Locale.ROOT);
        if (digits.length() <= 8) {
            return "0x" + digits;
        }
        StringBuilder out = new StringBuilder("0x");
        int head = digits.length() % 4;
        if (head > 0) {
            out.append(digits, 0, head);
        }
        for (int i = head; i < digits.length(); i += 4) {
            if (out.length() > 2) {
                out.append('_');
            }
            out.append(digits, i, i + 4);
        }
        return out.toString();
    }

    /**
     * A size in the largest binary unit that divides it exactly: {@code 4 KiB}, {@code 2 MiB},
     * {@code 3 bytes}.
     *
     * @param bytes the size in bytes, read as unsigned
     * @return the text
     */
    public static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int unit = 0;
        long value = bytes;
        while (unit < units.length - 1 && value != 0 && (value & 1023) == 0) {
            value >>>= 10;
            unit++;
        }
        return Long.toUnsignedString(value) + " " + units[unit];
    }
}
