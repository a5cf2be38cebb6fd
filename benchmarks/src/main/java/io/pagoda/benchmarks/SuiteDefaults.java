package io.pagoda.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The settings every benchmark of the suite shares, sized so that the whole suite runs in about ten
 * minutes on two cores: one fork, two warm-up and three measured iterations of one second (the
 * summary says so; {@link SuiteReport} shortens them in quick mode). Heap fixed at 1–4 GiB so a 64
 * GiB map's 128 MiB of tables never waits for the heap to grow.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = SuiteDefaults.WARMUP_ITERATIONS, time = 1)
@Measurement(iterations = SuiteDefaults.MEASUREMENT_ITERATIONS, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
public abstract class SuiteDefaults {
    static final int WARMUP_ITERATIONS = 2;
    static final int MEASUREMENT_ITERATIONS = 3;
}
