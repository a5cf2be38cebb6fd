package io.pagoda.paging.machine;

import io.pagoda.paging.Hex;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.error.HierarchyStateException;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.PagingCacheFlusher;
import io.pagoda.paging.table.RangeWalk;
import io.pagoda.paging.table.TableAccess;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.TableTreeVisitor;
import io.pagoda.paging.table.TableView;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One address space's hierarchy for one root register, with the seed's {@code
 * InactiveHierarchyTrait} contract: {@link #create new}, {@link #switchTo}, {@link
 * #copyActiveKernelSpace}, {@link #isCurrentlyActive}, {@link #fromCurrentlyActive}, and {@link
 * #close} (frees its user tables and root; never the shared kernel tables, never leaf frames;
 * refused while active).
 *
 * <p>Every call takes the machine's lock, and {@link #withTables} decides "active or not" under
 * that same lock as the operation runs: active, the tables are reached the active way and the TLB
 * is flushed; inactive, the inactive way, flushing nothing but changes to the shared kernel part
 * (which the active hierarchy uses too).
 */
public final class SwitchableHierarchy implements AutoCloseable {
    private final Machine mmu;
    private final int rootIndex;
    private final TranslationRoot root;
    private final long rootTable;
    private final int tag;
    private @Nullable TableHierarchy inactiveTables;
    private boolean closed;

    /**
     * Whether this hierarchy changed while inactive, so its tag's cached translations may be stale.
     */
    private boolean staleUnderTag;

    private SwitchableHierarchy(Machine mmu, int rootIndex, long rootTable, int tag) {
        this.mmu = mmu;
        this.rootIndex = rootIndex;
        this.root = mmu.architecture().roots().get(rootIndex);
        this.rootTable = rootTable;
        this.tag = tag;
    }

    /**
     * A new, empty hierarchy (the seed's {@code new}): a root table allocated and zeroed, its
     * recursive slot pointing back at it when the machine reaches tables recursively. The shared
     * kernel entries are filled by the first {@link #switchTo}.
     *
     * @param mmu the machine the hierarchy belongs to
     * @param rootIndex the root register's index in the architecture's roots, from 0
     * @return the new hierarchy, inactive, with a fresh address-space tag
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when no frame is left for the
     *     root table
     * @throws io.pagoda.paging.error.PhysicalAddressException when the allocator's frame lies above
     *     what the root register can hold (the frame is given back)
     */
    public static SwitchableHierarchy create(Machine mmu, int rootIndex) {
        mmu.lock().lock();
        try {
            FrameAllocator allocator = mmu.allocator();
            TableAccess access = mmu.newInactiveAccess(rootIndex);
            TranslationRoot root = mmu.architecture().roots().get(rootIndex);
            long table = TableHierarchy.allocateRoot(root, access, allocator);
            if (rootIndex == mmu.recursiveRoot()) {
                try (TableView view = access.openUnlinked(0, table)) {
                    view.write(
                            mmu.layout().recursiveSlot(), root.format().kernelTableEntry(0, table));
                }
            }
            return new SwitchableHierarchy(mmu, rootIndex, table, mmu.allocateTag());
        } finally {
            mmu.lock().unlock();
        }
    }

    /**
     * Wraps the hierarchy root register {@code rootIndex} points at now (the seed took over the
     * bootstrap's tables so).
     *
     * @param mmu the machine whose CPU holds the root register
     * @param rootIndex the root register's index in the architecture's roots, from 0
     * @return a hierarchy over the loaded root table, with the tag loaded with it
     */
    public static SwitchableHierarchy fromCurrentlyActive(Machine mmu, int rootIndex) {
        mmu.lock().lock();
        try {
            long register = mmu.cpu().register(rootIndex);
            TranslationRoot root = mmu.architecture().roots().get(rootIndex);
            return new SwitchableHierarchy(
                    mmu, rootIndex, root.tableAddress(register), root.tag(register));
        } finally {
            mmu.lock().unlock();
        }
    }

    /**
     * The machine this hierarchy belongs to.
     *
     * @return the machine given at creation
     */
    public Machine mmu() {
        return mmu;
    }

    /**
     * Which root register loads this hierarchy.
     *
     * @return the root register's index in the architecture's roots, from 0
     */
    public int rootIndex() {
        return rootIndex;
    }

    /**
     * Where this hierarchy's root table lies.
     *
     * @return the root table's physical address
     */
    public long rootTable() {
        return rootTable;
    }

    /**
     * The address-space tag (PCID / ASID) loaded with the root.
     *
     * @return the tag, 0 when the architecture has none
     */
    public int tag() {
        return tag;
    }

