package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;

/**
 * The result of walking one virtual address.
 *
 * @param virtualAddress  the address walked
 * @param state           where the walk ended
 * @param physicalAddress the translated address when present, else -1
 * @param level           the level where the walk ended (0 = top)
 * @param size            the span of the entry where it ended (the page or block size when present)
 * @param flags           the effective flags when present (rights combined over every level), else null
 */
public record Translation(long virtualAddress, PageState state, long physicalAddress, int level, long size,
                          MappingFlags flags) {

    public boolean isPresent() {
        return state == PageState.PRESENT;
    }

    @Override
    public String toString() {
        return Hex.of(virtualAddress) + (isPresent()
                ? " -> " + Hex.of(physicalAddress) + " (" + Hex.size(size) + " at level " + level + ", " + flags + ")"
                : " " + state.name().toLowerCase(java.util.Locale.ROOT) + " at level " + level);
    }
}
