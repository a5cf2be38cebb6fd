package io.pagoda.paging.table;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import org.jspecify.annotations.Nullable;

/**
 * Told of each leaf or guard a range covers, with the leaf's effective flags (rights combined over
 * every level).
 */
@FunctionalInterface
public interface MappingVisitor {

    /**
     * Receives one piece of the range: a leaf with its effective flags, or a guard.
     *
     * @param virtualAddress first virtual address of the piece inside the requested range
     * @param length bytes of the piece (the entry's span clipped to the range)
     * @param state guarded or present
     * @param physicalAddress the physical address of {@code virtualAddress} when present, else -1
     * @param level the level of the entry (0 = top)
     * @param flags the effective flags when present, else null
     */
    void visit(
            long virtualAddress,
            long length,
            PageState state,
            long physicalAddress,
            int level,
            @Nullable MappingFlags flags);
}
