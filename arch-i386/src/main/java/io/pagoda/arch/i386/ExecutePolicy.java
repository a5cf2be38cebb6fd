package io.pagoda.arch.i386;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.error.RightsNotExpressibleException;

/**
 * What legacy 32-bit paging does with a readable mapping requested without {@link
 * io.pagoda.paging.MappingAccessRights#EXECUTABLE}: the format has no execute-disable bit, so every
 * present page is executable and "not executable" cannot be written down. The seed dropped the
 * request silently; Pagoda makes the choice explicit and names it in the variant.
 */
public enum ExecutePolicy {
    /**
     * Variant {@code i386}: refuse the mapping with a {@link
     * io.pagoda.paging.error.RightsNotExpressibleException} that names the fix (ask for EXECUTABLE,
     * or pick {@code i386-widen-exec} or {@code i386-pae}).
     */
    REFUSE_NON_EXECUTABLE("i386"),
    /**
     * Variant {@code i386-widen-exec}: map it executable, as the hardware will run it anyway. The
     * entry and every translation then report EXECUTABLE, so the widening is visible, never hidden.
     */
    WIDEN_TO_EXECUTABLE("i386-widen-exec");

    private final String variantName;

    ExecutePolicy(String variantName) {
        this.variantName = variantName;
    }

    /**
     * Refuses readable {@code rights} without EXECUTABLE under {@link #REFUSE_NON_EXECUTABLE},
     * naming the two ways out; under {@link #WIDEN_TO_EXECUTABLE} there is nothing to write (the
     * leaf reads back EXECUTABLE, so the widening stays visible).
     */
    void checkExpressible(MappingAccessRights rights, int level, String levelName) {
        if (!rights.isExecutable() && this == REFUSE_NON_EXECUTABLE) {
            throw new RightsNotExpressibleException(
                    "rights "
                            + rights
                            + " cannot be expressed at level "
                            + level
                            + " ("
                            + levelName
                            + ") of i386 32-bit paging: it has no execute-disable bit, so every present"
                            + " page is executable; add EXECUTABLE to the rights, or select architecture '"
                            + WIDEN_TO_EXECUTABLE.variantName()
                            + "' (widens such mappings to executable)"
                            + " or 'i386-pae' (has NX)");
        }
    }

    /**
     * The architecture name of the legacy variant that follows this policy.
     *
     * @return {@code i386} or {@code i386-widen-exec}
     */
    public String variantName() {
        return variantName;
    }
}
