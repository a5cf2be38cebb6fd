package io.pagoda.paging.table.access;

import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.table.RangeCursor;
import io.pagoda.paging.table.TableAccess;
import io.pagoda.paging.table.TableView;

/**
 * Tables reached at {@code directMapBase + physical address} through the simulated CPU: the way
 * Linux and most 64-bit kernels reach every table, active or not. The direct map must already be
 * mapped (writable, supervisor) in the active hierarchy, covering every frame tables come from; see
 * {@link DirectMap}. A new table is reachable before it is linked, so it is zeroed first and linked
 * after.
 */
public final class DirectMapTableAccess implements TableAccess {
    private final long directMapBase;
    private final VirtualTableView[] linked;
    private final VirtualTableView[] unlinked;

    /**
     * An access through the direct map at {@code directMapBase}.
     *
     * @param cpu the paged memory the tables are read and written through
     * @param geometry the geometry of the tables reached
     * @param directMapBase the virtual address where physical address 0 is mapped
     * @throws IllegalArgumentException when {@code directMapBase} is -1 (the layout has no direct
     *     map)
     */
    public DirectMapTableAccess(PagedMemory cpu, Geometry geometry, long directMapBase) {
        if (directMapBase == -1L) {
            throw new IllegalArgumentException(
                    "the layout has no direct map: give a direct-map base address "
                            + "(AddressLayout.withDirectMapBase) and map physical memory there first");
        }
        this.directMapBase = directMapBase;
        int levels = geometry.levelCount();
        RangeCursor cursor = new RangeCursor(geometry);
        linked = new VirtualTableView[levels];
        unlinked = new VirtualTableView[levels];
        for (int level = 0; level < levels; level++) {
            linked[level] = new VirtualTableView(cpu, cursor, level);
            unlinked[level] = new VirtualTableView(cpu, cursor, level);
        }
    }

    /**
     * Where the direct map starts.
     *
     * @return the virtual address where physical address 0 is mapped
     */
    public long directMapBase() {
        return directMapBase;
    }

    @Override
    public TableView open(int level, long tablePhysicalAddress, long linearBase) {
        return linked[level].at(tablePhysicalAddress, directMapBase + tablePhysicalAddress);
    }

    @Override
    public TableView openUnlinked(int level, long tablePhysicalAddress) {
        return unlinked[level].at(tablePhysicalAddress, directMapBase + tablePhysicalAddress);
    }
}
