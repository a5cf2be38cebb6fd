package io.pagoda.paging.memory;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Hands out physical frames of one size (the architecture's table and page granule). Exhaustion is an
 * {@link io.pagoda.paging.error.OutOfPhysicalMemoryException}; freeing a frame twice, or one it never handed
 * out, is a {@link io.pagoda.paging.error.FrameOwnershipException}. Frames are not zeroed on allocation: whoever uses
 * a frame as a table zeroes it. An allocator told to {@link #releaseFreedFramesTo give freed frames back} zeroes
 * each one as it is freed, so a sparse memory drops its storage and the next owner finds nothing of the last.
 */
public interface FrameAllocator {

    long frameSize();

    /** A free frame's physical address, now allocated. */
    long allocate();

    void free(long frame);

    boolean isAllocated(long frame);

    long allocatedCount();

    long freeCount();

    /** The allocated frames in ascending order, for before/after comparisons. */
    long[] allocatedFrames();

    /**
     * From now on, zero every freed frame in {@code memory} (a {@link SparseMemory} then stores it no more), so
     * a machine that keeps creating and closing address spaces keeps its simulated memory flat. Allocators
     * that cannot do so ignore it.
     */
    default void releaseFreedFramesTo(@Nullable PhysicalMemory memory) {
    }

    /**
     * The one physical range every frame comes from, when the allocator manages one (a machine's direct map then
     * covers it unless told otherwise); empty for an allocator that cannot say.
     */
    default Optional<FrameRange> frameRange() {
        return Optional.empty();
    }
}
