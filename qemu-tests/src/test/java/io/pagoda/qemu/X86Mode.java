package io.pagoda.qemu;

/**
 * The control-register values that select an x86 paging mode. CR3 is given per run.
 *
 * @param name for messages
 * @param cr0 PE | ET | PG (WP left clear: supervisor writes are not the question here)
 * @param cr4 PSE (bit 4), PAE (bit 5), PGE (bit 7), LA57 (bit 12)
 * @param efer LME (bit 8), LMA (bit 10), NXE (bit 11)
 * @param addressMask the guest-physical bits {@code info tlb} prints for this mode's 4 KiB entries
 */
record X86Mode(String name, long cr0, long cr4, long efer, long addressMask) {
    static final long CR0_PE = 1L;
    static final long CR0_ET = 1L << 4;
    static final long CR0_PG = 1L << 31;
    static final long CR4_PSE = 1L << 4;
    static final long CR4_PAE = 1L << 5;
    static final long CR4_PGE = 1L << 7;
    static final long CR4_LA57 = 1L << 12;
    static final long EFER_LME = 1L << 8;
    static final long EFER_LMA = 1L << 10;
    static final long EFER_NXE = 1L << 11;

    private static final long PAGING_ON = CR0_PE | CR0_ET | CR0_PG;

    /** 32-bit paging with 4 MiB pages and global pages. */
    static X86Mode legacy32() {
        return new X86Mode("i386 32-bit", PAGING_ON, CR4_PSE | CR4_PGE, 0, 0xFFFFF000L);
    }

    /** PAE paging with execute-disable. */
    static X86Mode pae() {
        return new X86Mode(
                "i386 PAE", PAGING_ON, CR4_PAE | CR4_PSE | CR4_PGE, EFER_NXE, 0x000FFFFFFFFFF000L);
    }

    /** IA-32e 4-level paging with execute-disable. */
    static X86Mode longMode4() {
        return new X86Mode(
                "x86-64 4-level",
                PAGING_ON,
                CR4_PAE | CR4_PGE,
                EFER_LME | EFER_LMA | EFER_NXE,
                0x000FFFFFFFFFF000L);
    }

    /** IA-32e 5-level paging (LA57) with execute-disable. */
    static X86Mode longMode5() {
        return new X86Mode(
                "x86-64 5-level",
                PAGING_ON,
                CR4_PAE | CR4_PGE | CR4_LA57,
                EFER_LME | EFER_LMA | EFER_NXE,
                0x000FFFFFFFFFF000L);
    }

    boolean executeDisable() {
        return (efer & EFER_NXE) != 0;
    }
}
