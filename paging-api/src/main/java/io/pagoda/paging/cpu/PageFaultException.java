package io.pagoda.paging.cpu;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.spi.FaultType;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The simulated CPU's page fault: what the hardware would raise for an access, with the level of
 * the entry that stopped the walk (-1 when no entry was read: non-canonical address, root load).
 */
public class PageFaultException extends PagingException {
    private static final long serialVersionUID = 1L;

    /** What the hardware would report. */
    private final FaultType faultType;

    /** The level (0 = top) of the entry that stopped the walk, or -1 when no entry was read. */
    private final int level;

    /** The address whose access faulted. */
    private final long address;

    /** The kind of access that faulted. */
    private final Access access;

    /** Whether the access was made in user mode. */
    private final boolean user;

    /**
     * A fault with a message naming the access, the address, the fault and its level.
     *
     * @param faultType what the hardware would report
     * @param level the level (0 = top) of the entry that stopped the walk, or -1 when no entry was
     *     read
     * @param address the virtual address accessed (for a root load, the root table's physical
     *     address)
     * @param access the kind of access that faulted
     * @param user whether the access was made in user mode
     * @param detail a phrase on why it faulted, added to the message; null for none
     */
    public PageFaultException(
            FaultType faultType,
            int level,
            long address,
            Access access,
            boolean user,
            @Nullable String detail) {
        super(
                (user ? "user " : "supervisor ")
                        + access.name().toLowerCase(Locale.ROOT)
                        + " of "
                        + Hex.of(address)
                        + " faults: "
                        + faultType
                        + (level >= 0 ? " at level " + level : "")
                        + (detail == null ? "" : " (" + detail + ")")
                        + "; map the address with the needed rights or fix the entry");
        this.faultType = faultType;
        this.level = level;
        this.address = address;
        this.access = access;
        this.user = user;
    }

    /**
     * What the hardware would report.
     *
     * @return the fault's type
     */
    public FaultType faultType() {
        return faultType;
    }

    /**
     * The level of the entry that stopped the walk, or -1.
     *
     * @return the level (0 = top), or -1 when no entry was read (non-canonical address, root load)
     */
    public int level() {
        return level;
    }

    /**
     * The address whose access faulted.
     *
     * @return the virtual address (for a root load, the root table's physical address)
     */
    public long address() {
        return address;
    }

    /**
     * The kind of access that faulted.
     *
     * @return read, write or execute
     */
    public Access access() {
        return access;
    }

    /**
     * Whether the access was made in user mode.
     *
     * @return true for a user access, false for a supervisor (kernel) one
     */
    public boolean user() {
        return user;
    }
}
