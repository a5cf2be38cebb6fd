package io.pagoda.paging.table.access;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.error.HierarchyStateException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.PagingCacheFlusher;
import io.pagoda.paging.table.RangeCursor;
import io.pagoda.paging.table.TableAccess;
import io.pagoda.paging.table.TableView;
import org.jspecify.annotations.Nullable;

/**
 * The active hierarchy's tables reached through its recursive slot (the seed's way), read and
 * written through the simulated CPU and its TLB. The table at level L on the path (i0 .. iL-1) is
 * the page whose first (levels - L) index fields are the recursive slot and whose remaining fields
 * are i0 .. iL-1: the walk loops through the slot and lands on the table as if it were a page.
 *
 * <p>That only works when every level has the same entry count and entry size, each table fills
 * exactly one page, and a table entry read at the last level is a writable leaf; {@link
 * #unsupportedReason} says why not, and the constructor refuses such a geometry.
 *
 * <p>Changing a present upper-level entry changes what the windows below it show, so the view
 * invalidates the windows of every table under that entry (a range, so the flusher picks per-page
 * or full), as a kernel must after unlinking or splitting. A new table is not reachable before it
 * is linked, so it is zeroed through {@code unlinkedAccess} (the direct map, a temporary mapping,
 * or physically) and linked after.
 */
public final class RecursiveTableAccess implements TableAccess {
    private final PagedMemory cpu;
    private final int rootIndex;
    private final TranslationRoot root;
    private final Geometry geometry;
    private final EntryFormat format;
    private final int slot;
    private final int levels;
    private final TableAccess unlinkedAccess;
    private final PagingCacheFlusher windowFlusher;
    private final RecursiveView[] views;
    private final RangeCursor cursor;

    /**
     * An access to the tables loaded in root register {@code rootIndex}, through recursive slot
     * {@code slot}.
     *
     * @param cpu the paged memory the tables are read and written through
     * @param rootIndex the root register's index in the architecture's roots, from 0
     * @param slot the top-level index (level 0) of the entry pointing back at the root table
     * @param unlinkedAccess how new tables are zeroed before they are linked (they are not
     *     reachable recursively yet)
     * @param windowFlusher told of the windows to invalidate when a present upper-level entry
     *     changes
     * @throws IllegalArgumentException when the root cannot be reached through {@code slot} ({@link
     *     #unsupportedReason} says why)
     */
    public RecursiveTableAccess(
            PagedMemory cpu,
            int rootIndex,
            int slot,
            TableAccess unlinkedAccess,
            PagingCacheFlusher windowFlusher) {
        this.cpu = cpu;
        this.rootIndex = rootIndex;
        this.root = cpu.architecture().roots().get(rootIndex);
        this.geometry = root.geometry();
        this.format = root.format();
        this.slot = slot;
        this.levels = geometry.levelCount();
        this.cursor = new RangeCursor(geometry);
        String why = unsupportedReason(root, slot);
        if (why != null) {
            throw new IllegalArgumentException(
                    "cannot reach "
                            + root.registerName()
                            + "'s tables recursively: "
                            + why
                            + "; use DirectMapTableAccess or TemporaryMappingTableAccess instead");
        }
        this.unlinkedAccess = unlinkedAccess;
        this.windowFlusher = windowFlusher;
        this.views = new RecursiveView[levels];
        for (int level = 0; level < levels; level++) {
            views[level] = new RecursiveView(level);
        }
    }

    /**
     * Null when {@code root} can be reached through recursive slot {@code slot}, else why not.
     *
     * @param root the translation root whose geometry and format are checked
     * @param slot the candidate top-level index (level 0) of the recursive entry
     * @return null when a recursive walk works, else a sentence naming the obstacle
     */
    public static @Nullable String unsupportedReason(TranslationRoot root, int slot) {
        Geometry geometry = root.geometry();
        if (slot < 0 || slot >= geometry.entryCount(0)) {
            return "slot "
                    + slot
                    + " is not an entry of the top table (0.."
                    + (geometry.entryCount(0) - 1)
                    + ")";
        }
        int last = geometry.lastLevel();
        for (int level = 0; level <= last; level++) {
            if (geometry.entryCount(level) != geometry.entryCount(0)
                    || geometry.entrySize(level) != geometry.entrySize(0)) {
                return "level "
                        + geometry.level(level).name()
                        + " has "
                        + geometry.entryCount(level)
                        + " entries of "
                        + geometry.entrySize(level)
                        + " bytes but the top has "
                        + geometry.entryCount(0)
                        + " of "
                        + geometry.entrySize(0)
                        + ": a recursive walk needs the same fan-out at every level";
            }
        }
        for (int level = 0; level <= last; level++) {
            if (geometry.level(level).tableBytes() != geometry.pageSize()) {
                return "a level-"
                        + level
                        + " table is "
                        + Hex.size(geometry.level(level).tableBytes())
                        + ", not one page of "
                        + Hex.size(geometry.pageSize());
            }
        }
        // only levels above the last link tables; each such entry is read at other levels by a
        // recursive walk, and so
        // is the slot itself (a kernel table entry)
        for (int level = 0; level <= last; level++) {
            long entry =
                    level == last
                            ? root.format().kernelTableEntry(0, geometry.pageSize())
                            : root.format().tableEntry(level, geometry.pageSize());
            String what =
                    level == last
                            ? "the recursive slot's kernel table entry"
                            : "a level-" + level + " table entry";
            // the walk reads one table entry at every level: as a table above the last, as a page
            // at it
            for (int reader = 0; reader < last; reader++) {
                if (root.format().kind(reader, entry) != EntryKind.TABLE) {
                    return what + " does not read as a table entry at level " + reader;
                }
            }
            if (root.format().kind(last, entry) != EntryKind.LEAF) {
                return what + " does not read as a page at the last level";
            }
            if (!root.format()
                    .leafFlags(last, entry)
                    .rights()
                    .contains(MappingAccessRights.KERNEL_RW)) {
                return "a table entry read as a page is not writable, so tables could not be changed through it";
            }
        }
        return null;
    }

