package io.pagoda.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A vCPU number for {@code --cpu}: from 0, hex or decimal like every number. */
final class CpuIndex implements ITypeConverter<Integer> {
    // QEMU's machines stop far below this; a bound keeps the message exact
    static final int MOST = 1 << 16;

    @Override
    public Integer convert(String text) {
        if (text.strip().startsWith("-")) {
            throw new TypeConversionException(
                    "'" + text + "' is negative: vCPUs are numbered from 0");
        }
        long value;
        try {
            value = Numbers.parse(text);
        } catch (TypeConversionException e) {
            throw new TypeConversionException(
                    "'" + text + "' is not a vCPU number: write it as 0, 1, ...");
        }
        if (value < 0 || value >= MOST) {
            throw new TypeConversionException(
                    "'" + text + "' is out of range: vCPUs are numbered from 0 to " + (MOST - 1));
        }
        return (int) value;
    }
}
