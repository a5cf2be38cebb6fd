package io.pagoda.conformance;

import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The page-table frames a CPU's root registers reach, and every virtual address at which the
 * hardware would let software touch one of them (a recursive slot, a temporary mapping, a direct
 * map, or a plain mapping that happens to cover a table). Worked out by reading the entries as the
 * hardware does, level by level from each root register, independently of the module's table-access
 * code: a table entry read one level further down than it was written for (the recursive slot) is
 * followed as the hardware would follow it.
 */
final class TableAliases {
    /** One virtual address that reaches a table frame. */
    record Alias(int rootIndex, long virtualAddress, long tableFrame) {}

    private final long[] frames;
    private final List<Alias> aliases;

    private TableAliases(long[] frames, List<Alias> aliases) {
        this.frames = frames;
        this.aliases = aliases;
    }

    /** The tables and aliases of what the CPU's registers point at now. */
    static TableAliases of(SimulatedCpu cpu) {
        List<TranslationRoot> roots = cpu.architecture().roots();
        PhysicalMemory memory = cpu.memory();
        Set<Long> frameSet = new TreeSet<>();
        for (int r = 0; r < roots.size(); r++) {
            collectTables(
                    memory,
                    roots.get(r),
                    cpu.pageSize(),
                    0,
                    cpu.rootTable(r),
                    frameSet,
                    new HashSet<>());
        }
        long[] frames = frameSet.stream().mapToLong(Long::longValue).toArray();
        List<Alias> aliases = new ArrayList<>();
        for (int r = 0; r < roots.size(); r++) {
            collectAliases(
                    memory,
                    roots.get(r),
                    r,
                    cpu.pageSize(),
                    0,
                    cpu.rootTable(r),
                    0,
                    frames,
                    aliases);
        }
        return new TableAliases(frames, List.copyOf(aliases));
    }

    long[] frames() {
        return frames.clone();
    }

    List<Alias> aliases() {
        return aliases;
    }

    private static void collectTables(
            PhysicalMemory memory,
            TranslationRoot root,
            long page,
            int level,
            long table,
            Set<Long> frames,
            Set<String> seen) {
        if (!seen.add(level + ":" + table)) {
            return;
        }
        frames.add(table & -page);
        Geometry geometry = root.geometry();
        if (level == geometry.lastLevel()) {
            return;
        }
        EntryFormat format = root.format();
        for (int i = 0; i < geometry.entryCount(level); i++) {
            long raw =
                    memory.readEntry(
                            table + (long) i * geometry.entrySize(level),
                            geometry.entrySize(level));
            if (format.kind(level, raw) == EntryKind.TABLE) {
                collectTables(
                        memory,
                        root,
                        page,
                        level + 1,
                        format.tableAddress(level, raw),
                        frames,
                        seen);
            }
        }
    }

    private static void collectAliases(
            PhysicalMemory memory,
            TranslationRoot root,
            int rootIndex,
            long page,
            int level,
            long table,
            long linearBase,
            long[] frames,
            List<Alias> out) {
        Geometry geometry = root.geometry();
        EntryFormat format = root.format();
        long span = geometry.span(level);
        for (int i = 0; i < geometry.entryCount(level); i++) {
            long raw =
                    memory.readEntry(
                            table + (long) i * geometry.entrySize(level),
                            geometry.entrySize(level));
            long linear = linearBase + i * span;
            EntryKind kind = format.kind(level, raw);
            if (kind == EntryKind.TABLE && level < geometry.lastLevel()) {
                collectAliases(
                        memory,
                        root,
                        rootIndex,
                        page,
                        level + 1,
                        format.tableAddress(level, raw),
                        linear,
                        frames,
                        out);
            } else if (kind == EntryKind.LEAF) {
                long pa = format.leafAddress(level, raw);
                int from = lowerBound(frames, pa);
                for (int f = from; f < frames.length && frames[f] - pa < span; f++) {
                    out.add(
                            new Alias(
                                    rootIndex,
                                    root.canonicalForm().virtual(linear + (frames[f] - pa)),
                                    frames[f]));
                }
            }
        }
    }

    private static int lowerBound(long[] sorted, long value) {
        int at = Arrays.binarySearch(sorted, value);
        return at >= 0 ? at : -at - 1;
    }
}
