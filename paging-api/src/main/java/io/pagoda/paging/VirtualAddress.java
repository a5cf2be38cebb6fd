package io.pagoda.paging;

/**
 * A virtual address: an unsigned 64-bit value. Whether it is canonical depends on the architecture,
 * so this type only carries the bits; {@link io.pagoda.paging.spi.CanonicalForm} judges them.
 *
 * @param value the address bits, read as unsigned
 */
public record VirtualAddress(long value) implements Comparable<VirtualAddress> {

    /**
     * The virtual address with these bits.
     *
     * @param value the address, read as unsigned
     * @return the address
     */
    public static VirtualAddress of(long value) {
        return new VirtualAddress(value);
    }

    /**
     * The address {@code offset} bytes further (wrapping at 2^64).
     *
     * @param offset the distance in bytes, may be negative
     * @return the new address
     */
    public VirtualAddress plus(long offset) {
        return new VirtualAddress(value + offset);
    }

    /**
     * Whether the address is a multiple of {@code alignment}.
     *
     * @param alignment a power of two, in bytes
     * @return true when aligned
     */
    public boolean isAlignedTo(long alignment) {
        return (value & (alignment - 1)) == 0;
    }

    @Override
    public int compareTo(VirtualAddress other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Hex.of(value);
    }
}