    /**
     * The recursive slot.
     *
     * @return the top-level index (level 0) of the entry pointing back at the root table
     */
    public int slot() {
        return slot;
    }

    /**
     * The virtual address of the table at {@code level} that translates the linear range starting
     * at {@code linearBase}.
     *
     * @param level the table's level, 0 = top (the root table)
     * @param linearBase a linear address inside the range the table translates; only its index
     *     fields above {@code level} count
     * @return the canonical virtual address at which the table appears as a page
     */
    public long windowAddress(int level, long linearBase) {
        return root.canonicalForm().virtual(windowLinear(level, linearBase));
    }

    private long windowLinear(int level, long linearBase) {
        long linear = 0;
        int recursions = levels - level;
        for (int field = 0; field < recursions; field++) {
            linear |= cursor.indexBits(field, slot);
        }
        for (int j = 0; j < level; j++) {
            linear |= cursor.indexBits(recursions + j, cursor.index(j, linearBase));
        }
        return linear;
    }

    @Override
    public TableView open(int level, long tablePhysicalAddress, long linearBase) {
        if (level == 0 && tablePhysicalAddress != cpu.rootTable(rootIndex)) {
            throw new HierarchyStateException(
                    "the hierarchy rooted at "
                            + Hex.of(tablePhysicalAddress)
                            + " is not active ("
                            + root.registerName()
                            + " points at "
                            + Hex.of(cpu.rootTable(rootIndex))
                            + "), so its recursive window "
                            + "shows another hierarchy; switch to it first or use an inactive access");
        }
        return views[level].at(
                tablePhysicalAddress, windowAddress(level, linearBase), linearBase & -span(level));
    }

    @Override
    public TableView openUnlinked(int level, long tablePhysicalAddress) {
        return unlinkedAccess.openUnlinked(level, tablePhysicalAddress);
    }

    @Override
    public void tableUnlinked(int level, long tablePhysicalAddress, long linearBase) {
        long va = windowAddress(level, linearBase);
        windowFlusher.flushRange(va, va + geometry.pageSize() - 1, false);
    }

    /** Bytes of linear space a table at {@code level} translates. */
    private long span(int level) {
        return level == 0 ? geometry.linearSpan() : cursor.span(level - 1);
    }

    /**
     * Invalidates the windows of every table below entry {@code index} of the level-{@code level}
     * table at {@code tableBase}.
     */
    private void invalidateWindowsBelow(int level, long tableBase, int index) {
        long childBase = cursor.entryStart(level, tableBase, index);
        long page = geometry.pageSize();
        int bits = geometry.level(0).indexBits();
        for (int below = level + 1; below < levels; below++) {
            long first = windowLinear(below, childBase);
            long pages = 1L << (bits * (below - level - 1));
            windowFlusher.flushRange(
                    root.canonicalForm().virtual(first),
                    root.canonicalForm().virtual(first + pages * page - 1),
                    false);
        }
    }

    private final class RecursiveView extends VirtualTableView {
        private final int level;
        private long tableBase;

        RecursiveView(int level) {
            super(RecursiveTableAccess.this.cpu, cursor, level);
            this.level = level;
        }

        RecursiveView at(long physical, long virtual, long base) {
            super.at(physical, virtual);
            this.tableBase = base;
            return this;
        }

        @Override
        public void write(int index, long raw) {
            if (level < levels - 1) {
                long old = read(index);
                EntryKind kind = format.kind(level, old);
                super.write(index, raw);
                if (old != raw && (kind == EntryKind.TABLE || kind == EntryKind.LEAF)) {
                    invalidateWindowsBelow(level, tableBase, index);
                }
                return;
            }
            super.write(index, raw);
        }
    }
}
