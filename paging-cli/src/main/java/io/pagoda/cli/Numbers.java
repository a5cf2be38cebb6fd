package io.pagoda.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Addresses and register values as users type them: {@code 0x}-prefixed hex or decimal, underscores allowed, unsigned 64-bit. */
final class Numbers implements ITypeConverter<Long> {

    @Override
    public Long convert(String text) {
        return parse(text);
    }

    static long parse(String text) {
        String s = text.trim().replace("_", "").toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("0x")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a 64-bit address or value: write it as 0x1234abcd or in decimal");
        }
    }

    /** {@code 0x} and lower-case hex without padding, as {@code pagoda translate} prints addresses. */
    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** {@code 0x} and sixteen lower-case hex digits, for aligned columns. */
    static String hex16(long value) {
        String digits = Long.toHexString(value);
        return "0x" + "0".repeat(16 - digits.length()) + digits;
    }
}
