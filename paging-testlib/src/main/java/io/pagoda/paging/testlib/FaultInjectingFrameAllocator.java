package io.pagoda.paging.testlib;

import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.memory.FrameRange;
import io.pagoda.paging.memory.PhysicalMemory;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Wraps an allocator and fails the n-th allocation from now, to prove operations all-or-nothing
 * under allocation failure at every point. Also counts allocations, so a test can learn how many
 * points there are.
 */
public final class FaultInjectingFrameAllocator implements FrameAllocator {
    private final FrameAllocator delegate;
    private long allocations;
    private long failAt = -1;

    /**
     * Wraps {@code delegate}, disarmed: every allocation goes through until {@link #failAllocation}
     * is called.
     *
     * @param delegate the allocator that serves every allocation not made to fail
     */
    public FaultInjectingFrameAllocator(FrameAllocator delegate) {
        this.delegate = delegate;
    }

    /**
     * Makes the allocation with zero-based number {@code n}, counted from now, throw {@link
     * OutOfPhysicalMemoryException} (without reaching the delegate); the count restarts at zero.
     *
     * @param n the number of allocations to let through before the one that fails
     */
    public void failAllocation(long n) {
        allocations = 0;
        failAt = n;
    }

    /** Stops injecting failures and resets the count. */
    public void disarm() {
        allocations = 0;
        failAt = -1;
    }

    /**
     * Allocations attempted since the last {@link #failAllocation} or {@link #disarm}.
     *
     * @return the count, the failed allocation included
     */
    public long allocationsAttempted() {
        return allocations;
    }

    @Override
    public long allocate() {
        long number = allocations++;
        if (number == failAt) {
            throw new OutOfPhysicalMemoryException(
                    "out of physical memory (injected failure at allocation #" + number + ")");
        }
        return delegate.allocate();
    }

    @Override
    public long frameSize() {
        return delegate.frameSize();
    }

    @Override
    public void free(long frame) {
        delegate.free(frame);
    }

    @Override
    public void releaseFreedFramesTo(@Nullable PhysicalMemory memory) {
        delegate.releaseFreedFramesTo(memory);
    }

    @Override
    public Optional<FrameRange> frameRange() {
        return delegate.frameRange();
    }

    @Override
    public boolean isAllocated(long frame) {
        return delegate.isAllocated(frame);
    }

    @Override
    public long allocatedCount() {
        return delegate.allocatedCount();
    }

    @Override
    public long freeCount() {
        return delegate.freeCount();
    }

    @Override
    public long[] allocatedFrames() {
        return delegate.allocatedFrames();
    }
}
