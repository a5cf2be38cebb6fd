package io.pagoda.paging;

/**
 * A physical address: an unsigned 64-bit value; the architecture's physical width bounds it.
 *
 * @param value the address bits, read as unsigned
 */
public record PhysicalAddress(long value) implements Comparable<PhysicalAddress> {

    /**
     * The physical address with these bits.
     *
     * @param value the address, read as unsigned
     * @return the address
     */
    public static PhysicalAddress of(long value) {
        return new PhysicalAddress(value);
    }

    /**
     * The address {@code offset} bytes further (wrapping at 2^64).
     *
     * @param offset the distance in bytes, may be negative
     * @return the new address
     */
    public PhysicalAddress plus(long offset) {
        return new PhysicalAddress(value + offset);
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
    public int compareTo(PhysicalAddress other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Hex.of(value);
    }
}
