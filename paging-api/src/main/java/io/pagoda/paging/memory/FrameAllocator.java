package io.pagoda.paging.memory;

/**
 * Hands out physical frames of one size (the architecture's table and page granule). Exhaustion is an
 * {@link io.pagoda.paging.OutOfPhysicalMemoryException}; freeing a frame twice, or one it never handed
 * out, is a {@link io.pagoda.paging.FrameOwnershipException}. Frames are not zeroed: whoever uses a
 * frame as a table zeroes it.
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
}
