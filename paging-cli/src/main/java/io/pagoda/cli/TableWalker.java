package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.RangeCursor;
import io.pagoda.paging.table.RangeWalk;
import io.pagoda.paging.table.TableTreeVisitor;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Visits every table and entry reachable from the given root registers, depth first in index order
 * (the order QEMU's {@code info tlb} prints), with rights combined over the levels as the hardware
 * combines them: the library's one range walk ({@link RangeWalk}, which reads a dump's tables in
 * one bulk copy each) told what a command needs on top. Knows no architecture: kinds, addresses and
 * flags come from the root's {@link EntryFormat}.
 *
 * <p>A hostile image cannot make it loop or flood: depth is bounded by the geometry, and the {@link
 * WalkBounds} (entries read, leaves reported, entries linking back into their own path) stop it
 * with {@link CutShort}.
 */
final class TableWalker {

    /** Told of what the walk finds; every method is optional. */
    interface Listener {
        default void root(int rootIndex, TranslationRoot root, long register, long table) {}

        /**
         * A table linked from {@code parentTable}'s entry {@code parentIndex} (parentTable -1 for
         * the root table).
         */
        default void table(
                int rootIndex,
                int level,
                long table,
                long parentTable,
                int parentIndex,
                long linearBase) {}

        default void leaf(
                int rootIndex,
                int level,
                long virtualAddress,
                long size,
                long physicalAddress,
                long raw,
                MappingFlags effective) {}

        default void guard(int rootIndex, int level, long virtualAddress, long size, long raw) {}

        /**
         * A present entry the hardware would fault on (reserved bits, or a table entry at the last
         * level).
         */
        default void malformed(
                int rootIndex, int level, long virtualAddress, long raw, String why) {}
    }

    private final Architecture architecture;
    private final PhysicalMemory memory;
    private final WalkBounds bounds;
    private final Progress progress;
    private long entriesRead;
    private long leavesReported;
    // per table reached through a loop: the addresses of the distinct entries that linked back to
    // it
    private final Map<Long, Set<Long>> loopLinks = new HashMap<>();

    TableWalker(
            Architecture architecture,
            PhysicalMemory memory,
            WalkBounds bounds,
            Progress progress) {
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
            listener.root(i, root, registers[i], table);
            listener.table(i, 0, table, -1, -1, 0);
            new RangeWalk(root, new PhysicalTableAccess(memory, root.geometry()))
                    .walkAll(table, new Visitor(i, root, table, listener));
        }
        progress.done();
    }

    long entriesRead() {
        return entriesRead;
    }

    /**
     * One root's walk: counts against the bounds, finds loops, and tells the listener in virtual
     * addresses.
     */
    private final class Visitor implements TableTreeVisitor {
        private final int rootIndex;
        private final TranslationRoot root;
        private final CanonicalForm canonical;
        private final EntryFormat format;
        private final RangeCursor cursor;
        private final Listener listener;
        // the tables on the current path, by level: a child equal to one of them is a loop
        private final long[] path;

        Visitor(int rootIndex, TranslationRoot root, long rootTable, Listener listener) {
            this.rootIndex = rootIndex;
            this.root = root;
            this.canonical = root.canonicalForm();
            this.format = root.format();
            this.cursor = new RangeCursor(root.geometry());
            this.listener = listener;
            this.path = new long[root.geometry().levelCount()];
            path[0] = rootTable;
        }

        @Override
        public boolean table(int level, int index, long linear, long raw, long child) {
            long va = entryRead(linear);
            requireNoFurtherLoop(level, index, child, va);
            listener.table(rootIndex, level + 1, child, path[level], index, linear);
            path[level + 1] = child;
            return true;
        }

        @Override
        public void leaf(
                int level,
                long linear,
                long length,
                long physicalAddress,
                long raw,
                int rightsLimit) {
            long va = entryRead(linear);
            countLeaf(va);
            MappingFlags own = format.leafFlags(level, raw);
            int rights = format.combineRights(own.rights().bits(), rightsLimit);
            MappingFlags effective =
                    rights == own.rights().bits()
                            ? own
                            : own.withRights(MappingAccessRights.ofBits(rights));
            listener.leaf(rootIndex, level, va, length, physicalAddress, raw, effective);
        }

        @Override
        public void guard(int level, long linear, long length, long raw) {
            long va = entryRead(linear);
            countLeaf(va);
            listener.guard(rootIndex, level, va, length, raw);
        }

        @Override
        public void unused(int level, long linear, long length, long raw) {
            // faults like an unused entry; nothing to show, but it was read
            entryRead(linear);
        }

        @Override
        public boolean malformed(int level, int index, long linear, long raw, String why) {
            listener.malformed(rootIndex, level, entryRead(linear), raw, why);
            return true;
        }

        @Override
        public void unreadable(
                int level, long table, int index, long linear, PhysicalAddressException cause) {
            throw new UserError(
                    "the level "
                            + level
                            + " ("
                            + root.geometry().level(level).name()
                            + ") table at "
                            + Hex.of(table)
                            + ", reached for "
                            + Hex.of(canonical.virtual(linear))
                            + " through "
                            + root.registerName()
                            + ", is outside the image: "
                            + cause.getMessage(),
                    cause);
        }

        /** Counts one entry read against the bounds; returns its virtual address. */
        private long entryRead(long linear) {
            long va = canonical.virtual(linear);
            if (++entriesRead > bounds.maxEntries()) {
                throw new CutShort(
                        "stopped after reading "
                                + bounds.maxEntries()
                                + " entries (at "
                                + Hex.of(va)
                                + "): tables that "
                                + "share lower tables multiply the work; raise --max-entries if the image is really this large");
            }
            progress.entries(entriesRead);
            return va;
        }

        /**
         * Counts the entry at {@code path[level][index]} if it links back to a table on the current
         * path (a loop).
         */
        private void requireNoFurtherLoop(int level, int index, long child, long va) {
            for (int l = 0; l <= level; l++) {
                if (path[l] == child) {
                    long entry = path[level] + cursor.entryOffset(level, index);
                    Set<Long> links = loopLinks.computeIfAbsent(child, k -> new HashSet<>());
                    links.add(entry);
                    if (links.size() > bounds.maxLoopLinks()) {
                        throw new CutShort(
                                "the table at "
                                        + Hex.of(child)
                                        + " is linked back into from its own walk path by "
                                        + links.size()
                                        + " entries (this one at "
                                        + Hex.of(entry)
                                        + ", level "
                                        + level
                                        + " ("
                                        + root.geometry().level(level).name()
                                        + ") index "
                                        + index
                                        + ", reached for "
                                        + Hex.of(va)
                                        + "): one is a recursive mapping, more multiply the walk by their number once per level, which no "
                                        + "kernel builds; raise --max-loop-links to walk them anyway");
                    }
                    return;
                }
            }
        }
    }

    private void countLeaf(long va) {
        if (++leavesReported > bounds.maxLeaves()) {
            throw new CutShort(
                    bounds.maxLeaves()
                            + " leaves and guards reported (the next at "
                            + Hex.of(va)
                            + "), the most "
                            + "expected of an image this size, as when tables share lower tables over and over; raise --max-leaves for more");
        }
    }
}
