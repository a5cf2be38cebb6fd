package io.pagoda.arch.aarch64;

/**
 * Reads the TCR_EL1 fields this module models: T0SZ[5:0], EPD0[7], TG0[15:14], T1SZ[21:16], A1[22],
 * EPD1[23], TG1[31:30], IPS[34:32], TBI0[37] / TBI1[38] (top byte ignored, {@link
 * #topByteIgnored}), HPD0[41], HPD1[42] and DS[59] (FEAT_LPA2). Fields that change no encoding the
 * model keeps (cacheability, SHn, AS, HA/HD) are ignored. IPS = 52 bits is FEAT_LPA with the 64K
 * granule, or FEAT_LPA2 with DS=1 and the 4K/16K granules.
 */
public final class TranslationControl {
    private static final int[] IPS_BITS = {32, 36, 40, 42, 44, 48, 52};
    private static final long EPD0 = 1L << 7;
    private static final long A1 = 1L << 22;
    private static final long EPD1 = 1L << 23;
    private static final long HPD0 = 1L << 41;
    private static final long HPD1 = 1L << 42;
    private static final long DS = 1L << 59;

    private TranslationControl() {}

    /**
     * Whether TCR_EL1.TBI{@code half} (bit 37 + half) makes the top byte of that half's addresses a
     * tag.
     *
     * @param tcr the TCR_EL1 value
     * @param half 0 for the TTBR0 half, 1 for the TTBR1 half
     * @return true when TBI{@code half} is set
     */
    public static boolean topByteIgnored(long tcr, int half) {
        return (tcr & (1L << (37 + half))) != 0;
    }

    /**
     * The setup TCR_EL1 = {@code tcr} selects, with the default MAIR_EL1.
     *
     * @param tcr the TCR_EL1 value
     * @return the setup
     * @throws IllegalArgumentException when a field holds a reserved value or a combination this
     *     module does not model
     */
    public static TranslationSetup decode(long tcr) {
        return decode(tcr, MairLayout.standard());
    }

    /**
     * The setup TCR_EL1 = {@code tcr} and MAIR_EL1 = {@code mair} select.
     *
     * @param tcr the TCR_EL1 value
     * @param mair the MAIR_EL1 layout
     * @return the setup
     * @throws IllegalArgumentException when a field holds a reserved value or a combination this
     *     module does not model
     */
    public static TranslationSetup decode(long tcr, MairLayout mair) {
        int t0sz = (int) (tcr & 0x3F);
        int t1sz = (int) ((tcr >>> 16) & 0x3F);
        Granule g0 = Granule.ofTg0((int) ((tcr >>> 14) & 3));
        Granule g1 = Granule.ofTg1((int) ((tcr >>> 30) & 3));
        int ips = (int) ((tcr >>> 32) & 7);
        if (ips >= IPS_BITS.length) {
            throw new IllegalArgumentException(
                    "TCR_EL1.IPS = " + ips + " is reserved; use 0..6 (32..52-bit PA)");
        }
        boolean ds = (tcr & DS) != 0;
        int paBits = IPS_BITS[ips];
        TranslationHalf lower =
                new TranslationHalf(g0, 64 - t0sz, (tcr & HPD0) != 0, (tcr & EPD0) != 0);
        TranslationHalf upper =
                new TranslationHalf(g1, 64 - t1sz, (tcr & HPD1) != 0, (tcr & EPD1) != 0);
        // DS concerns the 4K and 16K granules; with 64K halves a 52-bit PA is FEAT_LPA whatever DS
        // says
        boolean small = g0 != Granule.SIXTY_FOUR_KIB || g1 != Granule.SIXTY_FOUR_KIB;
        ds = ds && small;
        // a 52-bit PA with a 4K or 16K half and DS = 0 is neither: TranslationSetup refuses it
        boolean lpa = paBits == 52 && !small;
        return new TranslationSetup(lower, upper, paBits, lpa, ds, (tcr & A1) != 0, mair);
    }

    /**
     * The TCR_EL1.IPS value that gives a {@code physicalAddressBits}-bit PA: the one home of the PA
     * sizes a setup may have.
     *
     * @param physicalAddressBits the PA size
     * @return IPS, 0..6
     * @throws IllegalArgumentException when no IPS value gives that size
     */
    static int ipsField(int physicalAddressBits) {
        for (int ips = 0; ips < IPS_BITS.length; ips++) {
            if (IPS_BITS[ips] == physicalAddressBits) {
                return ips;
            }
        }
        throw new IllegalArgumentException(
                "a "
                        + physicalAddressBits
                        + "-bit PA is none TCR_EL1.IPS gives: use 32, 36, 40, 42, 44, 48 or 52");
    }

    /**
     * The TCR_EL1 value for {@code setup} (fields this module reads only; 16-bit ASIDs).
     *
     * @param setup the setup
     * @return the TCR_EL1 value
     */
    public static long encode(TranslationSetup setup) {
        TranslationHalf lower = setup.lower();
        TranslationHalf upper = setup.upper();
        return (64L - lower.vaBits())
                | (lower.walksDisabled() ? EPD0 : 0)
                | ((long) lower.granule().tg0() << 14)
                | ((64L - upper.vaBits()) << 16)
                | (setup.asidFromUpper() ? A1 : 0)
                | (upper.walksDisabled() ? EPD1 : 0)
                | ((long) upper.granule().tg1() << 30)
                | ((long) ipsField(setup.physicalAddressBits()) << 32)
                | (lower.hierarchicalPermissionsDisabled() ? HPD0 : 0)
                | (upper.hierarchicalPermissionsDisabled() ? HPD1 : 0)
                | (setup.lpa2() ? DS : 0);
    }
}
