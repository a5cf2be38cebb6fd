package io.pagoda.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds to translate a random mapped address of 64 MiB of 4 KiB pages on x86_64 (a 4-level walk
 * over simulated memory). The baseline looks the same pages up in a flat array, the cheapest possible
 * translation, so the ratio is the cost of walking real table memory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TranslateBenchmark {
    static final long PAGES = 16384;
    static final long VA = 0x7F00_0000_0000L;
    static final int SAMPLES = 1024;

    private PagingBench bench;
    private long[] flat;
    private long[] addresses;

    @Setup
    public void mapped() {
        bench = new PagingBench("x86_64");
        bench.mapRange(VA, PAGES);
        flat = new long[(int) PAGES];
        for (int i = 0; i < PAGES; i++) {
            flat[i] = 0x4000_0000L + i * PagingBench.PAGE;
        }
        SplittableRandom random = new SplittableRandom(42);
        addresses = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            addresses[i] = VA + random.nextLong(PAGES * PagingBench.PAGE);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long translateRandom() {
        long sum = 0;
        for (long va : addresses) {
            sum += bench.tables.translateAddress(va);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long flatArrayBaseline() {
        long sum = 0;
        for (long va : addresses) {
            long offset = va - VA;
            sum += flat[(int) (offset >>> 12)] + (offset & 0xFFF);
        }
        return sum;
    }
}
