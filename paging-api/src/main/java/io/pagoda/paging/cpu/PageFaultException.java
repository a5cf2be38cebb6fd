package io.pagoda.paging.cpu;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.spi.FaultType;
import org.jspecify.annotations.Nullable;

/**
 * The simulated CPU's page fault: what the hardware would raise for an access, with the level of the
 * entry that stopped the walk (-1 when no entry was read: non-canonical address, root load).
 */
public class PageFaultException extends PagingException {
    private static final long serialVersionUID = 1L;

    private final FaultType faultType;
    private final int level;
    private final long address;
    private final Access access;
    private final boolean user;

    public PageFaultException(FaultType faultType, int level, long address, Access access, boolean user, @Nullable String detail) {
        super((user ? "user " : "supervisor ") + access.name().toLowerCase(java.util.Locale.ROOT) + " of " + Hex.of(address)
                + " faults: " + faultType + (level >= 0 ? " at level " + level : "") + (detail == null ? "" : " (" + detail + ")")
                + "; map the address with the needed rights or fix the entry");
        this.faultType = faultType;
        this.level = level;
        this.address = address;
        this.access = access;
        this.user = user;
    }

    public FaultType faultType() {
        return faultType;
    }

    /** The level of the entry that stopped the walk, or -1. */
    public int level() {
        return level;
    }

    public long address() {
        return address;
    }

    public Access access() {
        return access;
    }

    public boolean user() {
        return user;
    }
}
