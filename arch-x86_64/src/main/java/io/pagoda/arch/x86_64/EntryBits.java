package io.pagoda.arch.x86_64;

/**
 * The bits only IA-32e entries have (Intel SDM Vol. 3A ch. 4; hardware-formats.md §3): protection
 * keys, the reserved bits below a large frame and the MAXPHYADDR-dependent address field. The bits
 * every x86 format shares (P, R/W, U/S, PWT, PCD, A, D, PS/PAT, G, XD, the guard marker) are in the
 * x86 family library's {@code X86EntryBits}.
 */
public final class EntryBits {
    private EntryBits() {}

    /** Protection key, bits 62:59 of a leaf (applies when CR4.PKE / CR4.PKS is set). */
    public static final long PK_MASK = 0x7800000000000000L;

    /** First bit of the protection key. */
    public static final int PK_SHIFT = 59;

    /** Reserved address bits below the frame of a 1 GiB leaf, [29:13]. */
    public static final long LOW_RESERVED_1G = 0x3FFFE000L;

    /** Reserved address bits below the frame of a 2 MiB leaf, [20:13]. */
    public static final long LOW_RESERVED_2M = 0x1FE000L;

    /**
     * Address bits [M-1:12] of an entry for a MAXPHYADDR of {@code physicalBits}.
     *
     * @param physicalBits M, the physical address width in bits (36..52 in the formats)
     * @return the mask of the entry's address field
     */
    public static long addressMask(int physicalBits) {
        return ((1L << physicalBits) - 1) & ~0xFFFL;
    }

    /**
     * Bits [51:M]: reserved in every present entry when MAXPHYADDR is below 52.
     *
     * @param physicalBits M, the physical address width in bits
     * @return the mask of those bits; 0 when M is 52
     */
    public static long aboveMaxPhysicalMask(int physicalBits) {
        return addressMask(52) & ~addressMask(physicalBits);
    }
}
