package io.pagoda.paging.memory;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Hands out physical frames of one size (the architecture's table and page granule). Exhaustion is
 * an {@link io.pagoda.paging.error.OutOfPhysicalMemoryException}; freeing a frame twice, or one it
 * never handed out, is a {@link io.pagoda.paging.error.FrameOwnershipException}. Frames are not
 * zeroed on allocation: whoever uses a frame as a table zeroes it. An allocator told to {@link
 * #releaseFreedFramesTo give freed frames back} zeroes each one as it is freed, so a sparse memory
 * drops its storage and the next owner finds nothing of the last.
 */
public interface FrameAllocator {

    /**
     * The size of every frame this allocator hands out.
     *
     * @return the frame size in bytes, a power of two (4096, 16384 or 65536 for the bundled
     *     architectures)
     */
    long frameSize();

    /**
     * Takes a free frame. Its contents are whatever the memory holds there: the caller zeroes it if
     * it needs zeros.
     *
     * @return the physical address of the frame, aligned to {@link #frameSize()}, now counted as
     *     allocated
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when no frame is free
     */
    long allocate();

    /**
     * Gives an allocated frame back; it may be handed out again by a later {@link #allocate()}.
     *
     * @param frame the physical address {@link #allocate()} returned for the frame
     * @throws io.pagoda.paging.error.FrameOwnershipException when the frame is not allocated (freed
     *     twice) or is no frame of this allocator (outside its range or misaligned); nothing is
     *     freed then
     */
    void free(long frame);

    /**
     * Whether a frame is currently handed out by this allocator.
     *
     * @param frame a physical address
     * @return true when {@code frame} is a frame of this allocator that is allocated and not freed
     *     since; false for a free frame and for any address that is no frame of this allocator
     */
    boolean isAllocated(long frame);

    /**
     * How many frames are handed out now.
     *
     * @return the number of allocated frames (not bytes)
     */
    long allocatedCount();

    /**
     * How many frames are left to hand out.
     *
     * @return the number of free frames (not bytes)
     */
    long freeCount();

    /**
     * The allocated frames in ascending order, for before/after comparisons.
     *
     * @return a new array of the allocated frames' physical addresses, ascending; its length is
     *     {@link #allocatedCount()}
     */
    long[] allocatedFrames();

    /**
     * From now on, zero every freed frame in {@code memory} (a {@link SparseMemory} then stores it
     * no more), so a machine that keeps creating and closing address spaces keeps its simulated
     * memory flat. Allocators that cannot do so ignore it.
     *
     * @param memory the memory the frames live in; null stops the zeroing
     */
    default void releaseFreedFramesTo(@Nullable PhysicalMemory memory) {}

    /**
     * The one physical range every frame comes from, when the allocator manages one (a machine's
     * direct map then covers it unless told otherwise); empty for an allocator that cannot say.
     *
     * @return the range the frames come from, or empty when the allocator does not manage one range
     */
    default Optional<FrameRange> frameRange() {
        return Optional.empty();
    }
}
