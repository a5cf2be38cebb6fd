package io.pagoda.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the suite and prints issue 12's summary: for each benchmark and variant the figure, the
 * baseline measured in the same run, the ratio, the target and whether it is met (or by how much it
 * is missed), then the machine and the run settings.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar [quick] [regex of benchmarks to run]</pre>
 *
 * {@code quick} shortens every iteration to half a second and runs one warm-up and two measured
 * iterations.
 */
public final class SuiteReport {
    private final Map<String, Double> scores = new HashMap<>();
    private final List<String[]> rows = new ArrayList<>();

    private SuiteReport() {}

    public static void main(String[] args)
            throws RunnerException, IOException, InterruptedException {
        boolean quick = args.length > 0 && args[0].equals("quick");
        String filter = args.length > (quick ? 1 : 0) ? args[quick ? 1 : 0] : ".*";
        ChainedOptionsBuilder options =
                new OptionsBuilder()
                        .include("io\\.pagoda\\.benchmarks\\.(" + filter + ")")
                        .shouldFailOnError(true);
        String settings =
                "1 fork per benchmark and parameter, "
                        + SuiteDefaults.WARMUP_ITERATIONS
                        + " warm-up and "
                        + SuiteDefaults.MEASUREMENT_ITERATIONS
                        + " measured iterations of 1 s";
        if (quick) {
            options.warmupIterations(1)
                    .warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(2)
                    .measurementTime(TimeValue.milliseconds(500))
                    .forks(1);
            settings =
                    "quick: 1 fork per benchmark and parameter, 1 warm-up and 2 measured iterations of 0.5 s";
        }
        long start = System.nanoTime();
        String loadBefore = loadAverage();
        Collection<RunResult> results = new Runner(options.build()).run();
        SuiteReport report = new SuiteReport();
        for (RunResult result : results) {
            report.record(result);
        }
        Map<String, long[]> heap =
                filter.equals(".*") || "HeapFootprint".matches(filter)
                        ? heapFootprints()
                        : Map.of();
        report.build(heap);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        System.out.println();
        System.out.println("## Pagoda benchmark summary");
        System.out.println();
        System.out.println(
                "machine: "
                        + cpuModel()
                        + ", "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores, "
                        + System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version")
                        + ", "
                        + System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.arch"));
        System.out.printf(
                Locale.ROOT,
                "run: %s; JMH average time; %d min %d s in all%n",
                settings,
                seconds / 60,
                seconds % 60);
        System.out.println(
                "load average (1, 5, 15 min) before: "
                        + loadBefore
                        + "; after: "
                        + loadAverage()
                        + " (above the core count, other processes shared the CPU and every figure is inflated)");
        System.out.println(
                "ratio = figure / baseline of the same run; \"missed by X%\" = figure / target - 1");
        System.out.println();
        report.print();
    }

    private void record(RunResult result) {
        String label = result.getParams().getBenchmark();
        String key = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
        for (String param : result.getParams().getParamsKeys()) {
            key += "|" + result.getParams().getParam(param);
        }
        scores.put(key, result.getPrimaryResult().getScore());
    }

    private Double score(String key) {
        return scores.get(key);
    }

    private void build(Map<String, long[]> heap) {
        for (String variant : PagingBench.VARIANTS) {
            PagingBench shape = new PagingBench(variant);
            long pages = shape.pages(PagingBench.GIB);
            long blocks = shape.blockWorkBytes() / shape.smallestBlock();
            Double floor = perUnit(score("FloorBenchmark.writeLongs|" + pages), pages);
            String pageWord =
                    shape.pageSize() == 4096 ? "4K pages" : (shape.pageSize() >> 10) + "K pages";
            row(
                    "map 1 GiB of " + pageWord + ", one range call",
                    variant,
                    perUnit(score("MapPagesBenchmark.mapGiB|" + variant), pages),
                    "ns/page",
                    floor,
                    "floor: " + pages + " longs, ns/long",
                    2.0,
                    10.0);
            row(
                    "unmap that GiB, one range call",
                    variant,
                    perUnit(score("UnmapPagesBenchmark.unmapGiB|" + variant), pages),
                    "ns/page",
                    floor,
                    "floor: " + pages + " longs, ns/long",
                    2.0,
                    0);
            row(
                    "translate a random VA of the GiB, full walk",
                    variant,
                    score("TranslateBenchmark.translateRandom|" + variant),
                    "ns",
                    score("TranslateBenchmark.dependentReadChain|" + variant),
                    "chain of " + shape.geometry.levelCount() + " dependent reads, ns",
                    6.5,
                    2.0);
            row(
                    "map "
                            + (shape.blockWorkBytes() >> 30)
                            + " GiB as "
                            + (shape.smallestBlock() >> 20)
                            + " MiB blocks",
                    variant,
                    perUnit(score("MapBlocksBenchmark.mapBlocks|" + variant), blocks),
                    "ns/block",
                    perUnit(score("FloorBenchmark.writeLongs|" + blocks), blocks),
                    "floor: " + blocks + " longs, ns/long",
                    2.5,
                    0);
            row(
                    "map one page into existing tables",
                    variant,
                    score("SinglePageBenchmark.mapOnePage|" + variant),
                    "ns/call",
                    floor,
                    "floor: 1 long, ns",
                    10.0,
                    0);
            row(
                    "unmap one page",
                    variant,
                    score("SinglePageBenchmark.unmapOnePage|" + variant),
                    "ns/call",
                    floor,
                    "floor: 1 long, ns",
                    10.0,
                    0);
            row(
                    "AddressSpace.readLong, TLB hit",
                    variant,
                    score("TlbHitBenchmark.readLongTlbHit|" + variant),
                    "ns",
                    score("TlbHitBenchmark.lockedArrayRead|" + variant),
                    "lock + 1 array read, ns",
                    5.0,
                    0);
            long[] footprint = heap.get(variant);
            if (footprint != null) {
                row(
                        "heap beyond table memory, 1 GiB mapped",
                        variant,
                        100.0 * footprint[1] / footprint[0],
                        "%",
                        null,
                        "",
                        2.0,
                        0);
                rows.get(rows.size() - 1)[3] =
                        number(footprint[0] / 1024.0)
                                + " KiB of table frames, "
                                + number(footprint[1] / 1024.0)
                                + " KiB more";
            }
        }
        row(
                "SimulatedTlb.lookup hit, full 64-entry TLB (no target: the TLB's share of a hit)",
                "any",
                score("TlbLookupBenchmark.lookupHit"),
                "ns",
                null,
                "",
                0,
                0);
        Map<Long, Double> perPage = new TreeMap<>();
        for (String key : scores.keySet()) {
            if (key.startsWith("ScalingBenchmark.mapPages|")) {
                long mebibytes = Long.parseLong(key.substring(key.indexOf('|') + 1));
                long pages =
                        mebibytes * PagingBench.MIB / 4096 * ScalingBenchmark.ranges(mebibytes);
                perPage.put(mebibytes, scores.get(key) / pages);
            }
        }
        if (!perPage.isEmpty()) {
            double cheapest = Double.MAX_VALUE;
            double dearest = 0;
            for (Map.Entry<Long, Double> size : perPage.entrySet()) {
                row(
                        "map " + size(size.getKey()) + " of 4K pages (scaling)",
                        ScalingBenchmark.VARIANT,
                        size.getValue(),
                        "ns/page",
                        null,
                        "",
                        0,
                        0);
                cheapest = Math.min(cheapest, size.getValue());
                dearest = Math.max(dearest, size.getValue());
            }
            row(
                    "cost per page, dearest / cheapest size, "
                            + size(((TreeMap<Long, Double>) perPage).firstKey())
                            + " to "
                            + size(((TreeMap<Long, Double>) perPage).lastKey()),
                    ScalingBenchmark.VARIANT,
                    dearest,
                    "ns/page",
                    cheapest,
                    "cheapest size, ns/page",
                    0,
                    1.2);
        }
    }

    private static String size(long mebibytes) {
        return mebibytes >= 1024 ? (mebibytes >> 10) + " GiB" : mebibytes + " MiB";
    }

    private static Double perUnit(Double score, long units) {
        return score == null ? null : score / units;
    }

    /**
     * One summary line; a zero limit is no target of that kind. Skipped when the benchmark did not
     * run.
     */
    private void row(
            String work,
            String variant,
            Double figure,
            String unit,
            Double baseline,
            String baselineName,
            double limit,
            double ratioLimit) {
        if (figure == null) {
            return;
        }
        Double ratio = baseline == null || baseline == 0 ? null : figure / baseline;
        List<String> targets = new ArrayList<>();
        List<String> misses = new ArrayList<>();
        if (limit > 0) {
            targets.add("≤ " + number(limit) + " " + unit);
            if (figure > limit) {
                misses.add(percent(figure / limit) + " (" + number(limit) + " " + unit + ")");
            }
        }
        if (ratioLimit > 0) {
            targets.add("≤ " + number(ratioLimit) + "×");
            if (ratio != null && ratio > ratioLimit) {
                misses.add(percent(ratio / ratioLimit) + " (" + number(ratioLimit) + "×)");
            }
        }
        String verdict =
                targets.isEmpty()
                        ? ""
                        : misses.isEmpty() ? "met" : "missed by " + String.join(", ", misses);
        rows.add(
                new String[] {
                    work,
                    variant,
                    number(figure) + " " + unit,
                    baseline == null ? "" : number(baseline) + " (" + baselineName + ")",
                    ratio == null ? "" : number(ratio) + "×",
                    String.join(" and ", targets),
                    verdict,
                    misses.isEmpty() ? "" : MissReasons.why(work)
                });
    }

    private static String percent(double factor) {
        return String.format(Locale.ROOT, "%.0f%%", (factor - 1) * 100);
    }

    private static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    private void print() {
        System.out.println(
                "| work | variant | figure | same-run baseline | ratio | target | verdict | why"
                        + " (JFR profile; docs/guide/performance.md) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String[] row : rows) {
            System.out.println("| " + String.join(" | ", row) + " |");
        }
    }

    /**
     * {@link HeapFootprint} in a JVM of its own: no JMH state and one collector whose "used" is
     * live bytes.
     */
    private static Map<String, long[]> heapFootprints() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java,
                                "-XX:+UseSerialGC",
                                "-Xmx2g",
                                "-cp",
                                System.getProperty("java.class.path"),
                                HeapFootprint.class.getName()));
        command.addAll(PagingBench.VARIANTS);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, long[]> footprints = new HashMap<>();
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] words = line.trim().split(" ", -1);
                if (words.length == 3 && PagingBench.VARIANTS.contains(words[0])) {
                    footprints.put(
                            words[0],
                            new long[] {Long.parseLong(words[1]), Long.parseLong(words[2])});
                } else {
                    System.out.println("heap footprint: " + line);
                }
            }
        }
        process.waitFor();
        return footprints;
    }

    private static String loadAverage() {
        try {
            String[] words = Files.readString(Path.of("/proc/loadavg")).trim().split(" ", -1);
            return words[0] + " " + words[1] + " " + words[2];
        } catch (IOException | RuntimeException unreadable) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux: the architecture name is all there is
        }
        return System.getProperty("os.arch") + " CPU";
    }
}