    /**
     * The register value that loads this hierarchy.
     *
     * @return the root table's address and the tag encoded as the root register holds them
     */
    public long registerValue() {
        return root.registerValue(rootTable, tag);
    }

    /**
     * Whether {@link #close()} has freed this hierarchy's tables.
     *
     * @return true once closed; every later use is refused
     */
    public boolean isClosed() {
        mmu.lock().lock();
        try {
            return closed;
        } finally {
            mmu.lock().unlock();
        }
    }

    /**
     * Whether the root register points at this hierarchy's root table now.
     *
     * @return true while this hierarchy is loaded
     */
    public boolean isCurrentlyActive() {
        ReentrantLock lock = mmu.lock();
        if (lock.isHeldByCurrentThread()) {
            // the address space asks before every access, already under the lock: a second
            // acquisition costs a hit its time
            return mmu.cpu().rootTable(rootIndex) == rootTable;
        }
        lock.lock();
        try {
            return mmu.cpu().rootTable(rootIndex) == rootTable;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies the shared kernel entries from the active hierarchy, then loads this root (the seed's
     * {@code switch_to}). With tags on, translations cached under this hierarchy's tag are dropped
     * when it changed while inactive.
     *
     * @throws io.pagoda.paging.error.HierarchyStateException when this hierarchy is closed
     */
    public void switchTo() {
        mmu.lock().lock();
        try {
            requireOpen("switch to");
            copyActiveKernelSpace();
            SimulatedCpu cpu = mmu.cpu();
            boolean wasActive = cpu.rootTable(rootIndex) == rootTable;
            cpu.loadRoot(rootIndex, registerValue());
            if (staleUnderTag && cpu.isTagged() && !wasActive) {
                mmu.architecture().tlbInstructions().invalidateContext(cpu.tlb(), cpu.currentTag());
            }
            staleUnderTag = false;
        } finally {
            mmu.lock().unlock();
        }
    }

    /**
     * Copies top-level entries {@code kernelRootFirst .. kernelRootLast} (not the recursive slot)
     * of the active hierarchy into this one: a shallow copy, so every address space shares the
     * kernel's tables. Nothing to do when the layout shares no top-level entries or this hierarchy
     * is the active one.
     *
     * @throws io.pagoda.paging.error.HierarchyStateException when this hierarchy is closed
     */
    public void copyActiveKernelSpace() {
        mmu.lock().lock();
        try {
            requireOpen("copy the kernel space into");
            AddressLayout layout = mmu.layout();
            if (!layout.sharesKernelRootEntries() || mmu.cpu().rootTable(rootIndex) == rootTable) {
                return;
            }
            int first = layout.kernelRootFirst();
            int last = layout.kernelRootLast();
            long[] entries = new long[last - first + 1];
            TableHierarchy active = mmu.activeTables(rootIndex);
            try (TableView view = active.access().open(0, active.rootTable(), 0)) {
                for (int i = first; i <= last; i++) {
                    entries[i - first] = view.read(i);
                }
            }
            // the active view is closed before this table is opened: a temporary mapping changes
            // the active tables
            try (TableView view = inactiveTables().access().open(0, rootTable, 0)) {
                for (int i = first; i <= last; i++) {
                    if (!(mmu.recursiveRoot() == rootIndex && i == layout.recursiveSlot())) {
                        view.write(i, entries[i - first]);
                    }
                }
            }
        } finally {
            mmu.lock().unlock();
        }
    }

    /**
     * Runs {@code operation} on this hierarchy's tables, reached the way its state needs right now:
     * decided and run under the machine's lock, so no switch can come between.
     *
     * @param <T> what the operation returns
     * @param operation the work to do on the tables; it must not keep them past its return
     * @return what {@code operation} returned
     * @throws io.pagoda.paging.error.HierarchyStateException when this hierarchy is closed
     */
    public <T> T withTables(Function<TableHierarchy, T> operation) {
        mmu.lock().lock();
        try {
            requireOpen("use");
            if (mmu.cpu().rootTable(rootIndex) == rootTable) {
                return operation.apply(mmu.activeTables(rootIndex));
            }
            return operation.apply(inactiveTables());
        } finally {
            mmu.lock().unlock();
        }
    }

    private TableHierarchy inactiveTables() {
        TableHierarchy tables = inactiveTables;
        if (tables == null) {
            tables =
                    new TableHierarchy(
                            root,
                            mmu.architecture().physicalAddressBits(),
                            rootTable,
                            mmu.newInactiveAccess(rootIndex),
                            mmu.allocator(),
                            new SharedKernelFlusher());
            inactiveTables = tables;
        }
        return tables;
    }

    /**
     * Frees every table of the user part and the root table. The shared kernel tables (top-level
     * entries {@code kernelRootFirst .. kernelRootLast}) and the leaf frames are not this
     * hierarchy's to free. Tables the allocator did not hand out (a foreign bootstrap) are left
     * alone. Closing twice does nothing.
     *
     * @throws HierarchyStateException when this hierarchy is the active one
     */
    @Override
    public void close() {
        mmu.lock().lock();
        try {
            if (closed) {
                return;
            }
            if (mmu.cpu().rootTable(rootIndex) == rootTable) {
                throw new HierarchyStateException(
                        "cannot close the hierarchy rooted at "
                                + Hex.of(rootTable)
                                + ": "
                                + root.registerName()
                                + " points at it; switch to another hierarchy first");
            }
            long[] tables = userTables();
            FrameAllocator allocator = mmu.allocator();
            for (long table : tables) {
                if (allocator.isAllocated(table)) {
                    allocator.free(table);
                }
            }
            if (allocator.isAllocated(rootTable)) {
                allocator.free(rootTable);
            }
            mmu.forget(rootIndex, rootTable);
            if (mmu.cpu().isTagged()) {
                // the tag may be handed out again: nothing cached under it may survive
                mmu.cpu().tlb().dropTag(tag, false);
            }
            closed = true;
        } finally {
            mmu.lock().unlock();
        }
    }

    /**
     * Every table below the root outside the shared kernel entries and the recursive slot, read
     * physically.
     */
    private long[] userTables() {
        AddressLayout layout = mmu.layout();
        int lastLevel = root.geometry().lastLevel();
        boolean recursiveRoot = rootIndex == mmu.recursiveRoot();
        long[][] found = {new long[16]};
        int[] count = {0};
        RangeWalk walk =
                new RangeWalk(root, new PhysicalTableAccess(mmu.memory(), root.geometry()));
        walk.walkAll(
                rootTable,
                new TableTreeVisitor() {
                    @Override
                    public boolean table(int level, int index, long linear, long raw, long child) {
                        if (level == 0) {
                            boolean shared =
                                    layout.sharesKernelRootEntries()
                                            && index >= layout.kernelRootFirst()
                                            && index <= layout.kernelRootLast();
                            if (shared || (recursiveRoot && index == layout.recursiveSlot())) {
                                return false;
                            }
                        }
                        if (count[0] == found[0].length) {
                            found[0] = Arrays.copyOf(found[0], count[0] * 2);
                        }
                        found[0][count[0]++] = child;
                        // a last-level table links no tables: no need to read it
                        return level + 1 < lastLevel;
                    }

                    @Override
                    public boolean malformed(
                            int level, int index, long linear, long raw, String why) {
                        // closing frees what this hierarchy owns; a malformed entry links nothing
                        // it could own
                        return true;
                    }
                });
        return Arrays.copyOf(found[0], count[0]);
    }

    /**
     * An inactive hierarchy's own tables are in no TLB ({@link NoFlush}) while untagged; its kernel
     * part is the kernel's shared tables, which the active hierarchy translates through: a change
     * there is flushed on the CPU. With tags, translations cached while this hierarchy was last
     * active survive under its tag, so a change marks them stale and the next {@link #switchTo}
     * invalidates the context after loading the root (as Linux reloads CR3 without the no-flush bit
     * when an mm changed while switched out).
     */
    private final class SharedKernelFlusher implements PagingCacheFlusher {
        @Override
        public void flushRange(long firstVirtual, long lastVirtual, boolean global) {
            AddressLayout layout = mmu.layout();
            if (layout.sharesKernelRootEntries()
                    && Long.compareUnsigned(firstVirtual, layout.kernelLast()) <= 0
                    && Long.compareUnsigned(lastVirtual, layout.kernelFirst()) >= 0) {
                mmu.active(rootIndex).flusher().flushRange(firstVirtual, lastVirtual, global);
            }
            staleUnderTag = true;
        }

        @Override
        public void flushAll() {
            mmu.active(rootIndex).flusher().flushAll();
            staleUnderTag = true;
        }
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new HierarchyStateException(
                    "cannot "
                            + what
                            + " the hierarchy rooted at "
                            + Hex.of(rootTable)
                            + ": it is closed and its tables are freed; create a new one");
        }
    }

    @Override
    public String toString() {
        return root.registerName()
                + " hierarchy at "
                + Hex.of(rootTable)
                + (tag != 0 ? " tag " + tag : "")
                + (closed ? " (closed)" : "");
    }
}
