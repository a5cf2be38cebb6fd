package io.pagoda.paging.export;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Tables built from a {@link BootLayout} in simulated memory, ready to be written out ({@link
 * BootArtifacts}): the root tables first at the layout's base (one per root register, in register
 * order), the lower tables after them, every one inside {@code [base, end)}.
 */
public final class BootTables {
    private final BootLayout layout;
    private final SparseMemory memory;
    private final List<TableHierarchy> hierarchies;
    private final long[] rootTables;
    private final RootRegisters registers;
    private final long end;

    private BootTables(
            BootLayout layout,
            SparseMemory memory,
            List<TableHierarchy> hierarchies,
            long[] rootTables,
            RootRegisters registers,
            long end) {
        this.layout = layout;
        this.memory = memory;
        this.hierarchies = hierarchies;
        this.rootTables = rootTables;
        this.registers = registers;
        this.end = end;
    }

    /**
     * Checks the whole layout, then builds its tables; nothing outside the returned value is
     * touched.
     *
     * @throws LayoutException naming the mapping and field at fault
     * @param layout the declared address space
     * @return the tables, in simulated memory of their own
     */
    public static BootTables build(BootLayout layout) {
        Architecture architecture = layout.architecture();
        List<TranslationRoot> roots = architecture.roots();
        long page = roots.get(0).geometry().pageSize();
        LayoutCheck.check(layout, page);

        SparseMemory memory = new SparseMemory(Math.min(63, architecture.physicalAddressBits()));
        BitmapFrameAllocator frames =
                new BitmapFrameAllocator(layout.base(), layout.tableSpace() / page, page);
        List<TableHierarchy> hierarchies = new ArrayList<>();
        long[] rootTables = new long[roots.size()];
        try {
            for (int i = 0; i < roots.size(); i++) {
                TranslationRoot root = roots.get(i);
                PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
                rootTables[i] = TableHierarchy.allocateRoot(root, access, frames);
                hierarchies.add(
                        new TableHierarchy(
                                root,
                                architecture.physicalAddressBits(),
                                rootTables[i],
                                access,
                                frames,
                                NoFlush.INSTANCE));
            }
        } catch (OutOfPhysicalMemoryException e) {
            throw new LayoutException(
                    -1,
                    "",
                    "table-space",
                    "too small for the root tables; give at least "
                            + Hex.size(page * roots.size()));
        } catch (PagingException e) {
            throw new LayoutException(-1, "", "base", problem(e));
        }
        List<BootMapping> mappings = layout.mappings();
        for (int i = 0; i < mappings.size(); i++) {
            BootMapping mapping = mappings.get(i);
            // LayoutCheck has placed every mapping inside one root's range
            TableHierarchy tables =
                    hierarchies.get(
                            architecture.rootIndexFor(mapping.virtualStart()).orElseThrow());
            try {
                apply(tables, mapping);
            } catch (RightsNotExpressibleException e) {
                throw new LayoutException(i, mapping.name(), "rights", problem(e));
            } catch (OutOfPhysicalMemoryException e) {
                throw new LayoutException(
                        i,
                        mapping.name(),
                        "table-space",
                        "the tables outgrow the layout's table space "
                                + Hex.of(layout.base())
                                + " + "
                                + Hex.size(layout.tableSpace())
                                + "; give a larger table-space");
            } catch (PagingException e) {
                throw new LayoutException(i, mapping.name(), "mapping", problem(e));
            }
        }
        long end = layout.base();
        for (long frame : frames.allocatedFrames()) {
            end = Math.max(end, frame + page);
        }
        RootRegisters registers;
        try {
            registers = architecture.rootRegisters(rootTables, layout.settings());
        } catch (IllegalArgumentException | PagingException e) {
            // the settings are what the registers add to the tables: name the one that cannot be
            // expressed
            RootSettings settings = layout.settings();
            String field =
                    settings.tag() != 0
                            ? "tag"
                            : settings.uncachedWalks()
                                    ? "uncached-walks"
                                    : settings.commonNotPrivate() ? "common-not-private" : "base";
            throw new LayoutException(-1, "", field, problem(e));
        }
        return new BootTables(layout, memory, List.copyOf(hierarchies), rootTables, registers, end);
    }

