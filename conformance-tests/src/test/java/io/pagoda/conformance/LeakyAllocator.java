package io.pagoda.conformance;

import io.pagoda.paging.memory.FrameAllocator;

/** A broken allocator for the kit's self-test: free() forgets to take the frame back. */
final class LeakyAllocator implements FrameAllocator {
    private final FrameAllocator delegate;

    LeakyAllocator(FrameAllocator delegate) {
        this.delegate = delegate;
    }

    @Override
    public long frameSize() {
        return delegate.frameSize();
    }

    @Override
    public long allocate() {
        return delegate.allocate();
    }

    @Override
    public void free(long frame) {
        // the defect: the frame stays allocated
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
