package io.pagoda.paging.table;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.InvalidRangeException;
import java.util.PrimitiveIterator;

/**
 * Where a map operation takes its frames, as primitive longs (no boxing): a contiguous physical
 * range, which may also back block mappings, or an iterator of single frames (the seed's frame
 * iterator).
 */
public interface FrameSource {

    /**
     * Whether a leaf of {@code size} bytes may be placed at byte {@code offset} of the mapping
     * (always true for pages).
     *
     * @param offset the leaf's offset from the mapping's first virtual address, in bytes
     * @param size the leaf's span in bytes (a page or block size)
     * @return true when the source can back such a leaf with one frame aligned to {@code size}
     */
    boolean canSupplyLeaf(long offset, long size);

    /**
     * The frame for the leaf at byte {@code offset} of the mapping; called in ascending offset
     * order.
     *
     * @param offset the leaf's offset from the mapping's first virtual address, in bytes
     * @param size the leaf's span in bytes, one {@link #canSupplyLeaf} accepted
     * @return the physical address of the leaf's frame
     * @throws io.pagoda.paging.error.InvalidRangeException when the source has no frame left for
     *     the leaf
     */
    long frameFor(long offset, long size);

    /**
     * Whether {@link #frameFor} is a pure function that can be checked before anything is written.
     *
     * @return true when the same offset always gives the same frame and asking changes nothing
     */
    boolean isPredictable();

    /**
     * Physical memory {@code [base, base + length)} mapped in order; blocks where both sides align.
     *
     * @param base the physical address mapped at the mapping's first virtual address
     * @return a predictable source handing out {@code base + offset}
     */
    static FrameSource contiguous(long base) {
        return new ContiguousFrames(base);
    }

    /**
     * Single pages from an iterator, in order; running dry before the range is mapped is an error.
     *
     * @param frames the frames' physical addresses, one per page in address order
     * @param pageSize the page size in bytes: the only leaf size the source supplies
     * @return a source that is not predictable (it consumes the iterator)
     */
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
                    throw new InvalidRangeException(
                            "the frame source ran dry after "
                                    + supplied
                                    + " frames, at offset "
                                    + Hex.of(offset)
                                    + " of the mapping; supply one frame per page");
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

    /**
     * Single pages from an array, in order.
     *
     * @param frames the frames' physical addresses, one per page in address order
     * @param pageSize the page size in bytes: the only leaf size the source supplies
     * @return a predictable source; asking past the array's end is an {@link
     *     io.pagoda.paging.error.InvalidRangeException}
     */
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
                    throw new InvalidRangeException(
                            "the frame array holds "
                                    + frames.length
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
