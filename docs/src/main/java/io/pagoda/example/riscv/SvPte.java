package io.pagoda.example.riscv;

/**
 * The bits of an Sv39/Sv48 page-table entry (RISC-V privileged spec, "Sv39" and "Sv48"): eight
 * bytes, V R W X U G A D in bits 0..7, two bits for supervisor software (RSW) in 8..9, the PPN in
 * 10..53, bits 54..63 reserved. A PTE with V set and R = W = X = 0 points to the next table; any
 * other valid PTE is a leaf at any level.
 */
final class SvPte {
    static final long V = 1L;
    static final long R = 1L << 1;
    static final long W = 1L << 2;
    static final long X = 1L << 3;
    static final long U = 1L << 4;
    static final long G = 1L << 5;
    static final long A = 1L << 6;
    static final long D = 1L << 7;

    /** The first RSW bit, ours to use: the guard marker of an invalid entry. */
    static final long SOFTWARE_GUARD = 1L << 8;

    static final int PPN_SHIFT = 10;
    static final long PPN_MASK = ((1L << 44) - 1) << PPN_SHIFT;

    /** Bits 54..63: reserved in the base spec (Svpbmt and Svnapot are not modelled). */
    static final long RESERVED = -1L << 54;

    static final long RIGHTS = R | W | X;

    private SvPte() {}

    /** The PTE's PPN field holding the frame at {@code physicalAddress}. */
    static long ppnField(long physicalAddress) {
        return (physicalAddress >>> 12) << PPN_SHIFT;
    }

    /** The physical address the PTE's PPN field names. */
    static long address(long raw) {
        return ((raw & PPN_MASK) >>> PPN_SHIFT) << 12;
    }
}
