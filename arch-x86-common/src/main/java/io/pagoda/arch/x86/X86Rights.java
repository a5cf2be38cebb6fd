package io.pagoda.arch.x86;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.error.RightsNotExpressibleException;

/**
 * {@link MappingAccessRights} to and from the x86 rights bits P, R/W, U/S and, where the format has
 * it, XD, shared by every x86 format. A present x86 page is always readable, so rights without
 * READABLE are refused; what a format without XD does with "not executable" is the caller's policy
 * (legacy i386's variants differ).
 */
public final class X86Rights {
    private X86Rights() {}

    /**
     * The P, R/W, U/S and (when {@code hasExecuteDisable} and the rights lack EXECUTABLE) XD bits
     * of a leaf.
     *
     * @param rights the rights to encode
     * @param level the leaf's level, for the refusal's message
     * @param entryName the entry's name at {@code level} (PTE, PDE, ...), for the refusal's message
     * @param hasExecuteDisable whether the format has the XD bit (63); without it "not executable"
     *     is dropped
     * @return the leaf's rights bits (P always set), every other bit clear
     * @throws RightsNotExpressibleException when the rights lack READABLE
     */
    public static long encode(
            MappingAccessRights rights, int level, String entryName, boolean hasExecuteDisable) {
        if (!rights.isReadable()) {
            throw new RightsNotExpressibleException(
                    "rights "
                            + rights
                            + " cannot be expressed in an x86 leaf at level "
                            + level
                            + " ("
                            + entryName
                            + "): a present x86 page is always readable, so write-only, execute-only"
                            + " or user-only pages do not exist; add READABLE to the rights, or guard the range to make it inaccessible");
        }
        long bits = X86EntryBits.P;
        if (rights.isWritable()) {
            bits |= X86EntryBits.RW;
        }
        if (rights.isUserAccessible()) {
            bits |= X86EntryBits.US;
        }
        if (!rights.isExecutable() && hasExecuteDisable) {
            bits |= X86EntryBits.XD;
        }
        return bits;
    }

    /**
     * The rights a present entry grants by itself, as {@link MappingAccessRights} bits: a leaf's
     * rights, or a table entry's limit on everything below it (R/W and U/S AND-ed, XD OR-ed down
     * the walk). P itself is not read.
     *
     * @param raw the raw entry
     * @param hasExecuteDisable whether the format has the XD bit; without it the entry is always
     *     executable
     * @return the rights as {@link MappingAccessRights} bits, READABLE always set
     */
    public static int decode(long raw, boolean hasExecuteDisable) {
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
