package io.pagoda.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per 4 KiB page to map and to unmap 8 MiB (2048 pages, four tables) on x86_64. The baselines
 * do the same work one page per operation, each walking from the root: the ratio is what touching each
 * table once per range buys.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MapBenchmark {
    static final long PAGES = 2048;
    static final long VA = 0x7F00_0000_0000L;

    private PagingBench bench;

    @Setup(Level.Invocation)
    public void freshTables() {
        bench = new PagingBench("x86_64");
    }

    @Benchmark
    @OperationsPerInvocation(2048)
    public Object mapRange() {
        bench.mapRange(VA, PAGES);
        return bench.tables;
    }

    @Benchmark
    @OperationsPerInvocation(2048)
    public Object mapPageByPageBaseline() {
        bench.mapPageByPage(VA, PAGES);
        return bench.tables;
    }

    /** Unmap needs mapped tables: mapped in setup, so only the unmap is timed. */
    @State(Scope.Thread)
    public static class Mapped {
        PagingBench bench;

        @Setup(Level.Invocation)
        public void mapped() {
            bench = new PagingBench("x86_64");
            bench.mapRange(VA, PAGES);
        }
    }

    @Benchmark
    @OperationsPerInvocation(2048)
    public Object unmapRange(Mapped mapped) {
        mapped.bench.unmapRange(VA, PAGES);
        return mapped.bench.tables;
    }

    @Benchmark
    @OperationsPerInvocation(2048)
    public Object unmapPageByPageBaseline(Mapped mapped) {
        mapped.bench.unmapPageByPage(VA, PAGES);
        return mapped.bench.tables;
    }
}
