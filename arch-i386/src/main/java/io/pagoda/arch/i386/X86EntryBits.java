package io.pagoda.arch.i386;

/**
 * Bit positions shared by the 32-bit and PAE entry formats (hardware-formats.md §1 and §2). Values are
 * {@code long} so they combine with 8-byte PAE entries and with 4-byte entries read zero-extended.
 */
public final class X86EntryBits {
    /** Present. */
    public static final long P = 1L;
    /** Read/write: clear makes the page read-only (CR0.WP=1 is assumed, so for the kernel too). */
    public static final long RW = 1L << 1;
    /** User/supervisor: set lets ring 3 in. */
    public static final long US = 1L << 2;
    /** Page-level write-through: bit 0 of the PAT index. */
    public static final long PWT = 1L << 3;
    /** Page-level cache disable: bit 1 of the PAT index. */
    public static final long PCD = 1L << 4;
    /** Accessed: set by the hardware. */
    public static final long A = 1L << 5;
    /** Dirty (leaves only): set by the hardware. */
    public static final long D = 1L << 6;
    /** Page size, in a directory entry: the entry maps a 4 MiB / 2 MiB page. */
    public static final long PS = 1L << 7;
    /** Bit 2 of the PAT index in a 4 KiB PTE (the same position as PS in a directory entry). */
    public static final long PAT_4K = 1L << 7;
    /** Global (leaves only; CR4.PGE=1 assumed): survives MOV CR3. */
    public static final long G = 1L << 8;
    /**
     * The guard marker: the first software-available bit (AVL0), as the seed used it. Never bit 8 (Linux's
     * PROT_NONE) nor A/D (set spuriously in non-present entries by some parts).
     */
    public static final long GUARD = 1L << 9;
    /** Bit 2 of the PAT index in a large leaf (4 MiB or 2 MiB), where bit 7 is PS. */
    public static final long PAT_LARGE = 1L << 12;
    /** Execute-disable (PAE with EFER.NXE=1). */
    public static final long XD = 1L << 63;
    /** Bits a processor may set in a not-present entry (Knights Landing erratum): they do not make it used. */
    public static final long ACCESS_NOISE = A | D;

    private X86EntryBits() {
    }
}
