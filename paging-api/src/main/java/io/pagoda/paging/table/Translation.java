package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of walking one virtual address.
 *
 * @param virtualAddress the address walked
 * @param state where the walk ended
 * @param physicalAddress the translated address; asked only when {@link #isPresent() present}
 * @param level the level where the walk ended (0 = top)
 * @param size the span of the entry where it ended (the page or block size when present)
 * @param flags the effective flags (rights combined over every level); asked only when present
 */
public record Translation(
        long virtualAddress,
        PageState state,
        long physicalAddress,
        int level,
        long size,
        @Nullable MappingFlags flags) {

    /**
     * Whether the address is mapped: only then has it a physical address and flags.
     *
     * @return true when {@link #state()} is {@link PageState#PRESENT}
     */
    public boolean isPresent() {
        return state == PageState.PRESENT;
    }

    /**
     * The physical address {@code virtualAddress} translates to.
     *
     * @return the translated physical address
     * @throws IllegalStateException when the address is not mapped (check {@link #isPresent()}
     *     first)
     */
    @Override
    public long physicalAddress() {
        requirePresent("physical address");
        return physicalAddress;
    }

    /**
     * The effective flags of the mapping: the leaf's own, restricted by every table above it.
     *
     * @return the effective flags, never null
     * @throws IllegalStateException when the address is not mapped (check {@link #isPresent()}
     *     first)
     */
    @Override
    public MappingFlags flags() {
        requirePresent("flags");
        return Objects.requireNonNull(flags);
    }

    private void requirePresent(String what) {
        if (!isPresent()) {
            throw new IllegalStateException(
                    Hex.of(virtualAddress)
                            + " is "
                            + state.name().toLowerCase(Locale.ROOT)
                            + " at level "
                            + level
                            + " and has no "
                            + what
                            + "; check isPresent() first");
        }
    }

    @Override
    public String toString() {
        return Hex.of(virtualAddress)
                + (isPresent()
                        ? " -> "
                                + Hex.of(physicalAddress)
                                + " ("
                                + Hex.size(size)
                                + " at level "
                                + level
                                + ", "
                                + flags
                                + ")"
                        : " " + state.name().toLowerCase(Locale.ROOT) + " at level " + level);
    }
}
