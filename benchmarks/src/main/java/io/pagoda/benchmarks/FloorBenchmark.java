package io.pagoda.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The raw floor: {@code count} longs written into plain {@code long[512]} arrays (4 KiB each, the
 * size of a table), values shaped like leaf entries. A map of {@code count} leaves cannot be
 * cheaper than this on this JVM and machine; the summary divides each map figure by the floor of
 * the same number of longs.
 *
 * <p>Counts: 262,144 (1 GiB of 4 KiB pages), 16,384 (1 GiB of 64 KiB pages), 32,768 (64 GiB of 2
 * MiB blocks), 1,536 (3 GiB of 2 MiB blocks, i386-pae's space) and 128 (64 GiB of 512 MiB blocks).
 * The score is nanoseconds per call; the summary divides by {@code count}.
 */
@State(Scope.Thread)
public class FloorBenchmark extends SuiteDefaults {
    private static final int WIDTH = 512;

    @Param({"262144", "16384", "32768", "1536", "128"})
    public int count;

    private long[][] arrays;

    @Setup
    public void arrays() {
        arrays = new long[(count + WIDTH - 1) / WIDTH][WIDTH];
    }

    @Benchmark
    public long[][] writeLongs() {
        long value = PagingBench.DATA_BASE | 0x63;
        int left = count;
        for (long[] array : arrays) {
            int n = Math.min(WIDTH, left);
            for (int i = 0; i < n; i++) {
                array[i] = value;
                value += 4096;
            }
            left -= n;
        }
        return arrays;
    }
}
