package io.pagoda.arch.aarch64;

import java.util.Locale;

/**
 * One half of the EL1&amp;0 address space, as TCR_EL1 configures it: a granule (TGn), a VA size
 * ({@code 64 - TnSZ}), and two switches: HPDn (hierarchical permissions disabled: APTable, UXNTable
 * and PXNTable of this half's table descriptors are ignored) and EPDn (walks of this half disabled:
 * every address of it takes a translation fault at the first level). The granule and size fix the
 * start level and the size of the possibly partial first table (reference §4 geometry table: e.g.
 * 16K with 48 bits starts at L0 with a 2-entry table, 4K with 52 bits (FEAT_LPA2) at L-1 with 16
 * entries).
 *
 * @param granule the translation granule
 * @param vaBits the VA size of the half, 25..52 (TnSZ 12..39; above 48 needs FEAT_LPA2 with 4K/16K,
 *     FEAT_LVA with 64K, checked by {@link TranslationSetup})
 * @param hierarchicalPermissionsDisabled TCR_EL1.HPDn
 * @param walksDisabled TCR_EL1.EPDn
 */
public record TranslationHalf(
        Granule granule,
        int vaBits,
        boolean hierarchicalPermissionsDisabled,
        boolean walksDisabled) {

    /**
     * Checks the VA size.
     *
     * @param granule the translation granule
     * @param vaBits the VA size of the half, 25..52
     * @param hierarchicalPermissionsDisabled TCR_EL1.HPDn
     * @param walksDisabled TCR_EL1.EPDn
     * @throws IllegalArgumentException when {@code vaBits} is outside 25..52
     */
    public TranslationHalf {
        if (vaBits < 25 || vaBits > 52) {
            throw new IllegalArgumentException(
                    "a VA size of "
                            + vaBits
                            + " bits (TnSZ "
                            + (64 - vaBits)
                            + ") is outside 25..52 bits (TnSZ 12..39, and 16..39 without FEAT_LVA/FEAT_LPA2); choose a TnSZ in 16..39,"
                            + " or 12..15 with DS=1 (4K/16K) or the 64K granule");
        }
    }

    /**
     * A half with hierarchical permissions and walks enabled (HPDn = EPDn = 0).
     *
     * @param granule the translation granule
     * @param vaBits the VA size of the half, 25..52
     * @throws IllegalArgumentException when {@code vaBits} is outside 25..52
     */
    public TranslationHalf(Granule granule, int vaBits) {
        this(granule, vaBits, false, false);
    }

    /**
     * The hardware level a walk starts at, -1..3.
     *
     * @return the start level
     */
    public int startLevel() {
        return granule.startLevel(vaBits);
    }

    /**
     * Entries of the first table: {@code 2^(vaBits - shift(startLevel))}.
     *
     * @return the entry count, a power of two
     */
    public int firstTableEntries() {
        return 1 << (vaBits - granule.shift(startLevel()));
    }

    /**
     * {@code 4k-48}: the suffix of variant names.
     *
     * @return the label
     */
    public String label() {
        return granule.label() + "-" + vaBits;
    }

    @Override
    public String toString() {
        return granule.label().toUpperCase(Locale.ROOT)
                + " granule, "
                + vaBits
                + "-bit VA from L"
                + startLevel()
                + (hierarchicalPermissionsDisabled ? ", HPD" : "")
                + (walksDisabled ? ", walks disabled (EPD)" : "");
    }
}
