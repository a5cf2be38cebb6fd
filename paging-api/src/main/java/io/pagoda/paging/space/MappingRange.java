package io.pagoda.paging.space;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A run of an address space that looks the same throughout: adjacent leaves of one size with
 * contiguous physical addresses and equal effective flags, or adjacent guards.
 *
 * @param virtualAddress first address
 * @param length bytes
 * @param physicalAddress the physical address of {@code virtualAddress} when present, else -1
 * @param state present or guarded
 * @param flags the effective flags (rights combined over every level) when present, else null
 * @param pageSize the span of each entry of the run (page or block size)
 * @param level the level of those entries (0 = top)
 */
public record MappingRange(
        long virtualAddress,
        long length,
        long physicalAddress,
        PageState state,
        @Nullable MappingFlags flags,
        long pageSize,
        int level) {

    /**
     * The last address of the run (inclusive).
     *
     * @return {@code virtualAddress + length - 1}
     */
    public long lastAddress() {
        return virtualAddress + length - 1;
    }

    /** Whether {@code next} continues this run. */
    boolean continuedBy(MappingRange next) {
        if (next.state != state
                || next.level != level
                || next.pageSize != pageSize
                || virtualAddress + length != next.virtualAddress) {
            return false;
        }
        if (state != PageState.PRESENT) {
            return true;
        }
        return physicalAddress + length == next.physicalAddress
                && Objects.equals(flags, next.flags);
    }

    MappingRange extendedBy(MappingRange next) {
        return new MappingRange(
                virtualAddress,
                length + next.length,
                physicalAddress,
                state,
                flags,
                pageSize,
                level);
    }

    @Override
    public String toString() {
        return Hex.of(virtualAddress)
                + ".."
                + Hex.of(lastAddress())
                + " "
                + state.name().toLowerCase(Locale.ROOT)
                + (state == PageState.PRESENT ? " -> " + Hex.of(physicalAddress) + " " + flags : "")
                + " ("
                + Hex.size(pageSize)
                + " entries at level "
                + level
                + ")";
    }
}
