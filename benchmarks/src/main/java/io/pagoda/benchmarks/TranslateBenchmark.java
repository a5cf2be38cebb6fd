package io.pagoda.benchmarks;

import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds to translate a random address of the mapped GiB of pages through a full walk from the
 * root (no TLB), against the same lookups as a chain of dependent array reads of the same depth
 * over the same tree ({@link DependentReadChain}). Both run the same loop over the same 4,096
 * random addresses.
 */
@State(Scope.Thread)
public class TranslateBenchmark extends SuiteDefaults {
    static final int SAMPLES = 4096;

    @Param({"x86_64", "x86_64-la57", "i386-pae", "aarch64-4k-48", "aarch64-64k-42"})
    public String variant;

    private PagingBench bench;
    private DependentReadChain chain;
    private long[] addresses;

    @Setup
    public void mappedGiB() {
        bench = new PagingBench(variant);
        bench.mapPages(PagingBench.VA, PagingBench.GIB);
        chain =
                new DependentReadChain(
                        bench.geometry, PagingBench.VA, PagingBench.GIB, PagingBench.DATA_BASE);
        SplittableRandom random = new SplittableRandom(42);
        addresses = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            addresses[i] = PagingBench.VA + random.nextLong(PagingBench.GIB);
            long expected = PagingBench.DATA_BASE + (addresses[i] - PagingBench.VA);
            if (bench.tables.translateAddress(addresses[i]) != expected
                    || chain.lookup(addresses[i]) != expected) {
                throw new IllegalStateException(
                        "the benchmark's tables do not translate "
                                + Long.toHexString(addresses[i]));
            }
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
    public long dependentReadChain() {
        long sum = 0;
        for (long va : addresses) {
            sum += chain.lookup(va);
        }
        return sum;
    }
}
