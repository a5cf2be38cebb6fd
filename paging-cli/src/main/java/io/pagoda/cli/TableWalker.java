package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PhysicalAddressException;
import io.pagoda.paging.image.MappedImageMemory;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Visits every table and entry reachable from the given root registers, depth first in index order (the order
 * QEMU's {@code info tlb} prints), with rights combined over the levels as the hardware combines them. Knows
 * no architecture: kinds, addresses and flags come from the root's {@link EntryFormat}.
 *
 * <p>A hostile image cannot make it loop or flood: depth is bounded by the geometry, and the {@link WalkBounds}
 * (entries read, leaves reported, entries linking back into their own path) stop it with {@link CutShort}.
 */
final class TableWalker {

    /** Told of what the walk finds; every method is optional. */
    interface Listener {
        default void root(int rootIndex, TranslationRoot root, long register, long table) {
        }

        /** A table linked from {@code parentTable}'s entry {@code parentIndex} (parentTable -1 for the root table). */
        default void table(int rootIndex, int level, long table, long parentTable, int parentIndex, long linearBase) {
        }

        default void leaf(int rootIndex, int level, long virtualAddress, long size, long physicalAddress, long raw,
                          MappingFlags effective) {
        }

        default void guard(int rootIndex, int level, long virtualAddress, long size, long raw) {
        }

        /** A present entry the hardware would fault on (reserved bits, or a table entry at the last level). */
        default void malformed(int rootIndex, int level, long virtualAddress, long raw, String why) {
        }
    }

    private final Architecture architecture;
    private final PhysicalMemory memory;
    private final WalkBounds bounds;
    private final Progress progress;
    private long entriesRead;
    private long leavesReported;
    // the tables on the current path, by level: a child equal to one of them is a loop
    private long[] path = new long[0];
    // per level, the table being read, copied in bulk ({@link #tableEntries})
    private long[][] buffers = new long[0][];
    // per table reached through a loop: the addresses of the distinct entries that linked back to it
    private final Map<Long, Set<Long>> loopLinks = new HashMap<>();

    TableWalker(Architecture architecture, PhysicalMemory memory, WalkBounds bounds, Progress progress) {
        this.architecture = architecture;
        this.memory = memory;
        this.bounds = bounds;
        this.progress = progress;
    }

    /** Walks root {@code i} with {@code registers[i]}, for each register given. */
    void walk(long[] registers, Listener listener) {
        for (int i = 0; i < registers.length; i++) {
            TranslationRoot root = architecture.roots().get(i);
            long table = root.tableAddress(registers[i]);
            path = new long[root.geometry().levelCount()];
            listener.root(i, root, registers[i], table);
            listener.table(i, 0, table, -1, -1, 0);
            walkTable(i, root, 0, table, 0, EntryFormat.NO_RESTRICTION, listener);
        }
        progress.done();
    }

    long entriesRead() {
        return entriesRead;
    }

    private void walkTable(int rootIndex, TranslationRoot root, int level, long table, long linearBase, int rightsLimit,
                           Listener listener) {
        Geometry geometry = root.geometry();
        EntryFormat format = root.format();
        int entrySize = geometry.entrySize(level);
        int count = geometry.entryCount(level);
        long span = geometry.span(level);
        path[level] = table;
        long[] entries = tableEntries(level, table, count, entrySize);
        // a zero entry is what most of a table holds: decoded once per table, skipped cheaply when it shows nothing
        boolean zeroShowsNothing = isNothing(format.kind(level, 0));
        for (int index = 0; index < count; index++) {
            long linear = linearBase + index * span;
            long raw = entries != null ? entry(entries, index, entrySize) : read(root, level, table, index, entrySize, linear);
            if (entries != null && ++entriesRead > bounds.maxEntries()) {
                throw tooManyEntries(root.canonicalForm().virtual(linear));
            }
            progress.entries(entriesRead);
            if (raw == 0 && zeroShowsNothing) {
                continue;
            }
            long va = root.canonicalForm().virtual(linear);
            switch (format.kind(level, raw)) {
                case TABLE -> {
                    if (level == geometry.lastLevel()) {
                        listener.malformed(rootIndex, level, va, raw, "a table entry at the last level");
                        continue;
                    }
                    long child = format.tableAddress(level, raw);
                    requireNoFurtherLoop(root, level, table, index, entrySize, child, va);
                    listener.table(rootIndex, level + 1, child, table, index, linear);
                    walkTable(rootIndex, root, level + 1, child, linear, rightsLimit & format.tableRightsLimit(level, raw), listener);
                }
                case LEAF -> {
                    countLeaf(va);
                    MappingFlags own = format.leafFlags(level, raw);
                    int rights = format.combineRights(own.rights().bits(), rightsLimit);
                    MappingFlags effective = rights == own.rights().bits() ? own : own.withRights(MappingAccessRights.ofBits(rights));
                    listener.leaf(rootIndex, level, va, span, format.leafAddress(level, raw), raw, effective);
                }
                case GUARD -> {
                    countLeaf(va);
                    listener.guard(rootIndex, level, va, span, raw);
                }
                case RESERVED -> listener.malformed(rootIndex, level, va, raw, format.malformation(level, raw));
                case UNUSED, INVALID -> {
                    // faults like an unused entry; nothing to show
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private static boolean isNothing(EntryKind kind) {
        return kind == EntryKind.UNUSED || kind == EntryKind.INVALID;
    }

    /**
     * The whole table in one bulk copy when the image is mapped and holds all of it (the common case: one copy
     * instead of a lookup per entry), else null, and the entries are read one by one, so a table running off the
     * image still shows its entries up to the first missing one. One buffer per level: a walk holds at most one
     * table per level at a time.
     */
    private long[] tableEntries(int level, long table, int count, int entrySize) {
        if (!(memory instanceof MappedImageMemory mapped) || (long) count * entrySize % 8 != 0 || (entrySize != 8 && entrySize != 4)) {
            return null;
        }
        int longs = (int) ((long) count * entrySize / 8);
        if (buffers.length <= level) {
            buffers = java.util.Arrays.copyOf(buffers, level + 1);
        }
        if (buffers[level] == null || buffers[level].length < longs) {
            buffers[level] = new long[longs];
        }
        try {
            mapped.readLongs(table, buffers[level], longs);
        } catch (PhysicalAddressException e) {
            return null;
        }
        return buffers[level];
    }

    /** Entry {@code index} of a table copied into longs (little-endian: a 4-byte entry is half a long). */
    private static long entry(long[] entries, int index, int entrySize) {
        if (entrySize == 8) {
            return entries[index];
        }
        return (entries[index >>> 1] >>> ((index & 1) * 32)) & 0xFFFF_FFFFL;
    }

    private void countLeaf(long va) {
        if (++leavesReported > bounds.maxLeaves()) {
            throw new CutShort(bounds.maxLeaves() + " leaves and guards reported (the next at " + Hex.of(va) + "), the most "
                    + "expected of an image this size, as when tables share lower tables over and over; raise --max-leaves for more");
        }
    }

    /** Counts the entry at {@code table[index]} if it links back to a table on the current path (a loop). */
    private void requireNoFurtherLoop(TranslationRoot root, int level, long table, int index, int entrySize, long child, long va) {
        for (int l = 0; l <= level; l++) {
            if (path[l] == child) {
                long entry = table + (long) index * entrySize;
                Set<Long> links = loopLinks.computeIfAbsent(child, k -> new HashSet<>());
                links.add(entry);
                if (links.size() > bounds.maxLoopLinks()) {
                    throw new CutShort("the table at " + Hex.of(child) + " is linked back into from its own walk path by "
                            + links.size() + " entries (this one at " + Hex.of(entry) + ", level " + level + " (" + root.geometry().level(level).name()
                            + ") index " + index + ", reached for " + Hex.of(va) + "): one is a recursive mapping, more multiply the walk by "
                            + "their number once per level, which no kernel builds; raise --max-loop-links to walk them anyway");
                }
                return;
            }
        }
    }

    private long read(TranslationRoot root, int level, long table, int index, int entrySize, long linear) {
        if (++entriesRead > bounds.maxEntries()) {
            throw tooManyEntries(root.canonicalForm().virtual(linear));
        }
        try {
            return memory.readEntry(table + (long) index * entrySize, entrySize);
        } catch (PhysicalAddressException e) {
            throw new UserError("the level " + level + " (" + root.geometry().level(level).name() + ") table at " + Hex.of(table)
                    + ", reached for " + Hex.of(root.canonicalForm().virtual(linear)) + " through " + root.registerName()
                    + ", is outside the image: " + e.getMessage(), e);
        }
    }

    private CutShort tooManyEntries(long va) {
        return new CutShort("stopped after reading " + bounds.maxEntries() + " entries (at " + Hex.of(va) + "): tables that "
                + "share lower tables multiply the work; raise --max-entries if the image is really this large");
    }
}
