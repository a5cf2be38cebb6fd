package io.pagoda.paging.export;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.table.LeafSizePolicy;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a {@link BootLayout}: a virtual range mapped to a physical range (or to the same
 * addresses: identity), or guarded.
 *
 * @param name a label for messages and the manifest ("kernel text"); may be empty
 * @param virtualStart first virtual address, page aligned
 * @param size bytes, a positive multiple of the page size
 * @param physicalStart first physical address; empty for an identity mapping (physical = virtual);
 *     ignored for a guard
 * @param flags rights, memory type, global; null for a guard
 * @param leafSizes which leaf sizes the tables may use
 * @param largestLeaf the largest leaf (block) size allowed, one of the geometry's leaf sizes; 0 for
 *     no cap
 * @param guard whether the range is guarded (reserved, faulting) rather than mapped
 */
public record BootMapping(
        String name,
        long virtualStart,
        long size,
        OptionalLong physicalStart,
        @Nullable MappingFlags flags,
        LeafSizePolicy leafSizes,
        long largestLeaf,
        boolean guard) {
    /**
     * Checks that the parts a mapping needs are given.
     *
     * @param name a label for messages and the manifest
     * @param virtualStart first virtual address
     * @param size bytes
     * @param physicalStart first physical address, empty for identity
     * @param flags rights, memory type, global; null for a guard
     * @param leafSizes which leaf sizes the tables may use
     * @param largestLeaf the largest leaf size allowed, 0 for no cap
     * @param guard whether the range is guarded rather than mapped
     * @throws NullPointerException when {@code name}, {@code physicalStart} or {@code leafSizes} is
     *     null, or {@code flags} is null for a mapping that is not a guard
     */
    public BootMapping {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(physicalStart, "physicalStart");
        Objects.requireNonNull(leafSizes, "leafSizes");
        if (!guard) {
            Objects.requireNonNull(flags, "flags");
        }
    }

    /**
     * Maps {@code [virtualStart, +size)} to {@code [physicalStart, +size)} with the largest leaves
     * that fit.
     *
     * @param name a label for messages and the manifest
     * @param virtualStart first virtual address, page aligned
     * @param physicalStart first physical address, page aligned
     * @param size bytes, a positive multiple of the page size
     * @param flags rights, memory type, global
     * @return the mapping (checked when the layout is built)
     */
    public static BootMapping map(
            String name, long virtualStart, long physicalStart, long size, MappingFlags flags) {
        return new BootMapping(
                name,
                virtualStart,
                size,
                OptionalLong.of(physicalStart),
                flags,
                LeafSizePolicy.LARGEST_FITTING,
                0,
                false);
    }

    /**
     * Maps {@code [start, +size)} to the same physical addresses with the largest leaves that fit.
     *
     * @param name a label for messages and the manifest
     * @param start first address, virtual and physical, page aligned
     * @param size bytes, a positive multiple of the page size
     * @param flags rights, memory type, global
     * @return the mapping (checked when the layout is built)
     */
    public static BootMapping identity(String name, long start, long size, MappingFlags flags) {
        return new BootMapping(
                name,
                start,
                size,
                OptionalLong.empty(),
                flags,
                LeafSizePolicy.LARGEST_FITTING,
                0,
                false);
    }

    /**
     * Guards {@code [virtualStart, +size)}.
     *
     * @param name a label for messages and the manifest
     * @param virtualStart first virtual address, page aligned
     * @param size bytes, a positive multiple of the page size
     * @return the guard (checked when the layout is built)
     */
    public static BootMapping guard(String name, long virtualStart, long size) {
        return new BootMapping(
                name,
                virtualStart,
                size,
                OptionalLong.empty(),
                null,
                LeafSizePolicy.LARGEST_FITTING,
                0,
                true);
    }

    /**
     * The same mapping with leaves no larger than {@code bytes} (the page size: pages only).
     *
     * @param bytes one of the geometry's leaf sizes
     * @return a copy of this mapping with the cap
     */
    public BootMapping withLargestLeaf(long bytes) {
        return new BootMapping(
                name,
                virtualStart,
                size,
                physicalStart,
                flags,
                LeafSizePolicy.LARGEST_FITTING,
                bytes,
                guard);
    }

    /**
     * The same mapping with pages only.
     *
     * @return a copy of this mapping that maps with pages only
     */
    public BootMapping pagesOnly() {
        return new BootMapping(
                name,
                virtualStart,
                size,
                physicalStart,
                flags,
                LeafSizePolicy.PAGES_ONLY,
                0,
                guard);
    }

    /**
     * Whether the physical range is the virtual one.
     *
     * @return true when no physical start was given
     */
    public boolean isIdentity() {
        return physicalStart.isEmpty();
    }

    /**
     * The physical address of {@link #virtualStart} (a guard has none: -1).
     *
     * @return the first physical address, or -1 for a guard
     */
    public long physical() {
        return guard ? -1 : physicalStart.orElse(virtualStart);
    }

    /**
     * The last virtual address, inclusive (so a range ending at 2^64 has one).
     *
     * @return {@code virtualStart + size - 1}
     */
    public long virtualLast() {
        return virtualStart + size - 1;
    }
}
