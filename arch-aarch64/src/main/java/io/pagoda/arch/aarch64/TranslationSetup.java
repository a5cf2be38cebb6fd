package io.pagoda.arch.aarch64;

/**
 * Everything this module models of TCR_EL1: the two halves (TTBR0 below, TTBR1 above) and the physical
 * width (IPS). {@code largePhysicalAddress} is FEAT_LPA with the 64K granule: 52-bit output addresses with
 * OA[51:48] in desc[15:12] and TTBR[5:2].
 *
 * @param lower                the TTBR0_EL1 half (T0SZ, TG0)
 * @param upper                the TTBR1_EL1 half (T1SZ, TG1)
 * @param physicalAddressBits  the PA size (TCR_EL1.IPS)
 * @param largePhysicalAddress 64K granule with FEAT_LPA (52-bit PA)
 */
public record TranslationSetup(TranslationHalf lower, TranslationHalf upper, int physicalAddressBits,
                               boolean largePhysicalAddress) {

    public TranslationSetup {
        if (largePhysicalAddress) {
            if (physicalAddressBits != 52 || lower.granule() != Granule.SIXTY_FOUR_KIB || upper.granule() != Granule.SIXTY_FOUR_KIB) {
                throw new IllegalArgumentException("FEAT_LPA output addresses need the 64K granule in both halves and a 52-bit PA");
            }
        } else if (physicalAddressBits < 32 || physicalAddressBits > 48) {
            throw new IllegalArgumentException("a " + physicalAddressBits + "-bit PA needs "
                    + (physicalAddressBits > 48 ? "FEAT_LPA (64K granule) or FEAT_LPA2 (not modelled)" : "at least 32 bits (IPS 0)"));
        }
    }

    /** Both halves alike, with a 48-bit PA: the shape of the named variants. */
    public static TranslationSetup symmetric(Granule granule, int vaBits) {
        TranslationHalf half = new TranslationHalf(granule, vaBits);
        return new TranslationSetup(half, half, 48, false);
    }

    /** The variant name: {@code aarch64-4k-48}, {@code aarch64-64k-48-lpa}, or a longer one for mixed halves. */
    public String name() {
        if (lower.equals(upper)) {
            if (largePhysicalAddress) {
                return "aarch64-" + lower.label() + "-lpa";
            }
            if (physicalAddressBits == 48) {
                return "aarch64-" + lower.label();
            }
        }
        return "aarch64-ttbr0-" + lower.label() + "-ttbr1-" + upper.label() + "-pa" + physicalAddressBits
                + (largePhysicalAddress ? "-lpa" : "");
    }
}
