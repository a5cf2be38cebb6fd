package io.pagoda.paging.spi;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.NonCanonicalAddressException;

/**
 * How a hierarchy's linear range [0, 2^bits) maps onto 64-bit virtual addresses: zero-extended (a
 * lower range), one-extended (an upper range, AArch64 TTBR1) or sign-extended (x86-64 canonical
 * halves).
 */
public final class CanonicalForm {
    private enum Extension {
        ZERO,
        ONE,
        SIGN
    }

    private final Extension extension;
    private final int bits;
    private final long mask;
    private final boolean topByteIgnored;

    private CanonicalForm(Extension extension, int bits) {
        this(extension, bits, false);
    }

    private CanonicalForm(Extension extension, int bits, boolean topByteIgnored) {
        if (bits < 1 || bits > 62) {
            throw new IllegalArgumentException("virtual width " + bits + " is outside 1..62");
        }
        this.extension = extension;
        this.bits = bits;
        this.mask = (1L << bits) - 1;
        this.topByteIgnored = topByteIgnored;
    }

    /**
     * The same range with bits 63:56 ignored (AArch64 TCR_EL1.TBIn): a tag in the top byte does not
     * change which address is translated; bit 55 then stands for the top byte in the check.
     *
     * @return the same range with the top byte ignored
     * @throws IllegalArgumentException when the range is wider than 56 bits and so reaches into the
     *     top byte
     */
    public CanonicalForm withTopByteIgnored() {
        if (bits > 56) {
            throw new IllegalArgumentException(
                    "a " + bits + "-bit range reaches into the top byte, which cannot be ignored");
        }
        return new CanonicalForm(extension, bits, true);
    }

    /** {@code va} with the top byte replaced by copies of bit 55 when the top byte is ignored. */
    private long untagged(long va) {
        return topByteIgnored ? (va << 8) >> 8 : va;
    }

    /**
     * Addresses 0 .. 2^bits - 1 (i386, AArch64 TTBR0).
     *
     * @param bits the width of the linear range, 1 to 62
     * @return the zero-extended form
     * @throws IllegalArgumentException when {@code bits} is outside 1..62
     */
    public static CanonicalForm lowerRange(int bits) {
        return new CanonicalForm(Extension.ZERO, bits);
    }

    /**
     * Addresses 2^64 - 2^bits .. 2^64 - 1 (AArch64 TTBR1).
     *
     * @param bits the width of the linear range, 1 to 62
     * @return the one-extended form
     * @throws IllegalArgumentException when {@code bits} is outside 1..62
     */
    public static CanonicalForm upperRange(int bits) {
        return new CanonicalForm(Extension.ONE, bits);
    }

    /**
     * Bit {@code bits-1} copied into every higher bit (x86-64: 48 or 57 bits).
     *
     * @param bits the width of the linear range, 1 to 62
     * @return the sign-extended form
     * @throws IllegalArgumentException when {@code bits} is outside 1..62
     */
    public static CanonicalForm signExtended(int bits) {
        return new CanonicalForm(Extension.SIGN, bits);
    }

    /**
     * The width of the linear range: the virtual address bits the hierarchy translates.
     *
     * @return the number of bits, 1 to 62
     */
    public int bits() {
        return bits;
    }

    /**
     * Whether the hierarchy translates {@code address} at all (after removing a top-byte tag when
     * it is ignored).
     *
     * @param address a 64-bit virtual address
     * @return true when the address lies in one of this form's ranges
     */
    public boolean isCanonical(long address) {
        long va = untagged(address);
        return switch (extension) {
            case ZERO -> (va & ~mask) == 0;
            case ONE -> (va | mask) == -1L;
            case SIGN -> ((va << (64 - bits)) >> (64 - bits)) == va;
        };
    }

    /**
     * The position of {@code va} in the hierarchy's linear range.
     *
     * @param va a canonical virtual address
     * @return the position, 0 to 2^bits - 1
     * @throws io.pagoda.paging.error.NonCanonicalAddressException when {@code va} is not canonical
     *     for this form
     */
    public long linear(long va) {
        if (!isCanonical(va)) {
            throw new NonCanonicalAddressException(
                    "virtual address "
                            + Hex.of(va)
                            + " is not canonical: "
                            + "this hierarchy translates "
                            + describeRanges()
                            + "; use an address inside one of them");
        }
        return untagged(va) & mask;
    }

    /**
     * The virtual address at position {@code linear} of the linear range.
     *
     * @param linear a position in the linear range, 0 to 2^bits - 1
     * @return the canonical virtual address, untagged
     */
    public long virtual(long linear) {
        return switch (extension) {
            case ZERO -> linear;
            case ONE -> linear | ~mask;
            case SIGN -> (linear << (64 - bits)) >> (64 - bits);
        };
    }

    /**
     * The first and last virtual address, as text, of each range this form accepts.
     *
     * @return the ranges in hexadecimal, such as {@code 0x0..0x7fffffffffff and
     *     0xffff800000000000..0xffffffffffffffff}
     */
    public String describeRanges() {
        String ranges =
                switch (extension) {
                    case ZERO -> Hex.of(0) + ".." + Hex.of(mask);
                    case ONE -> Hex.of(~mask) + ".." + Hex.of(-1L);
                    case SIGN ->
                            Hex.of(0)
                                    + ".."
                                    + Hex.of(mask >>> 1)
                                    + " and "
                                    + Hex.of(~(mask >>> 1))
                                    + ".."
                                    + Hex.of(-1L);
                };
        return topByteIgnored ? ranges + " (top byte ignored)" : ranges;
    }

    @Override
    public String toString() {
        return describeRanges();
    }
}
