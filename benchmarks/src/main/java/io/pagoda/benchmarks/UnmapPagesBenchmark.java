package io.pagoda.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Unmaps the GiB of pages {@link MapPagesBenchmark} maps, in one range call; mapped in an untimed
 * setup. The score is nanoseconds per call; the summary divides by the pages.
 */
@State(Scope.Thread)
public class UnmapPagesBenchmark extends SuiteDefaults {
    @Param({"x86_64", "x86_64-la57", "i386-pae", "aarch64-4k-48", "aarch64-64k-42"})
    public String variant;

    private PagingBench bench;

    @Setup(Level.Invocation)
    public void mappedGiB() {
        bench = new PagingBench(variant);
        bench.mapPages(PagingBench.VA, PagingBench.GIB);
    }

    @Benchmark
    public void unmapGiB(Blackhole hole) {
        bench.unmap(PagingBench.VA, PagingBench.GIB);
        hole.consume(bench.tables);
    }
}
