package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.spi.TranslationRoot;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pagoda inspect}: walks the tables in a memory image and prints them in one of four
 * formats.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Walk the page tables in a memory image (raw dump or ELF core from QEMU dump-guest-memory).",
            "Formats: ranges (coalesced mappings with effective rights, page size and level), qemu (QEMU 'info tlb' lines),",
            "json (the ranges as JSON), dot (Graphviz of the table tree), svg (that graph rendered by Graphviz's dot)."
        })
final class InspectCommand implements Runnable {
    enum Format {
        ranges,
        qemu,
        json,
        dot,
        svg
    }

    @Spec CommandSpec spec;

    @Mixin TargetOptions target;

    @Option(
            names = "--format",
            defaultValue = "ranges",
            paramLabel = "FORMAT",
            description = "ranges, qemu, json, dot or svg (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--max-entries",
            paramLabel = "N",
            converter = Counts.class,
            description =
                    "Stop after reading this many entries (default: 1 per 8 bytes of image, at least 2^24).")
    Long maxEntries;

    @Option(
            names = "--max-leaves",
            paramLabel = "N",
            converter = Counts.class,
            description =
                    "Stop after this many leaves and guards (default: 1 per 512 bytes of image, at least 2^18).")
    Long maxLeaves;

    @Option(
            names = "--max-loop-links",
            paramLabel = "N",
            converter = Counts.class,
            description =
                    "Entries that may link back into a table on their own path (default 1: a recursive mapping).")
    Long maxLoopLinks;

    @Option(
            names = "--max-tables",
            defaultValue = "1000",
            paramLabel = "N",
            converter = Counts.IntCount.class,
            description =
                    "Tables drawn at most by --format dot and svg (default: ${DEFAULT-VALUE}).")
    int maxTables;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The memory image.")
    Path image;

    @Override
    public void run() {
        // one write per 64 KiB rather than per line: the command's writer flushes on every println,
        // and a kernel's
        // tables print tens of thousands of lines
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
        try {
            inspect(out);
        } finally {
            out.flush();
        }
    }

    private void inspect(PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        // without Graphviz, one line before anything is read or printed
        Graphviz graphviz = format == Format.svg ? Graphviz.onPath() : null;
        Target t = Target.open(target, image);
        if (t.detection() != null) {
            err.println(t.detection());
        }
        for (String warning : t.warnings()) {
            // the tables are still worth showing: that is how one finds the bad entry
            err.println("pagoda: warning: " + warning);
        }
        WalkBounds bounds = WalkBounds.sizedTo(t.imageBytes(), maxEntries, maxLeaves, maxLoopLinks);
        TableWalker walker =
                new TableWalker(t.architecture(), t.memory(), bounds, new Progress(err));
        MalformedCounter malformed = new MalformedCounter();
        switch (format) {
            case ranges -> {
                RangesText text = new RangesText(out);
                RangeCoalescer coalescer = new RangeCoalescer(text::print);
                walkOrCutShort(
                        walker,
                        t,
                        new Both(coalescer, malformed),
                        coalescer::flush,
                        coalescer::flush,
                        out);
            }
            case json -> {
                RangesJson json = new RangesJson(out, t.architecture());
                RangeCoalescer coalescer = new RangeCoalescer(json::print);
                walkOrCutShort(
                        walker,
                        t,
                        new Both(coalescer, malformed),
                        () -> {
                            coalescer.flush();
                            json.finish(true);
                        },
                        () -> {
                            coalescer.flush();
                            json.finish(false);
                        },
                        out);
            }
            case qemu ->
                    walkOrCutShort(
                            walker,
                            t,
                            new Both(new QemuLines(out, t.architecture()), malformed),
                            () -> {},
                            () -> {},
                            out);
            case dot, svg -> {
                DotGraph graph = new DotGraph(maxTables);
                Runnable print = () -> graph.print(out, graphviz);
                walkOrCutShort(walker, t, new Both(graph, malformed), print, print, out);
                if (graph.isCut()) {
                    err.println(
                            "pagoda: the graph shows the first "
                                    + maxTables
                                    + " tables only; raise --max-tables for more");
                }
            }
            default -> throw new IllegalStateException();
        }
        malformed.report(err);
    }

    /**
     * Runs the walk; on an error, finishes what was printed, then reports that the output is
     * incomplete.
     */
    private static void walkOrCutShort(
            TableWalker walker,
            Target t,
            TableWalker.Listener listener,
            Runnable finish,
            Runnable finishIncomplete,
            PrintWriter out) {
        try {
            walker.walk(t.registers(), listener);
        } catch (CutShort | UserError | PagingException e) {
            finishIncomplete.run();
            out.flush();
            throw new CutShort("output cut short: " + e.getMessage(), e);
        }
        finish.run();
        out.flush();
    }

    /**
     * Counts entries the hardware would fault on, reported once on stderr instead of stopping the
     * dump.
     */
    private static final class MalformedCounter implements TableWalker.Listener {
        long count;
        String first;

        @Override
        public void malformed(int rootIndex, int level, long virtualAddress, long raw, String why) {
            if (count++ == 0) {
                first =
                        "level "
                                + level
                                + " entry "
                                + Hex.of(raw)
                                + " for "
                                + Hex.of(virtualAddress)
                                + ": "
                                + why;
            }
        }

        void report(PrintWriter err) {
            if (count > 0) {
                err.println(
                        "pagoda: skipped "
                                + count
                                + " malformed entr"
                                + (count == 1 ? "y" : "ies")
                                + " the hardware would fault on; the first: "
                                + first);
            }
        }
    }

    /** Two listeners fed by one walk. */
    private record Both(TableWalker.Listener a, TableWalker.Listener b)
            implements TableWalker.Listener {
        @Override
        public void root(int rootIndex, TranslationRoot root, long register, long table) {
            a.root(rootIndex, root, register, table);
            b.root(rootIndex, root, register, table);
        }

        @Override
        public void table(
                int rootIndex,
                int level,
                long table,
                long parentTable,
                int parentIndex,
                long linearBase) {
            a.table(rootIndex, level, table, parentTable, parentIndex, linearBase);
            b.table(rootIndex, level, table, parentTable, parentIndex, linearBase);
        }

        @Override
        public void leaf(
                int rootIndex,
                int level,
                long virtualAddress,
                long size,
                long physicalAddress,
                long raw,
                MappingFlags effective) {
            a.leaf(rootIndex, level, virtualAddress, size, physicalAddress, raw, effective);
            b.leaf(rootIndex, level, virtualAddress, size, physicalAddress, raw, effective);
        }

        @Override
        public void guard(int rootIndex, int level, long virtualAddress, long size, long raw) {
            a.guard(rootIndex, level, virtualAddress, size, raw);
            b.guard(rootIndex, level, virtualAddress, size, raw);
        }

        @Override
        public void malformed(int rootIndex, int level, long virtualAddress, long raw, String why) {
            a.malformed(rootIndex, level, virtualAddress, raw, why);
            b.malformed(rootIndex, level, virtualAddress, raw, why);
        }
    }
}
