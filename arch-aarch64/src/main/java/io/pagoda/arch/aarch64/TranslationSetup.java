package io.pagoda.arch.aarch64;

import java.util.Objects;

/**
 * Everything this module models of TCR_EL1 and MAIR_EL1: the two halves (TTBR0 below, TTBR1 above),
 * the physical width (IPS), the 52-bit descriptor formats, where the ASID comes from, and the
 * memory types.
 *
 * <ul>
 *   <li>{@code largePhysicalAddress} is FEAT_LPA with the 64K granule: 52-bit output addresses with
 *       OA[51:48] in desc[15:12] and TTBR[5:2];
 *   <li>{@code lpa2} is TCR_EL1.DS = 1 (FEAT_LPA2) for 4K and 16K halves: OA[49:g] in desc[49:g],
 *       OA[51:50] in desc[9:8] (so shareability comes from TCR_EL1.SHn, not the descriptor),
 *       BADDR[51:48] in TTBR[5:2], VAs up to 52 bits (4K then starts at level -1) and a block one
 *       level higher;
 *   <li>{@code asidFromUpper} is TCR_EL1.A1: the ASID is TTBR1_EL1's, not TTBR0_EL1's.
 * </ul>
 *
 * @param lower the TTBR0_EL1 half (T0SZ, TG0, HPD0, EPD0)
 * @param upper the TTBR1_EL1 half (T1SZ, TG1, HPD1, EPD1)
 * @param physicalAddressBits the PA size (TCR_EL1.IPS)
 * @param largePhysicalAddress 64K granule with FEAT_LPA (52-bit PA)
 * @param lpa2 TCR_EL1.DS
 * @param asidFromUpper TCR_EL1.A1
 * @param mair MAIR_EL1
 */
