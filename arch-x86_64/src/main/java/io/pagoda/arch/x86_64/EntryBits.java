package io.pagoda.arch.x86_64;

/**
 * Bit positions of x86-64 paging entries (Intel SDM Vol. 3A ch. 4; hardware-formats.md §3). One place for
 * the numbers, so the format, the describer and the tests cannot disagree about them.
 */
public final class EntryBits {
    private EntryBits() {
    }

    /** Present. */
    public static final long P = 1L;
    /** Read/write: writes allowed when set (AND-ed over the walk). */
    public static final long RW = 1L << 1;
    /** User/supervisor: user access allowed when set (AND-ed over the walk). */
    public static final long US = 1L << 2;
    /** Page-level write-through: bit 0 of the PAT index. */
    public static final long PWT = 1L << 3;
    /** Page-level cache disable: bit 1 of the PAT index. */
    public static final long PCD = 1L << 4;
    /** Accessed, set by the hardware on use. */
    public static final long A = 1L << 5;
    /** Dirty, set by the hardware on a write to a leaf; ignored in table entries. */
    public static final long D = 1L << 6;
    /** Page size in a PDPTE/PDE (a 1 GiB / 2 MiB leaf); reserved in a PML4E/PML5E. */
    public static final long PS = 1L << 7;
    /** PAT index bit 2 in a 4 KiB PTE (the same bit position as PS above it). */
    public static final long PAT_4K = 1L << 7;
    /** Global: the translation survives a CR3 load; leaves only. */
    public static final long G = 1L << 8;
    /** PAT index bit 2 in a 2 MiB or 1 GiB leaf (the lowest bit of the address field of a table entry). */
    public static final long PAT_LARGE = 1L << 12;
    /** The first software bit (AVL); Pagoda's guard marker in a non-present entry (hardware-formats.md §5). */
    public static final long GUARD_MARKER = 1L << 9;
    /** Protection key, bits 62:59 of a leaf (applies when CR4.PKE / CR4.PKS is set). */
    public static final long PK_MASK = 0x7800000000000000L;
    /** First bit of the protection key. */
    public static final int PK_SHIFT = 59;
    /** Execute disable (EFER.NXE is assumed set, so the bit is never reserved). */
    public static final long NX = 1L << 63;
    /** The bits the hardware may set in a not-present entry (Knights Landing erratum): noise, not content. */
    public static final long ACCESSED_DIRTY = A | D;
    /** The guard entry of every level: not present, AVL bit 9, no address bits (nothing to leak under L1TF). */
    public static final long GUARD = GUARD_MARKER;
    /** Reserved address bits below the frame of a 1 GiB leaf, [29:13]. */
    public static final long LOW_RESERVED_1G = 0x3FFFE000L;
    /** Reserved address bits below the frame of a 2 MiB leaf, [20:13]. */
    public static final long LOW_RESERVED_2M = 0x1FE000L;

    /** Address bits [M-1:12] of an entry for a MAXPHYADDR of {@code physicalBits}. */
    public static long addressMask(int physicalBits) {
        return ((1L << physicalBits) - 1) & ~0xFFFL;
    }

    /** Bits [51:M]: reserved in every present entry when MAXPHYADDR is below 52. */
    public static long aboveMaxPhysicalMask(int physicalBits) {
        return addressMask(52) & ~addressMask(physicalBits);
    }
}
