package io.pagoda.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark and prints each one's ratio to its baseline from the same run, so the numbers
 * compare like with like on whatever machine runs them. {@code java -jar benchmarks/target/benchmarks.jar [quick]}.
 */
public final class RatioReport {
    private static final Map<String, String> BASELINES = Map.of(
            "mapRange", "mapPageByPageBaseline",
            "unmapRange", "unmapPageByPageBaseline",
            "translateRandom", "flatArrayBaseline");

    private RatioReport() {
    }

    public static void main(String[] args) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder().include("io\\.pagoda\\.benchmarks\\..*Benchmark");
        if (args.length > 0 && args[0].equals("quick")) {
            options.warmupIterations(1).measurementIterations(2).forks(1);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : results) {
            String label = result.getParams().getBenchmark();
            scores.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("benchmark              ns/op   baseline                 ns/op   ratio (lower is better)");
        for (Map.Entry<String, String> pair : BASELINES.entrySet()) {
            Double score = scores.get(pair.getKey());
            Double baseline = scores.get(pair.getValue());
            if (score != null && baseline != null) {
                System.out.printf("%-20s %8.2f   %-22s %8.2f   %6.2f%n", pair.getKey(), score, pair.getValue(), baseline, score / baseline);
            }
        }
    }
}
