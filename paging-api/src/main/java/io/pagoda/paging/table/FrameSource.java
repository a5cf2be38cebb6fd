package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.InvalidRangeException;
import java.util.PrimitiveIterator;

/**
 * Where a map operation takes its frames, as primitive longs (no boxing): a contiguous physical range,
 * which may also back block mappings, or an iterator of single frames (the seed's frame iterator).
 */
public interface FrameSource {

    /** Whether a leaf of {@code size} bytes may be placed at byte {@code offset} of the mapping (always true for pages). */
    boolean canSupplyLeaf(long offset, long size);

    /** The frame for the leaf at byte {@code offset} of the mapping; called in ascending offset order. */
    long frameFor(long offset, long size);

    /** Whether {@link #frameFor} is a pure function that can be checked before anything is written. */
    boolean isPredictable();

    /** Physical memory {@code [base, base + length)} mapped in order; blocks where both sides align. */
    static FrameSource contiguous(long base) {
        return new ContiguousFrames(base);
    }

    /** Single pages from an iterator, in order; running dry before the range is mapped is an error. */
    static FrameSource pages(PrimitiveIterator.OfLong frames, long pageSize) {
        return new FrameSource() {
            private long supplied;

            @Override
            public boolean canSupplyLeaf(long offset, long size) {
                return size == pageSize;
            }

            @Override
            public long frameFor(long offset, long size) {
                if (!frames.hasNext()) {
                    throw new InvalidRangeException("the frame source ran dry after " + supplied
                            + " frames, at offset " + Hex.of(offset) + " of the mapping; supply one frame per page");
                }
                supplied++;
                return frames.nextLong();
            }

            @Override
            public boolean isPredictable() {
                return false;
            }
        };
    }

    /** Single pages from an array, in order. */
    static FrameSource pages(long[] frames, long pageSize) {
        return new FrameSource() {
            @Override
            public boolean canSupplyLeaf(long offset, long size) {
                return size == pageSize;
            }

            @Override
            public long frameFor(long offset, long size) {
                long index = offset / pageSize;
                if (index >= frames.length) {
                    throw new InvalidRangeException("the frame array holds " + frames.length
                            + " frames but the mapping needs more; supply one frame per page");
                }
                return frames[(int) index];
            }

            @Override
            public boolean isPredictable() {
                return true;
            }
        };
    }
}
