package io.pagoda.benchmarks;

import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.UnmapCallback;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One map call for one page into tables that already exist, and one unmap call for one page: the
 * fixed cost of an operation. Each invocation makes {@value #CALLS} such calls on consecutive pages
 * (so the score is per call); the tables were created once by mapping and unmapping the GiB, and
 * the untimed set-up or tear-down around each invocation restores the state with one range call.
 */
@State(Scope.Thread)
public class SinglePageBenchmark extends SuiteDefaults {
    static final int CALLS = 4096;

    @Param({"x86_64", "x86_64-la57", "i386-pae", "aarch64-4k-48", "aarch64-64k-42"})
    public String variant;

    /** Tables for the whole GiB, empty: each invocation maps single pages into them. */
    @State(Scope.Thread)
    public static class EmptyTables {
        PagingBench bench;
        long page;

        @Setup(Level.Trial)
        public void tables(SinglePageBenchmark outer) {
            bench = new PagingBench(outer.variant);
            page = bench.pageSize();
            bench.mapPages(PagingBench.VA, PagingBench.GIB);
            bench.unmap(PagingBench.VA, PagingBench.GIB);
        }

        @TearDown(Level.Invocation)
        public void unmapped() {
            bench.unmap(PagingBench.VA, CALLS * page);
        }
    }

    /** The same tables with the pages each invocation unmaps one by one mapped again before it. */
    @State(Scope.Thread)
    public static class MappedPages {
        PagingBench bench;
        long page;

        @Setup(Level.Trial)
        public void tables(SinglePageBenchmark outer) {
            bench = new PagingBench(outer.variant);
            page = bench.pageSize();
            bench.mapPages(PagingBench.VA, PagingBench.GIB);
            bench.unmap(PagingBench.VA, PagingBench.GIB);
        }

        @Setup(Level.Invocation)
        public void mapped() {
            bench.mapPages(PagingBench.VA, CALLS * page);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Object mapOnePage(EmptyTables state) {
        long page = state.page;
        for (int i = 0; i < CALLS; i++) {
            long offset = i * page;
            state.bench.tables.mapContiguous(
                    PagingBench.VA + offset,
                    PagingBench.DATA_BASE + offset,
                    page,
                    PagingBench.FLAGS,
                    LeafSizePolicy.PAGES_ONLY);
        }
        return state.bench.tables;
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Object unmapOnePage(MappedPages state) {
        long page = state.page;
        for (int i = 0; i < CALLS; i++) {
            state.bench.tables.unmap(PagingBench.VA + i * page, page, UnmapCallback.NONE);
        }
        return state.bench.tables;
    }
}