    private static void apply(TableHierarchy tables, BootMapping mapping) {
        if (mapping.guard()) {
            tables.guard(mapping.virtualStart(), mapping.size());
            return;
        }
        long cap = mapping.largestLeaf();
        LeafSizePolicy policy =
                mapping.leafSizes().equals(LeafSizePolicy.PAGES_ONLY)
                        ? LeafSizePolicy.PAGES_ONLY
                        : cap == 0 ? LeafSizePolicy.LARGEST_FITTING : LeafSizePolicy.atMost(cap);
        // a mapping that is not a guard has flags (BootMapping checks it)
        tables.mapContiguous(
                mapping.virtualStart(),
                mapping.physical(),
                mapping.size(),
                Objects.requireNonNull(mapping.flags()),
                policy);
    }

    /**
     * The layout the tables were built from.
     *
     * @return the layout
     */
    public BootLayout layout() {
        return layout;
    }

    /**
     * The paging variant the tables are for.
     *
     * @return the layout's architecture
     */
    public Architecture architecture() {
        return layout.architecture();
    }

    /**
     * The simulated memory holding the tables (and nothing else).
     *
     * @return the memory
     */
    public SparseMemory memory() {
        return memory;
    }

    /**
     * Physical address of the first table byte: the layout's base.
     *
     * @return the base physical address
     */
    public long base() {
        return layout.base();
    }

    /**
     * One past the last table byte: the flat image is {@code [base, end)}.
     *
     * @return the end physical address, exclusive
     */
    public long end() {
        return end;
    }

    /**
     * The root tables' physical addresses, in root-register order.
     *
     * @return a fresh array of the root tables' physical addresses
     */
    public long[] rootTables() {
        return rootTables.clone();
    }

    /**
     * The register values that switch a CPU to these tables.
     *
     * @return the register values, root registers first
     */
    public RootRegisters registers() {
        return registers;
    }

    /**
     * The hierarchy of root register {@code index}, to translate or walk.
     *
     * @param index the root's index in {@link Architecture#roots()}
     * @return the hierarchy under that root
     * @throws IndexOutOfBoundsException when there is no such root
     */
    public TableHierarchy hierarchy(int index) {
        return hierarchies.get(index);
    }

    /**
     * Where {@code va} goes: its physical address, or -1 when it is not mapped (a hole, a guard,
     * non-canonical).
     *
     * @param va a virtual address
     * @return the physical address, or -1
     */
    public long translate(long va) {
        OptionalInt root = layout.architecture().rootIndexFor(va);
        return root.isPresent() ? hierarchies.get(root.getAsInt()).translateAddress(va) : -1;
    }

    /**
     * The leaves and guards of {@code mapping}, in address order, as {@link Leaf} records.
     *
     * @param mapping one of the layout's mappings
     * @return its leaves and guards, by virtual address
     */
    public List<Leaf> leaves(BootMapping mapping) {
        List<Leaf> leaves = new ArrayList<>();
        TableHierarchy tables =
                hierarchies.get(
                        layout.architecture().rootIndexFor(mapping.virtualStart()).orElseThrow());
        Geometry geometry = tables.geometry();
        tables.forEveryMapping(
                mapping.virtualStart(),
                mapping.size(),
                (va, length, state, pa, level, flags) ->
                        leaves.add(new Leaf(va, length, pa, geometry.span(level))));
        leaves.sort(Comparator.comparingLong(l -> l.virtualStart() ^ Long.MIN_VALUE));
        return leaves;
    }

    /**
     * A leaf (or guard) entry the tables hold.
     *
     * @param virtualStart first virtual address
     * @param length bytes
     * @param physicalStart physical address of {@code virtualStart}, -1 for a guard
     * @param entrySpan the span of one entry at its level: the leaf size
     */
    public record Leaf(long virtualStart, long length, long physicalStart, long entrySpan) {}

    /** The exception's message, or its name when it has none. */
    private static String problem(Exception e) {
        String message = e.getMessage();
        return message != null ? message : e.toString();
    }
}
