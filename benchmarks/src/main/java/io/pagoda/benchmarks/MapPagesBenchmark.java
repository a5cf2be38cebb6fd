package io.pagoda.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Maps 1 GiB of pages (262,144 of 4 KiB; 16,384 of 64 KiB on aarch64-64k-42) in one range call from
 * a contiguous frame source into fresh tables (only the root exists; creating the tables is part of
 * the work). The score is nanoseconds per call; the summary divides by the pages.
 */
@State(Scope.Thread)
public class MapPagesBenchmark extends SuiteDefaults {
    @Param({"x86_64", "x86_64-la57", "i386-pae", "aarch64-4k-48", "aarch64-64k-42"})
    public String variant;

    private PagingBench bench;

    @Setup(Level.Invocation)
    public void freshTables() {
        bench = new PagingBench(variant);
    }

    @Benchmark
    public void mapGiB(Blackhole hole) {
        bench.mapPages(PagingBench.VA, PagingBench.GIB);
        hole.consume(bench.tables);
    }
}
