package io.pagoda.arch.x86;

import io.pagoda.paging.MemoryType;

/**
 * The memory types an IA32_PAT entry can select, with their 3-bit encodings (Intel SDM Vol. 3A
 * §11.12.2, table "Memory Types That Can Be Encoded With PAT"), and the {@link MemoryType} each one
 * reads back as.
 */
public enum PatType {
    /** Strong uncacheable: ordered, never cached, never combined; what device registers need. */
    UC(0, MemoryType.DEVICE),
    /** Write-combining. */
    WC(1, MemoryType.WRITE_COMBINING),
    /** Write-through. */
    WT(4, MemoryType.WRITE_THROUGH),
    /**
     * Write-protected: reads cached, writes go to memory. Pagoda has no such type; it reads back as
     * write-through, the type whose writes also go straight to memory. Nothing encodes to it.
     */
    WP(5, MemoryType.WRITE_THROUGH),
    /** Write-back. */
    WB(6, MemoryType.WRITE_BACK),
    /**
     * Uncacheable, but an MTRR write-combining range may override it ("UC-"): ordinary uncached
     * mappings.
     */
    UC_MINUS(7, MemoryType.UNCACHED);

    private final int encoding;
    private final MemoryType memoryType;

    PatType(int encoding, MemoryType memoryType) {
        this.encoding = encoding;
        this.memoryType = memoryType;
    }

    /**
     * The 3-bit value a PAT MSR byte holds for this type.
     *
     * @return the encoding: 0, 1, 4, 5, 6 or 7
     */
    public int encoding() {
        return encoding;
    }

    /**
     * What a leaf selecting this type reads back as.
     *
     * @return the Pagoda memory type
     */
    public MemoryType memoryType() {
        return memoryType;
    }

    /**
     * The type a PAT MSR byte encodes.
     *
     * @param encoding the byte's value
     * @return the type with that encoding
     * @throws IllegalArgumentException when the encoding is reserved (2, 3, or anything outside
     *     0..7)
     */
    public static PatType ofEncoding(int encoding) {
        for (PatType type : values()) {
            if (type.encoding() == encoding) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "PAT encoding " + encoding + " is reserved (valid: 0, 1, 4, 5, 6, 7)");
    }

    /**
     * The PAT type a {@link MemoryType} is written as (never {@link #WP}).
     *
     * @param type the memory type
     * @return its PAT type
     */
    public static PatType of(MemoryType type) {
        return switch (type) {
            case WRITE_BACK -> WB;
            case WRITE_THROUGH -> WT;
            case WRITE_COMBINING -> WC;
            // both uncacheable; they differ only in whether an MTRR WC range may combine writes,
            // which is
            // exactly the device-vs-plain-uncached distinction, and keeps both types apart on a
            // round trip
            case UNCACHED -> UC_MINUS;
            case DEVICE -> UC;
        };
    }
}
