package io.pagoda.paging.cpu;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.FaultType;

/**
 * What the hardware walker found for one virtual address: a translation, or a fault with its level.
 *
 * @param virtualAddress  the address walked
 * @param physicalAddress the translation, or -1 on a fault
 * @param fault           null on success
 * @param level           the level where the walk ended (the leaf's, or the faulting entry's; -1 before any entry)
 * @param size            the leaf's span on success, else the span of the faulting entry (0 before any entry)
 * @param flags           the effective flags on success (rights AND-ed over every level), else null
 * @param global          whether the leaf is global
 * @param rootIndex       which root translated it
 * @param detail          a sentence on why it faulted, or null
 */
public record WalkResult(long virtualAddress, long physicalAddress, FaultType fault, int level, long size,
                         MappingFlags flags, boolean global, int rootIndex, String detail) {

    public boolean isFault() {
        return fault != null;
    }

    @Override
    public String toString() {
        if (fault != null) {
            return Hex.of(virtualAddress) + " faults: " + fault + " at level " + level + (detail == null ? "" : " (" + detail + ")");
        }
        return Hex.of(virtualAddress) + " -> " + Hex.of(physicalAddress) + " (" + Hex.size(size) + ", level " + level + ", " + flags + ")";
    }
}
