package io.pagoda.paging.table;

/**
 * Physical memory from {@code base} on, mapped in order: what {@link FrameSource#contiguous} hands
 * out. A map knows this source by its type and takes its frames by arithmetic, checking the whole
 * run once instead of page by page.
 */
record ContiguousFrames(long base) implements FrameSource {

    @Override
    public boolean canSupplyLeaf(long offset, long size) {
        return ((base + offset) & (size - 1)) == 0;
    }

    @Override
    public long frameFor(long offset, long size) {
        return base + offset;
    }

    @Override
    public boolean isPredictable() {
        return true;
    }
}
