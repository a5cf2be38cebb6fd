package io.pagoda.paging.export;

import io.pagoda.paging.memory.SparseMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The frames of simulated memory that were written, as runs of consecutive frames. */
public final class WrittenFrames {
    /** The frame size {@link SparseMemory} stores memory in. */
    public static final long FRAME = 4096;

    private WrittenFrames() {}

    /**
     * Runs of consecutive written frames, ascending; empty when nothing was written.
     *
     * @param memory the simulated memory
     * @return the runs of 4 KiB frames
     */
    public static List<FrameRun> runs(SparseMemory memory) {
        return runs(memory, FRAME);
    }

    /**
     * The runs with every written 4 KiB frame widened to the {@code granule} (a power of two, at
     * least 4 KiB) it lies in: a 16 KiB or 64 KiB table of which only the first entries were
     * written is exported whole, so a reader finds every byte of it (the rest reads as zeros, as it
     * does in the simulated memory).
     *
     * @param memory the simulated memory
     * @param granule the frame size to widen to, a power of two of at least 4 KiB
     * @return the runs, each a multiple of {@code granule}
     * @throws IllegalArgumentException when {@code granule} is not a power of two of at least 4 KiB
     */
    public static List<FrameRun> runs(SparseMemory memory, long granule) {
        if (granule < FRAME || Long.bitCount(granule) != 1) {
            throw new IllegalArgumentException(
                    "granule " + granule + " is not a power of two of at least " + FRAME);
        }
        long[] frames =
                Arrays.stream(memory.writtenFrames()).map(f -> f & -granule).distinct().toArray();
        List<FrameRun> runs = new ArrayList<>();
        int i = 0;
        while (i < frames.length) {
            long start = frames[i];
            int j = i + 1;
            while (j < frames.length && frames[j] == frames[j - 1] + granule) {
                j++;
            }
            runs.add(new FrameRun(start, (j - i) * granule));
            i = j;
        }
        return runs;
    }
}
