package io.pagoda.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Bounds the user raises or lowers ({@code --max-entries}, {@code --max-leaves}, ...): hex or
 * decimal like every number, at least 1.
 */
final class Counts implements ITypeConverter<Long> {

    @Override
    public Long convert(String text) {
        return parse(text, Long.MAX_VALUE);
    }

    static long parse(String text, long most) {
        if (text.strip().startsWith("-")) {
            throw new TypeConversionException(
                    "'" + text + "' is negative: give a count from 1 to " + most);
        }
        long value;
        try {
            value = Numbers.parse(text);
        } catch (TypeConversionException e) {
            throw new TypeConversionException(
                    "'" + text + "' is not a count: write it as 1000 or 0x3e8");
        }
        if (value < 1 || value > most) {
            throw new TypeConversionException(
                    "'" + text + "' is out of range: give a count from 1 to " + most);
        }
        return value;
    }

    /** The same for counts held in an int. */
    static final class IntCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return (int) parse(text, Integer.MAX_VALUE);
        }
    }
}
