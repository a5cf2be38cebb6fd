package io.pagoda.paging.spi;

/**
 * How the root registers should be loaded, beyond the tables they point at.
 *
 * @param tag the address-space tag: PCID on x86-64 (0 leaves CR4.PCIDE clear), ASID on AArch64
 * @param uncachedWalks fetch the tables uncached: CR3 PCD/PWT on x86 (not expressible together with
 *     a PCID), TCR_EL1 IRGNn/ORGNn = 0 on AArch64; otherwise write-back
 * @param commonNotPrivate AArch64 TTBRn_EL1.CnP: the tables are shared by every PE of the inner
 *     shareable domain
 */
public record RootSettings(int tag, boolean uncachedWalks, boolean commonNotPrivate) {
    /** Tag 0, write-back walks, private tables: what a boot stub loads first. */
    public static final RootSettings DEFAULT = new RootSettings(0, false, false);

    /**
     * These settings with another address-space tag.
     *
     * @param newTag the PCID or ASID
     * @return a copy of these settings with the tag replaced
     */
    public RootSettings withTag(int newTag) {
        return new RootSettings(newTag, uncachedWalks, commonNotPrivate);
    }
}
