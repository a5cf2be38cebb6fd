package io.pagoda.paging;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's four access rights, as a small immutable bit set: READABLE (bit 0), WRITABLE (bit 1),
 * EXECUTABLE (bit 2), USER_ACCESSIBLE (bit 3). Kept as an int so hot paths never allocate.
 */
public final class MappingAccessRights {
    /** The bit that grants reads. */
    public static final int READABLE_BIT = 1;

    /** The bit that grants writes. */
    public static final int WRITABLE_BIT = 1 << 1;

    /** The bit that grants instruction fetches. */
    public static final int EXECUTABLE_BIT = 1 << 2;

    /**
     * The bit that lets user code (ring 3, EL0) use the other rights; without it only kernel code
     * may.
     */
    public static final int USER_ACCESSIBLE_BIT = 1 << 3;

    /** The four rights bits together. */
    public static final int ALL_BITS = 0xF;

    private static final MappingAccessRights[] CACHE = new MappingAccessRights[16];

    static {
        for (int bits = 0; bits < CACHE.length; bits++) {
            CACHE[bits] = new MappingAccessRights(bits);
        }
    }

    /** No right at all: every access faults. */
    public static final MappingAccessRights NONE = CACHE[0];

    /** Kernel read-only. */
    public static final MappingAccessRights READABLE = CACHE[READABLE_BIT];

    /** Write alone, kernel only: a building block for {@link #with}. */
    public static final MappingAccessRights WRITABLE = CACHE[WRITABLE_BIT];

    /** Execute alone, kernel only: a building block for {@link #with}. */
    public static final MappingAccessRights EXECUTABLE = CACHE[EXECUTABLE_BIT];

    /** The user bit alone: a building block for {@link #with}. */
    public static final MappingAccessRights USER_ACCESSIBLE = CACHE[USER_ACCESSIBLE_BIT];

    /** Kernel data: read and write. */
    public static final MappingAccessRights KERNEL_RW = CACHE[READABLE_BIT | WRITABLE_BIT];

    /** Kernel code: read and execute. */
    public static final MappingAccessRights KERNEL_RX = CACHE[READABLE_BIT | EXECUTABLE_BIT];

    /** User data: read, write, user. */
    public static final MappingAccessRights USER_RW =
            CACHE[READABLE_BIT | WRITABLE_BIT | USER_ACCESSIBLE_BIT];

    /** User code: read, execute, user. */
    public static final MappingAccessRights USER_RX =
            CACHE[READABLE_BIT | EXECUTABLE_BIT | USER_ACCESSIBLE_BIT];

    private final int bits;

    private MappingAccessRights(int bits) {
        this.bits = bits;
    }

    /**
     * The rights with these bits; bits outside {@link #ALL_BITS} are an error.
     *
     * @param bits an OR of the {@code *_BIT} constants
     * @return the shared instance with those bits
     * @throws IllegalArgumentException when a bit outside {@link #ALL_BITS} is set
     */
    public static MappingAccessRights ofBits(int bits) {
        if ((bits & ~ALL_BITS) != 0) {
            throw new IllegalArgumentException(
                    "access-rights bits "
                            + Integer.toBinaryString(bits)
                            + " have bits outside READABLE|WRITABLE|EXECUTABLE|USER_ACCESSIBLE (0b1111)");
        }
        return CACHE[bits];
    }

    /**
     * Parses the {@code rwxu} notation that {@link #toString()} prints, '-' for an absent right.
     *
     * @param text letters r, w, x, u in any case and order, '-' ignored, such as {@code rw-u}
     * @return the rights the letters name
     * @throws IllegalArgumentException when {@code text} holds another character
     */
    public static MappingAccessRights parse(String text) {
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            switch (Character.toLowerCase(text.charAt(i))) {
                case 'r' -> bits |= READABLE_BIT;
                case 'w' -> bits |= WRITABLE_BIT;
                case 'x' -> bits |= EXECUTABLE_BIT;
                case 'u' -> bits |= USER_ACCESSIBLE_BIT;
                case '-' -> {}
                default ->
                        throw new IllegalArgumentException(
                                "'"
                                        + text
                                        + "' is not an access-rights string: use the letters r, w, x, u or '-'");
            }
        }
        return CACHE[bits];
    }

    /**
     * The rights as bits.
     *
     * @return an OR of the {@code *_BIT} constants, 0 to {@link #ALL_BITS}
     */
    public int bits() {
        return bits;
    }

    /**
     * Whether these rights grant everything {@code other} grants.
     *
     * @param other the rights needed
     * @return true when every bit of {@code other} is set here
     */
    public boolean contains(MappingAccessRights other) {
        return (bits & other.bits) == other.bits;
    }

    /**
     * Whether reads are granted.
     *
     * @return true when {@link #READABLE_BIT} is set
     */
    public boolean isReadable() {
        return (bits & READABLE_BIT) != 0;
    }

    /**
     * Whether writes are granted.
     *
     * @return true when {@link #WRITABLE_BIT} is set
     */
    public boolean isWritable() {
        return (bits & WRITABLE_BIT) != 0;
    }

    /**
     * Whether instruction fetches are granted.
     *
     * @return true when {@link #EXECUTABLE_BIT} is set
     */
    public boolean isExecutable() {
        return (bits & EXECUTABLE_BIT) != 0;
    }

    /**
     * Whether user code may use the rights.
     *
     * @return true when {@link #USER_ACCESSIBLE_BIT} is set
     */
    public boolean isUserAccessible() {
        return (bits & USER_ACCESSIBLE_BIT) != 0;
    }

    /**
     * These rights and {@code other}'s together.
     *
     * @param other the rights to add
     * @return the union
     */
    public MappingAccessRights with(MappingAccessRights other) {
        return CACHE[bits | other.bits];
    }

    /**
     * These rights less {@code other}'s.
     *
     * @param other the rights to remove
     * @return the difference
     */
    public MappingAccessRights without(MappingAccessRights other) {
        return CACHE[bits & ~other.bits];
    }

    /**
     * The rights both grant.
     *
     * @param other the other rights
     * @return the intersection
     */
    public MappingAccessRights intersect(MappingAccessRights other) {
        return CACHE[bits & other.bits];
    }

    /**
     * Every combination of the four rights, for exhaustive round trips.
     *
     * @return all sixteen, ordered by {@link #bits()}
     */
    public static List<MappingAccessRights> all() {
        List<MappingAccessRights> all = new ArrayList<>(CACHE.length);
        for (MappingAccessRights r : CACHE) {
            all.add(r);
        }
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MappingAccessRights other && other.bits == bits;
    }

    @Override
    public int hashCode() {
        return bits;
    }

    /** {@code rwxu} with '-' for each absent right, e.g. {@code rw-u}. */
    @Override
    public String toString() {
        return new String(
                new char[] {
                    isReadable() ? 'r' : '-',
                    isWritable() ? 'w' : '-',
                    isExecutable() ? 'x' : '-',
                    isUserAccessible() ? 'u' : '-'
                });
    }
}
