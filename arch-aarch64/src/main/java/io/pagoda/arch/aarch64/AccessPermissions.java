package io.pagoda.arch.aarch64;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryFormat;

/**
 * How the seed's four rights map onto AP[2:1], PXN and UXN, and the table-level limits.
 *
 * <p>Leaves: every valid page is readable at EL1, so READABLE is required (write-only and
 * execute-only requests are refused). WRITABLE clears AP[2]; USER_ACCESSIBLE sets AP[1]. EXECUTABLE
 * means "executable by the page's owner": a user page gets UXN=0, PXN=1; a kernel page PXN=0,
 * UXN=1; a non-executable page both. The hardware rule that EL1 never executes memory EL0 can write
 * holds by construction: a user page is always PXN here, and decoding never reports EL1 execution
 * of a user page (its PXN is not read), so no request in the four-bit model can need EL1 execution
 * of EL0-writable memory. A kernel page's UXN is not read either (EL0 execute-only kernel memory,
 * AP[1]=0 with UXN=0, has no four-bit name).
 *
 * <p>Tables: APTable[0] removes USER_ACCESSIBLE, APTable[1] removes WRITABLE. The model's limit is
 * a plain mask AND-ed over the walk and does not know whether the leaf below is a user or a kernel
 * page, while UXNTable only matters for user pages and PXNTable only for kernel pages. Either bit
 * therefore removes EXECUTABLE: exact when both agree (as Linux and this encoder write them),
 * conservative (never more rights than the hardware grants the owner) when only one is set.
 */
final class AccessPermissions {
    private AccessPermissions() {}

    /**
     * AP and XN bits for {@code rights}; the format and level only name the place in the message.
     */
    static long encode(MappingAccessRights rights, DescriptorFormat format, int level) {
        if (!rights.isReadable()) {
            throw new RightsNotExpressibleException(
                    "AArch64 cannot express rights "
                            + rights
                            + " at "
                            + format.where(level)
                            + ": every valid descriptor is readable at EL1 (AP[2:1] has no write-only or execute-only kernel form); "
                            + "add READABLE to the rights");
        }
        long bits = rights.isWritable() ? 0 : Descriptor.AP_READ_ONLY;
        boolean user = rights.isUserAccessible();
        if (user) {
            bits |= Descriptor.AP_EL0;
        }
        if (!rights.isExecutable()) {
            bits |= Descriptor.PXN | Descriptor.UXN;
        } else {
            // the owner executes; the other exception level never does (EL1 must not run
            // EL0-writable code)
            bits |= user ? Descriptor.PXN : Descriptor.UXN;
        }
        return bits;
    }

    /** The rights bits a leaf grants by itself. */
    static int decode(long raw) {
        int bits = MappingAccessRights.READABLE_BIT;
        if ((raw & Descriptor.AP_READ_ONLY) == 0) {
            bits |= MappingAccessRights.WRITABLE_BIT;
        }
        if ((raw & Descriptor.AP_EL0) != 0) {
            bits |= MappingAccessRights.USER_ACCESSIBLE_BIT;
            if ((raw & Descriptor.UXN) == 0) {
                bits |= MappingAccessRights.EXECUTABLE_BIT;
            }
        } else if ((raw & Descriptor.PXN) == 0) {
            bits |= MappingAccessRights.EXECUTABLE_BIT;
        }
        return bits;
    }

    /** Limit bit: a table above allows execution by EL0 (no UXNTable). */
    static final int USER_EXECUTE_ALLOWED = 1 << 4;

    /** Limit bit: a table above allows execution by EL1 (no PXNTable). */
    static final int KERNEL_EXECUTE_ALLOWED = 1 << 5;

    /**
     * What a table descriptor leaves to everything below it: APTable[0] removes EL0 access,
     * APTable[1] write, UXNTable execution by EL0 only and PXNTable execution by EL1 only (the
     * latter two as separate limit bits, applied by {@link #combine}).
     */
    static int tableLimit(long raw) {
        int limit = EntryFormat.NO_RESTRICTION;
        if ((raw & Descriptor.AP_TABLE_NO_EL0) != 0) {
            limit &= ~MappingAccessRights.USER_ACCESSIBLE_BIT;
        }
        if ((raw & Descriptor.AP_TABLE_READ_ONLY) != 0) {
            limit &= ~MappingAccessRights.WRITABLE_BIT;
        }
        if ((raw & Descriptor.UXN_TABLE) != 0) {
            limit &= ~USER_EXECUTE_ALLOWED;
        }
        if ((raw & Descriptor.PXN_TABLE) != 0) {
            limit &= ~KERNEL_EXECUTE_ALLOWED;
        }
        return limit;
    }

    /**
     * A leaf's rights under its tables' limit: EXECUTABLE survives only if the table allows it for
     * the leaf's level of privilege.
     */
    static int combine(int leafRights, int limit) {
        boolean user = (leafRights & MappingAccessRights.USER_ACCESSIBLE_BIT) != 0;
        int rights = leafRights & limit & MappingAccessRights.ALL_BITS;
        if ((limit & (user ? USER_EXECUTE_ALLOWED : KERNEL_EXECUTE_ALLOWED)) == 0) {
            rights &= ~MappingAccessRights.EXECUTABLE_BIT;
        }
        return rights;
    }
}
