package io.pagoda.paging;

/** A physical address: an unsigned 64-bit value; the architecture's physical width bounds it. */
public record PhysicalAddress(long value) implements Comparable<PhysicalAddress> {

    public static PhysicalAddress of(long value) {
        return new PhysicalAddress(value);
    }

    public PhysicalAddress plus(long offset) {
        return new PhysicalAddress(value + offset);
    }

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
