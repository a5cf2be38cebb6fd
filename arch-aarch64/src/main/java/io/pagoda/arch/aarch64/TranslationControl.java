package io.pagoda.arch.aarch64;

import io.pagoda.paging.Hex;

/**
 * Reads the TCR_EL1 fields this module models: T0SZ[5:0], TG0[15:14], T1SZ[21:16], TG1[31:30], IPS[34:32],
 * and TBI0[37] / TBI1[38] (top byte ignored, {@link #topByteIgnored}). Fields that change no encoding the model
 * keeps (EPDn, cacheability, SHn, A1, AS, HA/HD) are ignored; DS=1 (FEAT_LPA2) and HPDn=1 (hierarchical permissions disabled) change the descriptor format and are
 * refused rather than modelled wrongly. IPS = 52 bits is FEAT_LPA, accepted with the 64K granule only.
 */
public final class TranslationControl {
    private static final int[] IPS_BITS = {32, 36, 40, 42, 44, 48, 52};
    private static final long HPD0 = 1L << 41;
    private static final long HPD1 = 1L << 42;
    private static final long DS = 1L << 59;

    private TranslationControl() {
    }

    /** Whether TCR_EL1.TBI{@code half} (bit 37 + half) makes the top byte of that half's addresses a tag. */
    public static boolean topByteIgnored(long tcr, int half) {
        return (tcr & (1L << (37 + half))) != 0;
    }

    /** The setup TCR_EL1 = {@code tcr} selects. */
    public static TranslationSetup decode(long tcr) {
        if ((tcr & DS) != 0) {
            throw new IllegalArgumentException("TCR_EL1 " + Hex.of(tcr) + " sets DS (FEAT_LPA2 52-bit descriptors), which "
                    + "this module does not model; clear bit 59");
        }
        if ((tcr & (HPD0 | HPD1)) != 0) {
            throw new IllegalArgumentException("TCR_EL1 " + Hex.of(tcr) + " sets HPD0/HPD1 (table permission bits ignored), "
                    + "which this module does not model; clear bits 41 and 42");
        }
        int t0sz = (int) (tcr & 0x3F);
        int t1sz = (int) ((tcr >>> 16) & 0x3F);
        Granule g0 = Granule.ofTg0((int) ((tcr >>> 14) & 3));
        Granule g1 = Granule.ofTg1((int) ((tcr >>> 30) & 3));
        int ips = (int) ((tcr >>> 32) & 7);
        if (ips >= IPS_BITS.length) {
            throw new IllegalArgumentException("TCR_EL1.IPS = " + ips + " is reserved; use 0..6 (32..52-bit PA)");
        }
        int paBits = IPS_BITS[ips];
        TranslationHalf lower = new TranslationHalf(g0, 64 - t0sz);
        TranslationHalf upper = new TranslationHalf(g1, 64 - t1sz);
        boolean lpa = paBits == 52;
        if (lpa && (g0 != Granule.SIXTY_FOUR_KIB || g1 != Granule.SIXTY_FOUR_KIB)) {
            throw new IllegalArgumentException("TCR_EL1.IPS = 6 (52-bit PA) with a 4K or 16K granule needs FEAT_LPA2 (DS=1), "
                    + "which this module does not model; use the 64K granule in both halves or IPS <= 5");
        }
        return new TranslationSetup(lower, upper, paBits, lpa);
    }

    /** The TCR_EL1 value for {@code setup} (fields this module reads only; 16-bit ASIDs from TTBR0). */
    public static long encode(TranslationSetup setup) {
        int ips = -1;
        for (int i = 0; i < IPS_BITS.length; i++) {
            if (IPS_BITS[i] == setup.physicalAddressBits()) {
                ips = i;
            }
        }
        if (ips < 0) {
            throw new IllegalArgumentException("no TCR_EL1.IPS value gives a " + setup.physicalAddressBits() + "-bit PA");
        }
        return (64L - setup.lower().vaBits())
                | ((long) setup.lower().granule().tg0() << 14)
                | ((64L - setup.upper().vaBits()) << 16)
                | ((long) setup.upper().granule().tg1() << 30)
                | ((long) ips << 32);
    }
}
