package io.pagoda.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Maps 64 GiB as the smallest blocks in one range call into fresh tables: 32,768 blocks of 2 MiB;
 * on aarch64-64k-42 128 blocks of 512 MiB (its smallest block); on i386-pae, whose whole space is 4
 * GiB, the 3 GiB above {@link PagingBench#VA} (1,536 blocks). The score is nanoseconds per call;
 * the summary divides by the blocks.
 */
@State(Scope.Thread)
public class MapBlocksBenchmark extends SuiteDefaults {
    @Param({"x86_64", "x86_64-la57", "i386-pae", "aarch64-4k-48", "aarch64-64k-42"})
    public String variant;

    private PagingBench bench;

    @Setup(Level.Invocation)
    public void freshTables() {
        bench = new PagingBench(variant);
    }

    @Benchmark
    public void mapBlocks(Blackhole hole) {
        bench.mapSmallestBlocks(PagingBench.VA, bench.blockWorkBytes());
        hole.consume(bench.tables);
    }
}
