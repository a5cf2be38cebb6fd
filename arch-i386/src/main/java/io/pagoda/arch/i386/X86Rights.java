package io.pagoda.arch.i386;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.error.RightsNotExpressibleException;

/**
 * {@link MappingAccessRights} to and from the x86 rights bits (P, R/W, U/S and, where the format has it,
 * XD), shared by the 32-bit and PAE formats. A present x86 page is always readable, so rights without
 * READABLE are refused; "not executable" without an XD bit follows the {@link ExecutePolicy}.
 */
final class X86Rights {
    private X86Rights() {
    }

    /**
     * The P, R/W, U/S and XD bits of a leaf with {@code rights}.
     *
     * @param hasExecuteDisable whether the format has an XD bit (PAE with EFER.NXE=1)
     * @param policy            what to do with non-executable rights when it has none
     */
    static long encode(MappingAccessRights rights, int level, String levelName, boolean hasExecuteDisable,
                       ExecutePolicy policy) {
        if (!rights.isReadable()) {
            throw new RightsNotExpressibleException("rights " + rights + " cannot be expressed in an x86 leaf at level "
                    + level + " (" + levelName + "): a present x86 page is always readable, so write-only, execute-only"
                    + " or user-only pages do not exist; add READABLE to the rights");
        }
        long bits = X86EntryBits.P;
        if (rights.isWritable()) {
            bits |= X86EntryBits.RW;
        }
        if (rights.isUserAccessible()) {
            bits |= X86EntryBits.US;
        }
        if (!rights.isExecutable()) {
            if (hasExecuteDisable) {
                bits |= X86EntryBits.XD;
            } else if (policy == ExecutePolicy.REFUSE_NON_EXECUTABLE) {
                throw new RightsNotExpressibleException("rights " + rights + " cannot be expressed at level " + level
                        + " (" + levelName + ") of i386 32-bit paging: it has no execute-disable bit, so every present"
                        + " page is executable; add EXECUTABLE to the rights, or select architecture '"
                        + ExecutePolicy.WIDEN_TO_EXECUTABLE.variantName() + "' (widens such mappings to executable)"
                        + " or 'i386-pae' (has NX)");
            }
            // WIDEN_TO_EXECUTABLE: nothing to write; decode() reports EXECUTABLE, so the widening stays visible
        }
        return bits;
    }

    /** The rights a present leaf grants by itself. */
    static int decode(long raw, boolean hasExecuteDisable) {
        int bits = MappingAccessRights.READABLE_BIT;
        if ((raw & X86EntryBits.RW) != 0) {
            bits |= MappingAccessRights.WRITABLE_BIT;
        }
        if ((raw & X86EntryBits.US) != 0) {
            bits |= MappingAccessRights.USER_ACCESSIBLE_BIT;
        }
        if (!hasExecuteDisable || (raw & X86EntryBits.XD) == 0) {
            bits |= MappingAccessRights.EXECUTABLE_BIT;
        }
        return bits;
    }
}
