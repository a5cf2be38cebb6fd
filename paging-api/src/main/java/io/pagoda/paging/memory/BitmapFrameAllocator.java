package io.pagoda.paging.memory;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.FrameOwnershipException;
import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A frame allocator over one contiguous physical range, one bit per frame, next-fit. Not
 * thread-safe on its own: hierarchies and address spaces call it under their lock.
 */
public final class BitmapFrameAllocator implements FrameAllocator {
    private final long base;
    private final long frameSize;
    private final int frameShift;
    private final long frameCount;
    private final long[] bits;
    private long allocated;
    private long cursor;

    /** Where freed frames are zeroed, or null to leave them as they are. */
    private @Nullable PhysicalMemory releasedTo;

    /**
     * An allocator over {@code frameCount} frames from {@code base} on, all free.
     *
     * @param base physical address of the first frame, aligned to {@code frameSize}
     * @param frameCount how many frames the range holds, 1 to 2^36
     * @param frameSize bytes per frame, a power of two (4096, 16384, 65536)
     * @throws IllegalArgumentException when {@code frameSize} is no power of two, {@code base} is
     *     not aligned to it, or {@code frameCount} is outside 1..2^36
     */
    public BitmapFrameAllocator(long base, long frameCount, long frameSize) {
        if (frameSize <= 0 || Long.bitCount(frameSize) != 1) {
            throw new IllegalArgumentException(
                    "frame size " + frameSize + " is not a power of two");
        }
        if ((base & (frameSize - 1)) != 0) {
            throw new IllegalArgumentException(
                    "frame range base "
                            + Hex.of(base)
                            + " is not aligned to the frame size "
                            + Hex.size(frameSize));
        }
        if (frameCount <= 0 || frameCount > (1L << 36)) {
            throw new IllegalArgumentException("frame count " + frameCount + " is outside 1..2^36");
        }
        this.base = base;
        this.frameSize = frameSize;
        this.frameShift = Long.numberOfTrailingZeros(frameSize);
        this.frameCount = frameCount;
        this.bits = new long[(int) ((frameCount + 63) >>> 6)];
    }

    @Override
    public long frameSize() {
        return frameSize;
    }

    /**
     * Where the allocator's range starts.
     *
     * @return the physical address of the range's first frame, aligned to {@link #frameSize()}
     */
    public long base() {
        return base;
    }

    @Override
    public Optional<FrameRange> frameRange() {
        return Optional.of(new FrameRange(base, frameCount() * frameSize()));
    }

    /**
     * How many frames the range holds, allocated or free.
     *
     * @return the number of frames in the range (not bytes)
     */
    public long frameCount() {
        return frameCount;
    }

    @Override
    public long allocate() {
        if (allocated == frameCount) {
            throw new OutOfPhysicalMemoryException(
                    "out of physical memory: all "
                            + frameCount
                            + " frames of "
                            + Hex.size(frameSize)
                            + " from "
                            + Hex.of(base)
                            + " are allocated; free frames or give the allocator a larger range");
        }
        long index = cursor;
        while (true) {
            int word = (int) (index >>> 6);
            long free = ~bits[word];
            free &= -1L << (index & 63);
            if (free != 0) {
                long candidate = ((long) word << 6) + Long.numberOfTrailingZeros(free);
                if (candidate < frameCount) {
                    bits[word] |= 1L << (candidate & 63);
                    allocated++;
                    cursor = candidate + 1 == frameCount ? 0 : candidate + 1;
                    return base + (candidate << frameShift);
                }
            }
            index = ((long) word + 1) << 6;
            if (index >= frameCount) {
                index = 0;
            }
        }
    }

    private long indexOf(long frame, String action) {
        if ((frame & (frameSize - 1)) != 0
                || Long.compareUnsigned(frame, base) < 0
                || Long.compareUnsigned(frame - base, frameCount << frameShift) >= 0) {
            throw new FrameOwnershipException(
                    "cannot "
                            + action
                            + " frame "
                            + Hex.of(frame)
                            + ": it is not a "
                            + Hex.size(frameSize)
                            + " frame of this allocator ("
                            + Hex.of(base)
                            + ".."
                            + Hex.of(base + (frameCount << frameShift) - 1)
                            + ")");
        }
        return (frame - base) >>> frameShift;
    }

    @Override
    public void free(long frame) {
        long index = indexOf(frame, "free");
        int word = (int) (index >>> 6);
        long mask = 1L << (index & 63);
        if ((bits[word] & mask) == 0) {
            throw new FrameOwnershipException(
                    "frame "
                            + Hex.of(frame)
                            + " is freed twice (or was never allocated); "
                            + "free each frame exactly once");
        }
        bits[word] &= ~mask;
        allocated--;
        if (releasedTo != null) {
            releasedTo.zero(frame, frameSize);
        }
    }

    /**
     * Zeroes every frame freed from now on in {@code memory}; null stops it. Read-only memory is
     * never written.
     */
    @Override
    public void releaseFreedFramesTo(@Nullable PhysicalMemory memory) {
        this.releasedTo = memory == null || memory.isReadOnly() ? null : memory;
    }

    @Override
    public boolean isAllocated(long frame) {
        if ((frame & (frameSize - 1)) != 0
                || Long.compareUnsigned(frame, base) < 0
                || Long.compareUnsigned(frame - base, frameCount << frameShift) >= 0) {
            return false;
        }
        long index = (frame - base) >>> frameShift;
        return (bits[(int) (index >>> 6)] & (1L << (index & 63))) != 0;
    }

    @Override
    public long allocatedCount() {
        return allocated;
    }

    @Override
    public long freeCount() {
        return frameCount - allocated;
    }

    @Override
    public long[] allocatedFrames() {
        long[] out = new long[(int) allocated];
        int n = 0;
        for (int word = 0; word < bits.length; word++) {
            long w = bits[word];
            while (w != 0) {
                int bit = Long.numberOfTrailingZeros(w);
                out[n++] = base + ((((long) word << 6) + bit) << frameShift);
                w &= w - 1;
            }
        }
        return out;
    }
}
