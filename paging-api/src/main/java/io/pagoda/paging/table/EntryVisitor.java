package io.pagoda.paging.table;

import io.pagoda.paging.PageState;

/** Told of each leaf or non-present entry a range covers (the seed's {@code for_every_entry}). */
@FunctionalInterface
public interface EntryVisitor {

    /**
     * Receives one piece of the range: a leaf or a non-present entry, clipped to the range.
     *
     * @param virtualAddress first virtual address of the piece inside the requested range
     * @param length bytes of the piece (the entry's span clipped to the range)
     * @param state available, guarded or present
     * @param physicalAddress the physical address of {@code virtualAddress} when present, else -1
     * @param level the level of the entry (0 = top)
     * @param rawEntry the raw entry, for decoding with the format
     */
    void visit(
            long virtualAddress,
            long length,
            PageState state,
            long physicalAddress,
            int level,
            long rawEntry);
}
