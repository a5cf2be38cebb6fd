package io.pagoda.paging.export;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.table.LeafSizePolicy;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a {@link BootLayout}: a virtual range mapped to a physical range (or to the same addresses:
 * identity), or guarded.
 *
 * @param name          a label for messages and the manifest ("kernel text"); may be empty
 * @param virtualStart  first virtual address, page aligned
 * @param size          bytes, a positive multiple of the page size
 * @param physicalStart first physical address; empty for an identity mapping (physical = virtual); ignored for a guard
 * @param flags         rights, memory type, global; null for a guard
 * @param leafSizes     which leaf sizes the tables may use
 * @param largestLeaf   the largest leaf (block) size allowed, one of the geometry's leaf sizes; 0 for no cap
 * @param guard         whether the range is guarded (reserved, faulting) rather than mapped
 */
public record BootMapping(String name, long virtualStart, long size, OptionalLong physicalStart, @Nullable MappingFlags flags,
                          LeafSizePolicy leafSizes, long largestLeaf, boolean guard) {
    public BootMapping {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(physicalStart, "physicalStart");
        Objects.requireNonNull(leafSizes, "leafSizes");
        if (!guard) {
            Objects.requireNonNull(flags, "flags");
        }
    }

    /** Maps {@code [virtualStart, +size)} to {@code [physicalStart, +size)} with the largest leaves that fit. */
    public static BootMapping map(String name, long virtualStart, long physicalStart, long size, MappingFlags flags) {
        return new BootMapping(name, virtualStart, size, OptionalLong.of(physicalStart), flags, LeafSizePolicy.LARGEST_FITTING, 0, false);
    }

    /** Maps {@code [start, +size)} to the same physical addresses with the largest leaves that fit. */
    public static BootMapping identity(String name, long start, long size, MappingFlags flags) {
        return new BootMapping(name, start, size, OptionalLong.empty(), flags, LeafSizePolicy.LARGEST_FITTING, 0, false);
    }

    /** Guards {@code [virtualStart, +size)}. */
    public static BootMapping guard(String name, long virtualStart, long size) {
        return new BootMapping(name, virtualStart, size, OptionalLong.empty(), null, LeafSizePolicy.LARGEST_FITTING, 0, true);
    }

    /** The same mapping with leaves no larger than {@code bytes} (the page size: pages only). */
    public BootMapping withLargestLeaf(long bytes) {
        return new BootMapping(name, virtualStart, size, physicalStart, flags, LeafSizePolicy.LARGEST_FITTING, bytes, guard);
    }

    /** The same mapping with pages only. */
    public BootMapping pagesOnly() {
        return new BootMapping(name, virtualStart, size, physicalStart, flags, LeafSizePolicy.PAGES_ONLY, 0, guard);
    }

    /** Whether the physical range is the virtual one. */
    public boolean isIdentity() {
        return physicalStart.isEmpty();
    }

    /** The physical address of {@link #virtualStart} (a guard has none: -1). */
    public long physical() {
        return guard ? -1 : physicalStart.orElse(virtualStart);
    }

    /** The last virtual address, inclusive (so a range ending at 2^64 has one). */
    public long virtualLast() {
        return virtualStart + size - 1;
    }
}
