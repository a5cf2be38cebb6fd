package io.pagoda.paging.cpu;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.FaultType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the hardware walker found for one virtual address: a translation, or a fault with its level.
 *
 * @param virtualAddress the address walked
 * @param physicalAddress the translation; asked only on success
 * @param fault the fault, null on success
 * @param level the level where the walk ended (the leaf's, or the faulting entry's; -1 before any
 *     entry)
 * @param size the leaf's span on success, else the span of the faulting entry (0 before any entry)
 * @param flags the effective flags (rights AND-ed over every level); asked only on success
 * @param global whether the leaf is global
 * @param rootIndex which root translated it
 * @param detail a sentence on why it faulted, or null
 */
public record WalkResult(
        long virtualAddress,
        long physicalAddress,
        @Nullable FaultType fault,
        int level,
        long size,
        @Nullable MappingFlags flags,
        boolean global,
        int rootIndex,
        @Nullable String detail) {

    /**
     * Whether the walk faulted: then it has a {@link #fault()} and no physical address or flags.
     *
     * @return true when {@link #fault()} is not null
     */
    public boolean isFault() {
        return fault != null;
    }

    /**
     * The physical address the walk translated to.
     *
     * @return the physical address of {@link #virtualAddress()}, offset within the page included
     * @throws IllegalStateException when the walk faulted (check {@link #isFault()} first)
     */
    @Override
    public long physicalAddress() {
        requireTranslation("physical address");
        return physicalAddress;
    }

    /**
     * The effective flags of the translation: the leaf's own, restricted by every table above it.
     *
     * @return the effective flags, never null
     * @throws IllegalStateException when the walk faulted (check {@link #isFault()} first)
     */
    @Override
    public MappingFlags flags() {
        requireTranslation("flags");
        return Objects.requireNonNull(flags);
    }

    private void requireTranslation(String what) {
        if (fault != null) {
            throw new IllegalStateException(
                    Hex.of(virtualAddress)
                            + " faulted ("
                            + fault
                            + " at level "
                            + level
                            + ") and has no "
                            + what
                            + "; check isFault() first");
        }
    }

    @Override
    public String toString() {
        if (fault != null) {
            return Hex.of(virtualAddress)
                    + " faults: "
                    + fault
                    + " at level "
                    + level
                    + (detail == null ? "" : " (" + detail + ")");
        }
        return Hex.of(virtualAddress)
                + " -> "
                + Hex.of(physicalAddress)
                + " ("
                + Hex.size(size)
                + ", level "
                + level
                + ", "
                + flags
                + ")";
    }
}
