package io.pagoda.arch.aarch64;

/**
 * Bit positions of VMSAv8-64 stage-1 descriptors (reference §4), shared by the format and its
 * helpers.
 */
final class Descriptor {
    private Descriptor() {}

    /** bits[1:0]: bit 0 = valid; bit 1 = table (L0-L2) or page (L3), clear = block. */
    static final long VALID = 1L;

    static final long TABLE_OR_PAGE = 1L << 1;
    static final long TYPE_MASK = 0b11L;
    static final long TYPE_BLOCK = 0b01L;
    static final long TYPE_TABLE = 0b11L;
    static final long TYPE_PAGE = 0b11L;

    // leaf (block/page) attributes
    static final int ATTR_INDX_SHIFT = 2;
    static final long ATTR_INDX = 0b111L << ATTR_INDX_SHIFT;
    static final long NS = 1L << 5;
    static final long AP_EL0 = 1L << 6; // AP[1]: EL0 may access
    static final long AP_READ_ONLY = 1L << 7; // AP[2]: read-only at every EL
    static final int SH_SHIFT = 8;
    static final long SH = 0b11L << SH_SHIFT;
    static final long SH_INNER = 0b11L << SH_SHIFT;
    static final long AF = 1L << 10;
    static final long NOT_GLOBAL = 1L << 11;
    static final long NT = 1L << 16;
    static final long GP = 1L << 50;
    static final long DBM = 1L << 51;
    static final long CONTIGUOUS = 1L << 52;
    static final long PXN = 1L << 53;
    static final long UXN = 1L << 54;

    /** Bits 58:55, ignored by the hardware, the software's. */
    static final long SOFTWARE = 0xFL << 55;

    // table attributes
    static final long PXN_TABLE = 1L << 59;
    static final long UXN_TABLE = 1L << 60;
    static final long AP_TABLE_NO_EL0 = 1L << 61;
    static final long AP_TABLE_READ_ONLY = 1L << 62;
    static final long NS_TABLE = 1L << 63;

    /**
     * The output-address field without FEAT_LPA: bits 47:0 (the format clears those below the
     * granule or block).
     */
    static final long OUTPUT_ADDRESS_48 = 0x0000FFFFFFFFFFFFL;

    /** 64K granule with FEAT_LPA: OA[51:48] sits in desc[15:12]. */
    static final int LPA_HIGH_SHIFT = 12;

    static final long LPA_HIGH = 0xFL << LPA_HIGH_SHIFT;

    /**
     * The framework's guard marker (reference §5): bit 55, the first software bit, in an invalid
     * descriptor (bits[1:0] = 00), no address bits. Hardware ignores bits 63:1 of an invalid
     * descriptor.
     */
    static final long GUARD = 1L << 55;
}
