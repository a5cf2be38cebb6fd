package io.pagoda.paging;

/**
 * A virtual address: an unsigned 64-bit value. Whether it is canonical depends on the architecture,
 * so this type only carries the bits; {@link io.pagoda.paging.spi.CanonicalForm} judges them.
 */
public record VirtualAddress(long value) implements Comparable<VirtualAddress> {

    public static VirtualAddress of(long value) {
        return new VirtualAddress(value);
    }

    public VirtualAddress plus(long offset) {
        return new VirtualAddress(value + offset);
    }

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
