package io.pagoda.paging;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's four access rights, as a small immutable bit set: READABLE (bit 0), WRITABLE (bit 1),
 * EXECUTABLE (bit 2), USER_ACCESSIBLE (bit 3). Kept as an int so hot paths never allocate.
 */
public final class MappingAccessRights {
    public static final int READABLE_BIT = 1;
    public static final int WRITABLE_BIT = 1 << 1;
    public static final int EXECUTABLE_BIT = 1 << 2;
    public static final int USER_ACCESSIBLE_BIT = 1 << 3;
    public static final int ALL_BITS = 0xF;

    private static final MappingAccessRights[] CACHE = new MappingAccessRights[16];

    static {
        for (int bits = 0; bits < CACHE.length; bits++) {
            CACHE[bits] = new MappingAccessRights(bits);
        }
    }

    public static final MappingAccessRights NONE = CACHE[0];
    public static final MappingAccessRights READABLE = CACHE[READABLE_BIT];
    public static final MappingAccessRights WRITABLE = CACHE[WRITABLE_BIT];
    public static final MappingAccessRights EXECUTABLE = CACHE[EXECUTABLE_BIT];
    public static final MappingAccessRights USER_ACCESSIBLE = CACHE[USER_ACCESSIBLE_BIT];
    /** Kernel data: read and write. */
    public static final MappingAccessRights KERNEL_RW = CACHE[READABLE_BIT | WRITABLE_BIT];
    /** Kernel code: read and execute. */
    public static final MappingAccessRights KERNEL_RX = CACHE[READABLE_BIT | EXECUTABLE_BIT];
    /** User data: read, write, user. */
    public static final MappingAccessRights USER_RW = CACHE[READABLE_BIT | WRITABLE_BIT | USER_ACCESSIBLE_BIT];
    /** User code: read, execute, user. */
    public static final MappingAccessRights USER_RX = CACHE[READABLE_BIT | EXECUTABLE_BIT | USER_ACCESSIBLE_BIT];

    private final int bits;

    private MappingAccessRights(int bits) {
        this.bits = bits;
    }

    /** The rights with these bits; bits outside {@link #ALL_BITS} are an error. */
    public static MappingAccessRights ofBits(int bits) {
        if ((bits & ~ALL_BITS) != 0) {
            throw new IllegalArgumentException("access-rights bits " + Integer.toBinaryString(bits)
                    + " have bits outside READABLE|WRITABLE|EXECUTABLE|USER_ACCESSIBLE (0b1111)");
        }
        return CACHE[bits];
    }

    /** Parses the {@code rwxu} notation that {@link #toString()} prints, '-' for an absent right. */
    public static MappingAccessRights parse(String text) {
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            switch (Character.toLowerCase(text.charAt(i))) {
                case 'r' -> bits |= READABLE_BIT;
                case 'w' -> bits |= WRITABLE_BIT;
                case 'x' -> bits |= EXECUTABLE_BIT;
                case 'u' -> bits |= USER_ACCESSIBLE_BIT;
                case '-' -> { }
                default -> throw new IllegalArgumentException("'" + text + "' is not an access-rights string: use the letters r, w, x, u or '-'");
            }
        }
        return CACHE[bits];
    }

    public int bits() {
        return bits;
    }

    public boolean contains(MappingAccessRights other) {
        return (bits & other.bits) == other.bits;
    }

    public boolean isReadable() {
        return (bits & READABLE_BIT) != 0;
    }

    public boolean isWritable() {
        return (bits & WRITABLE_BIT) != 0;
    }

    public boolean isExecutable() {
        return (bits & EXECUTABLE_BIT) != 0;
    }

    public boolean isUserAccessible() {
        return (bits & USER_ACCESSIBLE_BIT) != 0;
    }

    public MappingAccessRights with(MappingAccessRights other) {
        return CACHE[bits | other.bits];
    }

    public MappingAccessRights without(MappingAccessRights other) {
        return CACHE[bits & ~other.bits];
    }

    public MappingAccessRights intersect(MappingAccessRights other) {
        return CACHE[bits & other.bits];
    }

    /** Every combination of the four rights, for exhaustive round trips. */
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
        return new String(new char[] {
            isReadable() ? 'r' : '-',
            isWritable() ? 'w' : '-',
            isExecutable() ? 'x' : '-',
            isUserAccessible() ? 'u' : '-'});
    }
}
