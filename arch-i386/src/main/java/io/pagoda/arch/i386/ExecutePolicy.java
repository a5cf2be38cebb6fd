package io.pagoda.arch.i386;

/**
 * What legacy 32-bit paging does with a readable mapping requested without {@link
 * io.pagoda.paging.MappingAccessRights#EXECUTABLE}: the format has no execute-disable bit, so every
 * present page is executable and "not executable" cannot be written down. The seed dropped the request
 * silently; Pagoda makes the choice explicit and names it in the variant.
 */
public enum ExecutePolicy {
    /**
     * Variant {@code i386}: refuse the mapping with a {@link io.pagoda.paging.error.RightsNotExpressibleException}
     * that names the fix (ask for EXECUTABLE, or pick {@code i386-widen-exec} or {@code i386-pae}).
     */
    REFUSE_NON_EXECUTABLE("i386"),
    /**
     * Variant {@code i386-widen-exec}: map it executable, as the hardware will run it anyway. The entry and
     * every translation then report EXECUTABLE, so the widening is visible, never hidden.
     */
    WIDEN_TO_EXECUTABLE("i386-widen-exec");

    private final String variantName;

    ExecutePolicy(String variantName) {
        this.variantName = variantName;
    }

    /** The architecture name of the legacy variant that follows this policy. */
    public String variantName() {
        return variantName;
    }
}
