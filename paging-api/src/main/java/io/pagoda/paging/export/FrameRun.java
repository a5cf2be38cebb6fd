package io.pagoda.paging.export;

/**
 * A stretch of consecutive written frames: one {@code PT_LOAD} segment of an exported core.
 *
 * @param physicalStart the first frame's physical address
 * @param length bytes, a multiple of the frame size
 */
public record FrameRun(long physicalStart, long length) {
    /**
     * The first physical address after the run.
     *
     * @return {@code physicalStart + length}
     */
    public long physicalEnd() {
        return physicalStart + length;
    }
}
