package io.pagoda.qemu;

/**
 * The EL1&0 translation registers one run loads: MAIR_EL1, TCR_EL1 and the two table bases. {@link
 * #tcr} builds TCR_EL1 from granules and virtual-address widths per hardware-formats.md §4.
 */
record Aarch64Regime(long mair, long tcr, long ttbr0, long ttbr1) {
    /**
     * Normal write-back at index 0 and 1, device nGnRE at 2, normal non-cacheable at 3,
     * write-through at 4.
     */
    static final long MAIR = 0x0000_00BB_4404_FFFFL;

    static final int IPS_48 = 5;
    static final int IPS_52 = 6;

    /**
     * TCR_EL1 for a TTBR0 half of {@code vaBits0} bits with granule {@code granule0} and a TTBR1
     * half likewise; a half with {@code vaBits} 0 is disabled (EPDn = 1), so its addresses fault.
     */
    static long tcr(long granule0, int vaBits0, long granule1, int vaBits1, int ips, boolean ds) {
        long tcr = 0;
        tcr |= (vaBits0 == 0 ? 64 - 48 : 64 - vaBits0);
        tcr |= vaBits0 == 0 ? 1L << 7 : 0;
        tcr |= tg0(granule0) << 14;
        tcr |= 3L << 12 | 1L << 10 | 1L << 8; // SH0 inner shareable, write-back caches
        tcr |= (long) (vaBits1 == 0 ? 64 - 48 : 64 - vaBits1) << 16;
        tcr |= vaBits1 == 0 ? 1L << 23 : 0;
        tcr |= tg1(granule1) << 30;
        tcr |= 3L << 28 | 1L << 26 | 1L << 24; // SH1, IRGN1, ORGN1 likewise
        tcr |= (long) ips << 32;
        tcr |= ds ? 1L << 59 : 0;
        return tcr;
    }

    private static long tg0(long granule) {
        return switch ((int) granule) {
            case 4096 -> 0b00;
            case 65536 -> 0b01;
            case 16384 -> 0b10;
            default ->
                    throw new IllegalArgumentException(
                            "no AArch64 granule of " + granule + " bytes");
        };
    }

    private static long tg1(long granule) {
        return switch ((int) granule) {
            case 16384 -> 0b01;
            case 4096 -> 0b10;
            case 65536 -> 0b11;
            default ->
                    throw new IllegalArgumentException(
                            "no AArch64 granule of " + granule + " bytes");
        };
    }
}
