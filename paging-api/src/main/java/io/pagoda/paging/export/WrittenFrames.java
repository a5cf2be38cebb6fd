package io.pagoda.paging.export;

import io.pagoda.paging.memory.SparseMemory;
import java.util.ArrayList;
import java.util.List;

/** The frames of simulated memory that were written, as runs of consecutive frames. */
public final class WrittenFrames {
    /** The frame size {@link SparseMemory} stores memory in. */
    public static final long FRAME = 4096;

    private WrittenFrames() {
    }

    /** Runs of consecutive written frames, ascending; empty when nothing was written. */
    public static List<FrameRun> runs(SparseMemory memory) {
        long[] frames = memory.writtenFrames();
        List<FrameRun> runs = new ArrayList<>();
        int i = 0;
        while (i < frames.length) {
            long start = frames[i];
            int j = i + 1;
            while (j < frames.length && frames[j] == frames[j - 1] + FRAME) {
                j++;
            }
            runs.add(new FrameRun(start, (j - i) * FRAME));
            i = j;
        }
        return runs;
    }
}
