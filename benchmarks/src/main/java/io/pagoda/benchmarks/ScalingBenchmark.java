package io.pagoda.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How the cost per page grows with the size of the work: range calls mapping 1 MiB to 64 GiB of 4
 * KiB pages on x86_64, each into fresh tables. 64 GiB is 16,777,216 pages in 32,768 leaf tables,
 * 128 MiB of simulated table memory: it fits (mapping never touches the mapped frames).
 *
 * <p>A call of the small sizes takes microseconds, too short for a set-up per invocation (JMH's own
 * time-keeping around it would be measured, the JMH guide warns), so an invocation makes {@link
 * #ranges} calls, each 512 GiB (one top-level entry) from the last, so that every call still
 * creates all its tables below the root. The score is nanoseconds per invocation; the summary
 * divides by the pages of all its calls and compares the dearest size with the cheapest.
 */
@State(Scope.Thread)
public class ScalingBenchmark extends SuiteDefaults {
    static final String VARIANT = "x86_64";

    @Param({"1", "32", "1024", "8192", "65536"})
    public long mebibytes;

    private PagingBench bench;

    @Setup(Level.Invocation)
    public void freshTables() {
        bench = new PagingBench(VARIANT);
    }

    /** The distance between calls of one invocation: a top-level entry of x86-64. */
    static final long CALL_STRIDE = 512 * PagingBench.GIB;

    /**
     * Calls per invocation for {@code mebibytes}: enough that an invocation maps about 1 GiB, at
     * most 64 (the lower half has 256 top-level entries).
     *
     * @param mebibytes the size of one call
     * @return 64 for 1 MiB, 32 for 32 MiB, 1 from 1 GiB on
     */
    static int ranges(long mebibytes) {
        return (int) Math.max(1, Math.min(64, 1024 / mebibytes));
    }

    @Benchmark
    public void mapPages(Blackhole hole) {
        long bytes = mebibytes * PagingBench.MIB;
        int calls = ranges(mebibytes);
        for (int call = 0; call < calls; call++) {
            bench.mapPages(PagingBench.VA + call * CALL_STRIDE, bytes);
        }
        hole.consume(bench.tables);
    }
}
