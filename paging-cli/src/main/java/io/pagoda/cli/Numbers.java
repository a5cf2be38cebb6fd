package io.pagoda.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Addresses and register values as users type them: {@code 0x}-prefixed hex or decimal, underscores
 * allowed, unsigned 64-bit.
 */
final class Numbers implements ITypeConverter<Long> {

    @Override
    public Long convert(String text) {
        return parse(text);
    }

    static long parse(String text) {
        String s = text.trim().replace("_", "").toLowerCase(Locale.ROOT);
        boolean hex = s.startsWith("0x");
        String digits = hex ? s.substring(2) : s;
        // Long.parseUnsignedLong takes a leading '+' and any Unicode digit; an address is ASCII
        // digits only
        if (!digits.chars()
                .allMatch(c -> (c >= '0' && c <= '9') || (hex && c >= 'a' && c <= 'f'))) {
            throw notANumber(text);
        }
        try {
            return Long.parseUnsignedLong(digits, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            throw notANumber(text);
        }
    }

    private static TypeConversionException notANumber(String text) {
        return new TypeConversionException(
                "'"
                        + text
                        + "' is not a 64-bit address or value: write it as 0x1234abcd or in decimal");
    }

    /**
     * {@code 0x} and lower-case hex without padding, as {@code pagoda translate} prints addresses.
     */
    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /**
     * The exclusive end of {@code [first, first + length)}; a range that reaches the top of the
     * 64-bit space ends at 2^64, written {@code 0x10000000000000000} rather than wrapping to zero.
     */
    static String end(long first, long length, boolean padded) {
        long end = first + length;
        if (end == 0 && length != 0) {
            return "0x10000000000000000";
        }
        return padded ? hex16(end) : hex(end);
    }

    /** {@code 0x} and sixteen lower-case hex digits, for aligned columns. */
    static String hex16(long value) {
        String digits = Long.toHexString(value);
        return "0x" + "0".repeat(16 - digits.length()) + digits;
    }
}
