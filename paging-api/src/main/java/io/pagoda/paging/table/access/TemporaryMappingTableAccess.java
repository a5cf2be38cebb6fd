package io.pagoda.paging.table.access;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.RangeCursor;
import io.pagoda.paging.table.TableAccess;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.TableView;
import io.pagoda.paging.table.UnmapCallback;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An inactive hierarchy's tables reached the seed's way: each open maps the table's frame at a page
 * of a kernel window in the ACTIVE hierarchy, and closing the handle unmaps it again (the active
 * hierarchy's flusher invalidates the page). The window has one page per level for linked tables
 * and one per level for unlinked ones, so the algorithms' one-table-per-level rule always finds a
 * free page.
 *
 * <p>Window mappings are global, so an invalidation of the page removes them under every tag.
 */
public final class TemporaryMappingTableAccess implements TableAccess {

    private final Supplier<TableHierarchy> active;
    private final long windowBase;
    private final long page;
    private final WindowView[] linked;
    private final WindowView[] unlinked;
    private long mappingsMade;

    /**
     * An access mapping each table it opens at a page of the window at {@code windowBase}.
     *
     * @param cpu the paged memory the mapped tables are read and written through
     * @param geometry the geometry of the tables reached
     * @param active the hierarchy now active where the window lives (asked at each open, so a
     *     switch is followed)
     * @param windowBase first virtual address of the window: {@link #windowPages} free pages of the
     *     shared kernel range
     * @throws IllegalArgumentException when {@code windowBase} is not page-aligned or a table of
     *     the geometry is larger than one page
     */
    public TemporaryMappingTableAccess(
            PagedMemory cpu, Geometry geometry, Supplier<TableHierarchy> active, long windowBase) {
        this.active = active;
        this.windowBase = windowBase;
        this.page = cpu.pageSize();
        if ((windowBase & (page - 1)) != 0) {
            throw new IllegalArgumentException(
                    "the temporary-mapping window " + Hex.of(windowBase) + " is not page aligned");
        }
        int levels = geometry.levelCount();
        RangeCursor cursor = new RangeCursor(geometry);
        linked = new WindowView[levels];
        unlinked = new WindowView[levels];
        for (int level = 0; level < levels; level++) {
            if (geometry.level(level).tableBytes() > page) {
                throw new IllegalArgumentException(
                        "a level-"
                                + level
                                + " table of "
                                + Hex.size(geometry.level(level).tableBytes())
                                + " does not fit one window page of "
                                + Hex.size(page));
            }
            linked[level] = new WindowView(cpu, cursor, level, windowBase + level * page);
            unlinked[level] =
                    new WindowView(cpu, cursor, level, windowBase + (levels + level) * page);
        }
    }

    /**
     * Pages the window needs for a geometry of {@code levels} levels.
     *
     * @param levels the geometry's level count
     * @return the number of pages: one per level for linked tables, one per level for unlinked ones
     */
    public static int windowPages(int levels) {
        return 2 * levels;
    }

    /**
     * Builds the window's tables in the active hierarchy's shared kernel part (mapping each window
     * page once to {@code anyFrame} and unmapping it again; {@code page} is the CPU's smallest
     * page), so every address space that copies the kernel part gets them.
     *
     * @param active the active hierarchy the window is built in
     * @param windowBase the window's first virtual address, page-aligned
     * @param page the window's page size in bytes
     * @param anyFrame a page-aligned physical address to map for the moment; it is not changed
     * @throws io.pagoda.paging.error.PagingException when a window page is already mapped or the
     *     tables cannot be made (as {@link TableHierarchy#mapContiguous} refuses)
     */
    public static void prepareWindow(
            TableHierarchy active, long windowBase, long page, long anyFrame) {
        int pages = windowPages(active.geometry().levelCount());
        MappingFlags flags = KernelDataFlags.of(active.format(), active.geometry());
        for (int p = 0; p < pages; p++) {
            active.mapContiguous(
                    windowBase + p * page, anyFrame, page, flags, LeafSizePolicy.PAGES_ONLY);
            active.unmap(windowBase + p * page, page, UnmapCallback.NONE);
        }
    }

    /**
     * Where the window starts.
     *
     * @return the window's first virtual address
     */
    public long windowBase() {
        return windowBase;
    }

    /**
     * Temporary mappings made so far (each undone on close).
     *
     * @return how many times a table was mapped into the window
     */
    public long mappingsMade() {
        return mappingsMade;
    }

    @Override
    public TableView open(int level, long tablePhysicalAddress, long linearBase) {
        return linked[level].map(tablePhysicalAddress);
    }

    @Override
    public TableView openUnlinked(int level, long tablePhysicalAddress) {
        return unlinked[level].map(tablePhysicalAddress);
    }

    private @Nullable MappingFlags windowFlags;

    private final class WindowView extends VirtualTableView {
        private final long slot;
        private boolean mapped;

        WindowView(PagedMemory cpu, RangeCursor cursor, int level, long slot) {
            super(cpu, cursor, level);
            this.slot = slot;
        }

        WindowView map(long tablePhysicalAddress) {
            if (mapped) {
                close();
            }
            TableHierarchy window = active.get();
            if (windowFlags == null) {
                windowFlags = KernelDataFlags.of(window.format(), window.geometry());
            }
            window.mapContiguous(
                    slot,
                    tablePhysicalAddress & -page,
                    page,
                    windowFlags,
                    LeafSizePolicy.PAGES_ONLY);
            mapped = true;
            mappingsMade++;
            at(tablePhysicalAddress, slot + (tablePhysicalAddress & (page - 1)));
            return this;
        }

        @Override
        public void close() {
            if (mapped) {
                mapped = false;
                active.get().unmap(slot, page, UnmapCallback.NONE);
            }
        }
    }
}
