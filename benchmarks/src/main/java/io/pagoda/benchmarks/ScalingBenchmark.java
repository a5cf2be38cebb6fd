package io.pagoda.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How the cost per page grows with the size of the work: one range call mapping 1 MiB to 64 GiB of
 * 4 KiB pages on x86_64 into fresh tables. 64 GiB is 16,777,216 pages in 32,768 leaf tables, 128
 * MiB of simulated table memory: it fits (mapping never touches the mapped frames). The score is
 * nanoseconds per call; the summary divides by the pages and compares the dearest size with the
 * cheapest.
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

    @Benchmark
    public void mapPages(Blackhole hole) {
        bench.mapPages(PagingBench.VA, mebibytes * PagingBench.MIB);
        hole.consume(bench.tables);
    }
}
