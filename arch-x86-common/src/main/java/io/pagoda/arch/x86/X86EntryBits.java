package io.pagoda.arch.x86;

/**
 * The bit positions every x86 paging entry shares: 32-bit, PAE, 4-level and 5-level (Intel SDM Vol.
 * 3A ch. 4; hardware-formats.md §1 to §3). One place for the numbers, so no format, describer or
 * test can disagree about them. Values are {@code long} so they combine with 8-byte entries and
 * with 4-byte entries read zero-extended.
 */
public final class X86EntryBits {
    /** Present. */
    public static final long P = 1L;

    /**
     * Read/write: clear makes the page read-only (CR0.WP=1 is assumed, so for the kernel too);
     * AND-ed over the walk.
     */
    public static final long RW = 1L << 1;

    /** User/supervisor: set lets ring 3 in; AND-ed over the walk. */
    public static final long US = 1L << 2;

    /** Page-level write-through: bit 0 of the PAT index. */
    public static final long PWT = 1L << 3;

    /** Page-level cache disable: bit 1 of the PAT index. */
    public static final long PCD = 1L << 4;

    /** Accessed: set by the hardware on use. */
    public static final long A = 1L << 5;

    /** Dirty (leaves only): set by the hardware on a write; ignored in table entries. */
    public static final long D = 1L << 6;

    /**
     * Page size, in an entry above the page table: the entry maps a large page (reserved in a
     * PML4E/PML5E).
     */
    public static final long PS = 1L << 7;

    /** Bit 2 of the PAT index in a 4 KiB PTE (the same position as PS in the entries above it). */
    public static final long PAT_4K = 1L << 7;

    /** Global (leaves only; CR4.PGE=1 assumed): the translation survives MOV CR3. */
    public static final long G = 1L << 8;

    /**
     * The guard marker and the whole guard entry: the first software-available bit (AVL0), as the
     * seed used it; not present, no address bits (nothing to leak under L1TF). Never bit 8 (Linux's
     * PROT_NONE) nor A/D (set spuriously in non-present entries by some parts). hardware-formats.md
     * §5.
     */
    public static final long GUARD = 1L << 9;

    /** Bit 2 of the PAT index in a large leaf (4 MiB, 2 MiB or 1 GiB), where bit 7 is PS. */
    public static final long PAT_LARGE = 1L << 12;

    /** Execute-disable (PAE and IA-32e with EFER.NXE=1; legacy 32-bit entries have no bit 63). */
    public static final long XD = 1L << 63;

    /**
     * Bits a processor may set in a not-present entry (Knights Landing erratum): noise, not
     * content.
     */
    public static final long ACCESSED_DIRTY = A | D;

    private X86EntryBits() {}
}