public record TranslationSetup(
        TranslationHalf lower,
        TranslationHalf upper,
        int physicalAddressBits,
        boolean largePhysicalAddress,
        boolean lpa2,
        boolean asidFromUpper,
        MairLayout mair) {

    /**
     * Checks the combination is one TCR_EL1 can configure.
     *
     * @param lower the TTBR0_EL1 half
     * @param upper the TTBR1_EL1 half
     * @param physicalAddressBits the PA size
     * @param largePhysicalAddress 64K granule with FEAT_LPA
     * @param lpa2 TCR_EL1.DS
     * @param asidFromUpper TCR_EL1.A1
     * @param mair MAIR_EL1
     * @throws IllegalArgumentException when the PA size is none TCR_EL1.IPS gives, FEAT_LPA or DS=1
     *     is combined with the wrong granules or PA size, or a VA above 48 bits lacks DS=1 with a
     *     4K or 16K granule
     */
    public TranslationSetup {
        Objects.requireNonNull(mair, "mair");
        TranslationControl.ipsField(physicalAddressBits);
        if (largePhysicalAddress) {
            if (physicalAddressBits != 52
                    || lower.granule() != Granule.SIXTY_FOUR_KIB
                    || upper.granule() != Granule.SIXTY_FOUR_KIB) {
                throw new IllegalArgumentException(
                        "FEAT_LPA output addresses need the 64K granule in both halves and a 52-bit PA");
            }
        } else if (physicalAddressBits == 52 && !lpa2) {
            // with DS=1 a 64K half is refused below
            throw new IllegalArgumentException(
                    "a 52-bit PA needs FEAT_LPA with the 64K granule in both halves, or DS=1"
                            + " (FEAT_LPA2) with 4K/16K granules in both halves");
        }
        if (lpa2
                && (lower.granule() == Granule.SIXTY_FOUR_KIB
                        || upper.granule() == Granule.SIXTY_FOUR_KIB)) {
            throw new IllegalArgumentException(
                    "DS=1 (FEAT_LPA2) applies to the 4K and 16K granules; this model takes it with"
                            + " 4K/16K halves only (64K has FEAT_LPA: IPS = 52-bit without DS)");
        }
        for (TranslationHalf half : new TranslationHalf[] {lower, upper}) {
            if (half.vaBits() > 48 && half.granule() != Granule.SIXTY_FOUR_KIB && !lpa2) {
                throw new IllegalArgumentException(
                        "a "
                                + half.vaBits()
                                + "-bit VA with the "
                                + half.granule().label()
                                + " granule needs DS=1 (FEAT_LPA2); set TCR_EL1.DS or use TnSZ >= 16");
            }
        }
    }

    /**
     * MAIR and TCR fields this module ignored before: DS, A1 clear, the default MAIR.
     *
     * @param lower the TTBR0_EL1 half
     * @param upper the TTBR1_EL1 half
     * @param physicalAddressBits the PA size
     * @param largePhysicalAddress 64K granule with FEAT_LPA
     * @throws IllegalArgumentException as the canonical constructor does
     */
    public TranslationSetup(
            TranslationHalf lower,
            TranslationHalf upper,
            int physicalAddressBits,
            boolean largePhysicalAddress) {
        this(
                lower,
                upper,
                physicalAddressBits,
                largePhysicalAddress,
                false,
                false,
                MairLayout.standard());
    }

    /**
     * Both halves alike, with a 48-bit PA: the shape of the named variants.
     *
     * @param granule the granule of both halves
     * @param vaBits the VA size of both halves, 25..48 (up to 52 with the 64K granule)
     * @return the setup
     * @throws IllegalArgumentException when {@code vaBits} is outside 25..52, or above 48 with a 4K
     *     or 16K granule
     */
    public static TranslationSetup symmetric(Granule granule, int vaBits) {
        TranslationHalf half = new TranslationHalf(granule, vaBits);
        return new TranslationSetup(half, half, 48, false);
    }

    /**
     * Both halves alike with DS=1 (FEAT_LPA2) and a 52-bit PA: {@code aarch64-4k-52}, {@code
     * aarch64-16k-52}.
     *
     * @param granule the granule of both halves, 4K or 16K
     * @param vaBits the VA size of both halves, 25..52
     * @return the setup
     * @throws IllegalArgumentException when the granule is 64K or {@code vaBits} is outside 25..52
     */
    public static TranslationSetup lpa2(Granule granule, int vaBits) {
        TranslationHalf half = new TranslationHalf(granule, vaBits);
        return new TranslationSetup(half, half, 52, false, true, false, MairLayout.standard());
    }

    /**
     * The same setup reading memory types from MAIR_EL1 = {@code value}.
     *
     * @param layout the MAIR_EL1 layout
     * @return a copy of this setup with the layout replaced
     */
    public TranslationSetup withMair(MairLayout layout) {
        return new TranslationSetup(
                lower,
                upper,
                physicalAddressBits,
                largePhysicalAddress,
                lpa2,
                asidFromUpper,
                layout);
    }

    /**
     * Whether {@code half}'s descriptors carry 52-bit output addresses (FEAT_LPA for 64K, DS=1 for
     * 4K/16K).
     *
     * @param half one of this setup's halves
     * @return true for 52-bit output-address descriptors
     */
    public boolean wideOutput(TranslationHalf half) {
        return half.granule() == Granule.SIXTY_FOUR_KIB ? largePhysicalAddress : lpa2;
    }

    /**
     * The variant name: {@code aarch64-4k-48}, {@code aarch64-64k-48-lpa}, {@code aarch64-4k-52}
     * (DS=1, 52-bit PA), or a longer one for mixed halves and other DS settings; HPD, EPD and A1
     * add {@code -hpd0}, {@code -epd1}, {@code -a1}. MAIR_EL1 changes no name.
     *
     * @return the variant name
     */
    public String name() {
        String label = "aarch64-" + lower.label();
        boolean same = lower.granule() == upper.granule() && lower.vaBits() == upper.vaBits();
        String base;
        if (same && largePhysicalAddress) {
            base = label + "-lpa";
        } else if (same && lpa2) {
            base =
                    lower.vaBits() == 52 && physicalAddressBits == 52
                            ? label
                            : label
                                    + "-lpa2"
                                    + (physicalAddressBits == 52
                                            ? ""
                                            : "-pa" + physicalAddressBits);
        } else if (same && physicalAddressBits == 48) {
            base = label;
        } else {
            base =
                    "aarch64-ttbr0-"
                            + lower.label()
                            + "-ttbr1-"
                            + upper.label()
                            + "-pa"
                            + physicalAddressBits
                            + (largePhysicalAddress ? "-lpa" : "")
                            + (lpa2 ? "-lpa2" : "");
        }
        return base
                + (lower.hierarchicalPermissionsDisabled() ? "-hpd0" : "")
                + (upper.hierarchicalPermissionsDisabled() ? "-hpd1" : "")
                + (lower.walksDisabled() ? "-epd0" : "")
                + (upper.walksDisabled() ? "-epd1" : "")
                + (asidFromUpper ? "-a1" : "");
    }
}
