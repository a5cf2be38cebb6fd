package io.pagoda.benchmarks;

import io.pagoda.paging.memory.BitmapFrameAllocator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap the paging model keeps beyond its simulated table memory, measured outside JMH in a JVM of
 * its own (serial collector, so "used after a full collection" is the live bytes): used heap after
 * a collection with the GiB mapped, minus used heap before the hierarchy existed, minus the bytes
 * of the simulated frames (4 KiB each) the tables occupy, minus the frame allocator's bitmap.
 * Prints {@code variant tableBytes extraBytes} for {@link SuiteReport}.
 */
public final class HeapFootprint {
    private static final int FRAME_BYTES = 4096;

    private HeapFootprint() {}

    public static void main(String[] args) {
        for (String variant : args) {
            PagingBench.architecture(variant);
            warmUp(variant);
            long before = usedAfterCollection();
            PagingBench bench = new PagingBench(variant);
            bench.mapPages(PagingBench.VA, PagingBench.GIB);
            long after = usedAfterCollection();
            long tableBytes = (long) bench.memory.touchedFrames() * FRAME_BYTES;
            long extra = after - before - tableBytes - allocatorBytes(bench);
            System.out.println(variant + " " + tableBytes + " " + extra);
            if (bench.tables.translateAddress(PagingBench.VA) != PagingBench.DATA_BASE) {
                throw new IllegalStateException("the GiB is not mapped");
            }
        }
    }

    /**
     * One map first, so classes, code caches and one-off statics are not counted as the
     * hierarchy's.
     */
    private static void warmUp(String variant) {
        new PagingBench(variant).mapPages(PagingBench.VA, 64 * PagingBench.MIB);
    }

    /**
     * The frame allocator's bitmap is sized by the benchmark's frame pool (512 MiB), not by the
     * work, so it is not the model's heap: an identical allocator, measured alone, is subtracted.
     */
    private static long allocatorBytes(PagingBench bench) {
        long before = usedAfterCollection();
        BitmapFrameAllocator twin =
                new BitmapFrameAllocator(
                        bench.frames.base(), bench.frames.frameCount(), bench.frames.frameSize());
        long after = usedAfterCollection();
        return twin.frameCount() > 0 ? after - before : 0;
    }

    private static long usedAfterCollection() {
        MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, heap.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
