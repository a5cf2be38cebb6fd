package io.pagoda.paging.machine;

import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.cpu.TlbFlusher;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.PagingCacheFlusher;
import io.pagoda.paging.table.TableAccess;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.access.DirectMapTableAccess;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import io.pagoda.paging.table.access.RecursiveTableAccess;

/**
 * The hierarchy a root register points at now: its tables reached with paging on (recursively,
 * through the direct map, or physically for a paging-off view) and every change flushed from the
 * simulated TLB by a {@link TlbFlusher}. A recursive one refuses to run once its root is no longer
 * loaded, since its window then shows another hierarchy.
 */
public final class ActiveHierarchy {
    private final SimulatedCpu cpu;
    private final int rootIndex;
    private final TableHierarchy tables;
    private final PagingCacheFlusher flusher;

    /**
     * The hierarchy rooted at {@code rootTable}, its tables reached through {@code access}.
     *
     * @param cpu the CPU whose root register {@code rootIndex} loads the hierarchy
     * @param rootIndex the root register's index in the architecture's roots, from 0
     * @param rootTable the physical address of the root table
     * @param access how the tables are reached
     * @param allocator where new tables take their frames
     * @param flusher told of every translation a change affects
     * @throws IllegalArgumentException when the allocator's frames are smaller than the geometry's
     *     tables
     */
    public ActiveHierarchy(
            SimulatedCpu cpu,
            int rootIndex,
            long rootTable,
            TableAccess access,
            FrameAllocator allocator,
            PagingCacheFlusher flusher) {
        this.cpu = cpu;
        this.rootIndex = rootIndex;
        this.flusher = flusher;
        TranslationRoot root = cpu.architecture().roots().get(rootIndex);
        this.tables =
                new TableHierarchy(
                        root,
                        cpu.architecture().physicalAddressBits(),
                        rootTable,
                        access,
                        allocator,
                        flusher);
    }

    /**
     * The hierarchy loaded in root register {@code rootIndex}, reached through recursive slot
     * {@code slot}; new tables are zeroed at their physical address before they are linked.
     *
     * @param cpu the CPU whose root register {@code rootIndex} is loaded
     * @param rootIndex the root register's index in the architecture's roots, from 0
     * @param slot the top-level index (level 0) of the entry pointing back at the root table
     * @param allocator where new tables take their frames
     * @param flusher told of every translation a change affects
     * @return the hierarchy over the currently loaded root table
     */
    public static ActiveHierarchy recursive(
            SimulatedCpu cpu,
            int rootIndex,
            int slot,
            FrameAllocator allocator,
            PagingCacheFlusher flusher) {
        TranslationRoot root = cpu.architecture().roots().get(rootIndex);
        TableAccess unlinked = new PhysicalTableAccess(cpu.memory(), root.geometry());
        RecursiveTableAccess access =
                new RecursiveTableAccess(cpu, rootIndex, slot, unlinked, new TlbFlusher(cpu));
        return new ActiveHierarchy(
                cpu, rootIndex, cpu.rootTable(rootIndex), access, allocator, flusher);
    }

    /**
     * The hierarchy loaded in root register {@code rootIndex}, reached through a direct map at
     * {@code directMapBase}.
     *
     * @param cpu the CPU whose root register {@code rootIndex} is loaded
     * @param rootIndex the root register's index in the architecture's roots, from 0
     * @param directMapBase the virtual address where physical address 0 is mapped
     * @param allocator where new tables take their frames
     * @param flusher told of every translation a change affects
     * @return the hierarchy over the currently loaded root table
     */
    public static ActiveHierarchy directMap(
            SimulatedCpu cpu,
            int rootIndex,
            long directMapBase,
            FrameAllocator allocator,
            PagingCacheFlusher flusher) {
        TranslationRoot root = cpu.architecture().roots().get(rootIndex);
        return new ActiveHierarchy(
                cpu,
                rootIndex,
                cpu.rootTable(rootIndex),
                new DirectMapTableAccess(cpu, root.geometry(), directMapBase),
                allocator,
                flusher);
    }

    /**
     * The hierarchy loaded in root register {@code rootIndex}, its tables at their physical
     * addresses.
     *
     * @param cpu the CPU whose root register {@code rootIndex} is loaded
     * @param rootIndex the root register's index in the architecture's roots, from 0
     * @param allocator where new tables take their frames
     * @param flusher told of every translation a change affects
     * @return the hierarchy over the currently loaded root table
     */
    public static ActiveHierarchy physical(
            SimulatedCpu cpu, int rootIndex, FrameAllocator allocator, PagingCacheFlusher flusher) {
        TranslationRoot root = cpu.architecture().roots().get(rootIndex);
        return new ActiveHierarchy(
                cpu,
                rootIndex,
                cpu.rootTable(rootIndex),
                new PhysicalTableAccess(cpu.memory(), root.geometry()),
                allocator,
                flusher);
    }

    /**
     * The algorithms over this hierarchy, flushing the TLB after every change.
     *
     * @return the hierarchy's tables
     */
    public TableHierarchy tables() {
        return tables;
    }

    /**
     * The flusher (a {@link TlbFlusher} unless a test wired another, such as NoFlush, to prove the
     * checks fail).
     *
     * @return the flusher given at construction
     */
    public PagingCacheFlusher flusher() {
        return flusher;
    }

    /**
     * The CPU whose root register loads this hierarchy.
     *
     * @return the CPU given at construction
     */
    public SimulatedCpu cpu() {
        return cpu;
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
        return tables.rootTable();
    }

    /**
     * Whether the root register still points at this hierarchy's root.
     *
     * @return true while root register {@link #rootIndex()} holds {@link #rootTable()}
     */
    public boolean isActive() {
        return cpu.rootTable(rootIndex) == tables.rootTable();
    }
}
