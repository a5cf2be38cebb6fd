package io.pagoda.paging.machine;

import io.pagoda.paging.Hex;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.cpu.SimulatedTlb;
import io.pagoda.paging.cpu.TlbFlusher;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.memory.FrameRange;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.RangeCursor;
import io.pagoda.paging.table.TableAccess;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.access.DirectMap;
import io.pagoda.paging.table.access.DirectMapTableAccess;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import io.pagoda.paging.table.access.RecursiveTableAccess;
import io.pagoda.paging.table.access.TemporaryMappingTableAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A simulated machine's paging side: memory, a frame allocator, one {@link SimulatedCpu}, how
 * tables are reached (active and inactive) and the one lock under which "which hierarchy is active"
 * is decided together with the operation that depends on it (the seed decided it before, a race).
 *
 * <p>Creating one boots it: a root table per root register is allocated and zeroed, its recursive
 * slot set when the layout has one, the direct map installed when one is used, and the roots
 * loaded. That bootstrap hierarchy is what {@link SwitchableHierarchy#fromCurrentlyActive} wraps.
 */
public final class Machine {

    /** How the active hierarchy's tables are reached. */
    public enum ActiveAccess {
        /**
         * Through the layout's recursive slot: the root table points at itself, so tables appear as
         * pages.
         */
        RECURSIVE,
        /**
         * Through the direct map: all of the covered physical memory mapped at the layout's
         * direct-map base.
         */
        DIRECT_MAP,
        /** At their physical addresses, as with paging off. */
        PHYSICAL
    }

    /** How an inactive hierarchy's tables are reached. */
    public enum InactiveAccess {
        /**
         * Each table mapped in turn at one page of the temporary-mapping window of the active
         * hierarchy.
         */
        TEMPORARY_MAPPING,
        /** Through the direct map, which every hierarchy shares. */
        DIRECT_MAP,
        /** At their physical addresses, as with paging off. */
        PHYSICAL
    }

    /**
     * Machine options. Null accesses and -1 addresses mean "choose from the layout": recursive when
     * the layout has a usable recursive slot (then temporary mappings for inactive tables, as the
     * seed), else the direct map when it has one, else physical.
     *
     * @param tagged whether root loads keep other tags' translations (PCID / ASID on)
     * @param tlbCapacity TLB entries
     * @param flushThreshold most pages a flush invalidates one by one
     * @param directMapFirst first physical address the direct map covers (-1: the allocator's
     *     range)
     * @param directMapLength bytes the direct map covers (-1: the allocator's range)
     * @param temporaryWindow virtual address of the temporary-mapping window (-1: at the last
     *     shared kernel entry)
     * @param active how the active hierarchy's tables are reached (null: chosen from the layout)
     * @param inactive how inactive hierarchies' tables are reached (null: chosen from the active
     *     access)
     */
    public record Options(
            boolean tagged,
            int tlbCapacity,
            int flushThreshold,
            @Nullable ActiveAccess active,
            @Nullable InactiveAccess inactive,
            long directMapFirst,
            long directMapLength,
            long temporaryWindow) {

        /**
         * The defaults: untagged, the default TLB capacity and flush threshold, accesses and
         * addresses chosen from the layout.
         *
         * @return options with every access and address left to the machine
         */
        public static Options defaults() {
            return new Options(
                    false,
                    SimulatedTlb.DEFAULT_CAPACITY,
                    TlbFlusher.DEFAULT_THRESHOLD,
                    null,
                    null,
                    -1,
                    -1,
                    -1);
        }

        /**
         * These options with tags on or off.
         *
         * @param on whether root loads keep other tags' translations (PCID / ASID on)
         * @return a copy with {@code tagged} replaced
         */
        public Options withTagged(boolean on) {
            return new Options(
                    on,
                    tlbCapacity,
                    flushThreshold,
                    active,
                    inactive,
                    directMapFirst,
                    directMapLength,
                    temporaryWindow);
        }

        /**
         * These options with another TLB size.
         *
         * @param entries how many translations the simulated TLB holds
         * @return a copy with {@code tlbCapacity} replaced
         */
        public Options withTlbCapacity(int entries) {
            return new Options(
                    tagged,
                    entries,
                    flushThreshold,
                    active,
                    inactive,
                    directMapFirst,
                    directMapLength,
                    temporaryWindow);
        }

        /**
         * These options with another flush threshold.
         *
         * @param pages the most pages a flush invalidates one by one; a larger change flushes
         *     everything
         * @return a copy with {@code flushThreshold} replaced
         */
        public Options withFlushThreshold(int pages) {
            return new Options(
                    tagged,
                    tlbCapacity,
                    pages,
                    active,
                    inactive,
                    directMapFirst,
                    directMapLength,
                    temporaryWindow);
        }

        /**
         * These options with the ways tables are reached chosen instead of taken from the layout.
         *
         * @param activeAccess how the active hierarchy's tables are reached
         * @param inactiveAccess how inactive hierarchies' tables are reached
         * @return a copy with {@code active} and {@code inactive} replaced
         */
        public Options withAccess(ActiveAccess activeAccess, InactiveAccess inactiveAccess) {
            return new Options(
                    tagged,
                    tlbCapacity,
                    flushThreshold,
                    activeAccess,
                    inactiveAccess,
                    directMapFirst,
                    directMapLength,
                    temporaryWindow);
        }

        /**
         * These options with the physical range the direct map covers.
         *
         * @param first the first physical address covered
         * @param length how many bytes are covered
         * @return a copy with {@code directMapFirst} and {@code directMapLength} replaced
         */
        public Options withDirectMapRange(long first, long length) {
            return new Options(
                    tagged,
                    tlbCapacity,
                    flushThreshold,
                    active,
                    inactive,
                    first,
                    length,
                    temporaryWindow);
        }

        /**
         * These options with the temporary-mapping window placed at {@code va}.
         *
         * @param va the window's virtual address, in the shared kernel part
         * @return a copy with {@code temporaryWindow} replaced
         */
        public Options withTemporaryWindow(long va) {
            return new Options(
                    tagged,
                    tlbCapacity,
                    flushThreshold,
                    active,
                    inactive,
                    directMapFirst,
                    directMapLength,
                    va);
        }
    }

    private final Architecture architecture;
    private final AddressLayout layout;
    private final PhysicalMemory memory;
    private final FrameAllocator allocator;
    private final SimulatedCpu cpu;
    private final Options options;
    private final ActiveAccess activeAccess;
    private final InactiveAccess inactiveAccess;
    private final int recursiveRoot;
    private final long temporaryWindow;
    private final MachineLock lock = new MachineLock();
    private final Map<Long, ActiveHierarchy> activeByRoot = new HashMap<>();
    private final Map<Long, TableHierarchy> windowByRoot = new HashMap<>();
    private final long[] bootstrapRoots;

    /** The direct map's virtual range {first, last} once installed, else null. */
    private long @Nullable [] directMapRange;

    private final int maxTag;
    private int nextTag;

    /**
     * Boots a machine with {@link Options#defaults()}.
     *
     * @param architecture the paging format the machine translates with
     * @param memory the machine's physical memory
     * @param allocator where tables and mapped pages take their frames; from now on it zeroes the
     *     frames freed
     * @throws IllegalArgumentException when the layout offers no way to reach the tables the
     *     options ask for
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when no frame is left for the
     *     root tables or the direct map's tables
     */
    public Machine(Architecture architecture, PhysicalMemory memory, FrameAllocator allocator) {
        this(architecture, memory, allocator, Options.defaults());
    }

    /**
     * Boots a machine: allocates and zeroes a root table per root register, sets the recursive
     * slot, installs the direct map and builds the temporary-mapping window as the chosen accesses
     * need, and loads the roots.
     *
     * @param architecture the paging format the machine translates with
     * @param memory the machine's physical memory
     * @param allocator where tables and mapped pages take their frames; from now on it zeroes the
     *     frames freed
     * @param options the TLB, tags and the ways tables are reached
     * @throws IllegalArgumentException when recursive access is asked for but the layout has no
     *     usable recursive slot, a direct map is asked for but the layout has none, the direct
     *     map's physical range is unknown (no {@link Options#withDirectMapRange} and an allocator
     *     that cannot tell its range), or the temporary-mapping window is not canonical
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when no frame is left for the
     *     root tables or the tables of the direct map and the window
     */
    public Machine(
            Architecture architecture,
            PhysicalMemory memory,
            FrameAllocator allocator,
            Options options) {
        this.architecture = architecture;
        this.layout = architecture.layout();
        this.memory = memory;
        this.allocator = allocator;
        this.options = options;
        this.cpu =
                new SimulatedCpu(
                        architecture,
                        memory,
                        new SimulatedTlb(options.tlbCapacity()),
                        options.tagged());
        // freed tables and pages are zeroed, so creating and closing address spaces keeps simulated
        // memory flat
        allocator.releaseFreedFramesTo(memory);
        this.maxTag =
                architecture.tagBits() == 0
                        ? 0
                        : (int) Math.min(Integer.MAX_VALUE, (1L << architecture.tagBits()) - 1);
        List<TranslationRoot> roots = architecture.roots();
        this.recursiveRoot = chooseRecursiveRoot();
        this.activeAccess =
                options.active() != null
                        ? options.active()
                        : recursiveRoot >= 0
                                ? ActiveAccess.RECURSIVE
                                : layout.hasDirectMap()
                                        ? ActiveAccess.DIRECT_MAP
                                        : ActiveAccess.PHYSICAL;
        this.inactiveAccess =
                options.inactive() != null
                        ? options.inactive()
                        : activeAccess == ActiveAccess.RECURSIVE
                                ? InactiveAccess.TEMPORARY_MAPPING
                                : activeAccess == ActiveAccess.DIRECT_MAP
                                        ? InactiveAccess.DIRECT_MAP
                                        : InactiveAccess.PHYSICAL;
        if (activeAccess == ActiveAccess.RECURSIVE && recursiveRoot < 0) {
            throw new IllegalArgumentException(
                    architecture.name()
                            + " cannot reach its tables recursively: "
                            + (layout.hasRecursiveSlot()
                                    ? RecursiveTableAccess.unsupportedReason(
                                            roots.get(0), layout.recursiveSlot())
                                    : "the layout has no recursive slot")
                            + "; choose DIRECT_MAP or PHYSICAL");
        }
        boolean directMap =
                activeAccess == ActiveAccess.DIRECT_MAP
                        || inactiveAccess == InactiveAccess.DIRECT_MAP;
        if (directMap && !layout.hasDirectMap()) {
            throw new IllegalArgumentException(
                    architecture.name()
                            + "'s layout has no direct map; give one with AddressLayout.withDirectMapBase");
        }
        this.temporaryWindow =
                inactiveAccess == InactiveAccess.TEMPORARY_MAPPING
                        ? chooseWindow(options.temporaryWindow())
                        : -1;
        this.bootstrapRoots = new long[roots.size()];
        boot(directMap);
    }

    /**
     * The root reached recursively: only a single-root architecture whose layout names a usable
     * slot.
     */
    private int chooseRecursiveRoot() {
        List<TranslationRoot> roots = architecture.roots();
        if (!layout.hasRecursiveSlot() || roots.size() != 1) {
            return -1;
        }
        return RecursiveTableAccess.unsupportedReason(roots.get(0), layout.recursiveSlot()) == null
                ? 0
                : -1;
    }

    private long chooseWindow(long requested) {
        if (requested != -1) {
            return requested;
        }
        TranslationRoot root =
                architecture.roots().get(architecture.rootIndexFor(layout.kernelFirst()).orElse(0));
        if (layout.sharesKernelRootEntries()) {
            int entry =
                    layout.hasRecursiveSlot() && layout.kernelRootLast() == layout.recursiveSlot()
                            ? layout.kernelRootLast() - 1
                            : layout.kernelRootLast();
            return root.canonicalForm().virtual((long) entry * root.geometry().span(0));
        }
        return layout.kernelFirst();
    }

    private void boot(boolean directMap) {
        List<TranslationRoot> roots = architecture.roots();
        for (int i = 0; i < roots.size(); i++) {
            TranslationRoot root = roots.get(i);
            PhysicalTableAccess physical = new PhysicalTableAccess(memory, root.geometry());
            long table = TableHierarchy.allocateRoot(root, physical, allocator);
            bootstrapRoots[i] = table;
            if (i == recursiveRoot) {
                try (var view = physical.open(0, table, 0)) {
                    // every alias of the slot is a page table: supervisor-only, never executable
                    // where the format says so
                    view.write(layout.recursiveSlot(), root.format().kernelTableEntry(0, table));
                }
            }
            if (directMap && root.canonicalForm().isCanonical(layout.directMapBase())) {
                long first = options.directMapFirst();
                long length = options.directMapLength();
                if (first == -1 || length == -1) {
                    Optional<FrameRange> range = allocator.frameRange();
                    if (range.isPresent()) {
                        first = range.get().first();
                        length = range.get().length();
                    }
                }
                if (first == -1 || length == -1) {
                    throw new IllegalArgumentException(
                            "say which physical range the direct map covers (Options.withDirectMapRange)");
                }
                // paging is still off: the bootstrap maps it at physical addresses, nothing to
                // flush
                DirectMap.install(
                        new TableHierarchy(
                                root,
                                architecture.physicalAddressBits(),
                                table,
                                physical,
                                allocator,
                                NoFlush.INSTANCE),
                        layout.directMapBase(),
                        first,
                        length);
                directMapRange =
                        new long[] {
                            layout.directMapBase() + first,
                            layout.directMapBase() + first + length - 1
                        };
            }
        }
        for (int i = 0; i < roots.size(); i++) {
            cpu.loadRoot(i, roots.get(i).registerValue(bootstrapRoots[i], allocateTag()));
        }
        if (temporaryWindow != -1) {
            // builds the window's tables now, in the shared kernel part, so every space copies them
            int windowRoot = windowRootIndex();
            TemporaryMappingTableAccess.prepareWindow(
                    windowTables(windowRoot),
                    temporaryWindow,
                    cpu.pageSize(),
                    bootstrapRoots[windowRoot]);
            restrictWindowEntry(windowRoot);
        }
    }

    /**
     * Makes the top-level entry above the temporary-mapping window a kernel table entry: the window
     * only ever maps page tables, so user mode must never reach it. It lies in the shared kernel
     * part, so every address space copies it as it is. Nothing is mapped in the window yet, so no
     * TLB entry depends on the old value.
     */
    private void restrictWindowEntry(int windowRoot) {
        TranslationRoot root = architecture.roots().get(windowRoot);
        PhysicalTableAccess physical = new PhysicalTableAccess(memory, root.geometry());
        int index =
                new RangeCursor(root.geometry())
                        .index(0, root.canonicalForm().linear(temporaryWindow));
        try (var view = physical.open(0, bootstrapRoots[windowRoot], 0)) {
            long raw = view.read(index);
            if (root.format().kind(0, raw) == EntryKind.TABLE) {
                view.write(
                        index,
                        root.format().kernelTableEntry(0, root.format().tableAddress(0, raw)));
            }
        }
    }

    private int windowRootIndex() {
        return architecture
                .rootIndexFor(temporaryWindow)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "the temporary-mapping window "
                                                + Hex.of(temporaryWindow)
                                                + " is not canonical"));
    }

    /**
     * The architecture the machine translates with.
     *
     * @return the architecture given at boot
     */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * The architecture's address layout: user and kernel ranges, recursive slot, direct-map base.
     *
     * @return {@code architecture().layout()}
     */
    public AddressLayout layout() {
        return layout;
    }

    /**
     * The machine's physical memory.
     *
     * @return the memory given at boot
     */
    public PhysicalMemory memory() {
        return memory;
    }

    /**
     * The allocator every hierarchy and address space of this machine takes frames from.
     *
     * @return the allocator given at boot
     */
    public FrameAllocator allocator() {
        return allocator;
    }

    /**
     * The machine's one simulated CPU.
     *
     * @return the CPU, holding the root registers and the TLB
     */
    public SimulatedCpu cpu() {
        return cpu;
    }

    /**
     * The options the machine was booted with, as given (nulls and -1 not resolved).
     *
     * @return the options
     */
    public Options options() {
        return options;
    }

    /**
     * How the active hierarchy's tables are reached, after the layout's choice.
     *
     * @return the access in use, never null
     */
    public ActiveAccess activeAccess() {
        return activeAccess;
    }

    /**
     * How inactive hierarchies' tables are reached, after the layout's choice.
     *
     * @return the access in use, never null
     */
    public InactiveAccess inactiveAccess() {
        return inactiveAccess;
    }

    /**
     * The lock every hierarchy and address space of this machine takes around each operation.
     *
     * @return the machine's one lock (reentrant, with optimistic reads)
     */
    public MachineLock lock() {
        return lock;
    }

    /**
     * The root table the machine booted with for root {@code rootIndex}.
     *
     * @param rootIndex the root register's index in {@link Architecture#roots()}, from 0
     * @return the physical address of that bootstrap root table
     */
    public long bootstrapRoot(int rootIndex) {
        return bootstrapRoots[rootIndex];
    }

    /**
     * The root register index reached recursively, or -1.
     *
     * @return the index in {@link Architecture#roots()} whose tables have the recursive slot, or -1
     *     when none has
     */
    public int recursiveRoot() {
        return recursiveRoot;
    }

    /**
     * The temporary-mapping window's first address, or -1 when inactive tables are not reached that
     * way.
     *
     * @return the window's virtual address, or -1
     */
    public long temporaryWindow() {
        return temporaryWindow;
    }

    /**
     * Virtual ranges no address space may map, unmap, protect or guard, as {first, last} pairs: the
     * recursive window, the top-level entry holding the temporary-mapping window, and the direct
     * map (when installed), each of which reaches page tables.
     *
     * @return a new array of {first, last} virtual address pairs (both inclusive), possibly empty
     */
    public long[][] reservedRanges() {
        List<long[]> ranges = new ArrayList<>();
        if (recursiveRoot >= 0) {
            TranslationRoot root = architecture.roots().get(recursiveRoot);
            long first =
                    root.canonicalForm()
                            .virtual((long) layout.recursiveSlot() * root.geometry().span(0));
            ranges.add(new long[] {first, first + root.geometry().span(0) - 1});
        }
        if (temporaryWindow != -1) {
            // the whole top-level entry: its table entry is the kernel's alone
            // (restrictWindowEntry), so nothing
            // else may live under it and silently lose user access or execution
            TranslationRoot root = architecture.roots().get(windowRootIndex());
            long span = root.geometry().span(0);
            long first =
                    root.canonicalForm()
                            .virtual(root.canonicalForm().linear(temporaryWindow) & -span);
            ranges.add(new long[] {first, first + span - 1});
        }
        if (directMapRange != null) {
            ranges.add(directMapRange.clone());
        }
        return ranges.toArray(new long[0][]);
    }

    /**
     * A fresh address-space tag (1 .. 2^tagBits - 1, wrapping), its stale translations dropped; 0
     * without tags.
     *
     * @return the tag to load with a new root; 0 when the architecture has no tags
     */
    public int allocateTag() {
        if (maxTag == 0) {
            return 0;
        }
        nextTag = nextTag % maxTag + 1;
        if (cpu.isTagged()) {
            cpu.tlb().dropTag(nextTag, false);
        }
        return nextTag;
    }

    /**
     * The hierarchy root register {@code rootIndex} points at now. Call under {@link #lock()}.
     *
     * @param rootIndex the root register's index in {@link Architecture#roots()}, from 0
     * @return the active hierarchy, cached per root table
     */
    public ActiveHierarchy active(int rootIndex) {
        long root = cpu.rootTable(rootIndex);
        return activeByRoot.computeIfAbsent(root * 8 + rootIndex, key -> newActive(rootIndex));
    }

    /**
     * The algorithms over the hierarchy active in {@code rootIndex}. Call under {@link #lock()}.
     *
     * @param rootIndex the root register's index in {@link Architecture#roots()}, from 0
     * @return the active hierarchy's tables, flushing the TLB after every change
     */
    public TableHierarchy activeTables(int rootIndex) {
        return active(rootIndex).tables();
    }

    /**
     * The active hierarchy's algorithms for the temporary-mapping window: the same tables and
     * access, but a flusher that invalidates the window page itself. Window mappings are global, so
     * a page invalidation reaches them under every tag and the shared-range full flush is not
     * needed.
     */
    private TableHierarchy windowTables(int rootIndex) {
        ActiveHierarchy active = active(rootIndex);
        return windowByRoot.computeIfAbsent(
                active.rootTable() * 8 + rootIndex,
                key ->
                        new TableHierarchy(
                                architecture.roots().get(rootIndex),
                                architecture.physicalAddressBits(),
                                active.rootTable(),
                                active.tables().access(),
                                allocator,
                                new TlbFlusher(cpu, options.flushThreshold(), 1, 0)));
    }

    private ActiveHierarchy newActive(int rootIndex) {
        TlbFlusher flusher =
                new TlbFlusher(cpu, options.flushThreshold(), sharedFirst(), sharedLast());
        return switch (activeAccess) {
            case RECURSIVE ->
                    ActiveHierarchy.recursive(
                            cpu, rootIndex, layout.recursiveSlot(), allocator, flusher);
            case DIRECT_MAP ->
                    ActiveHierarchy.directMap(
                            cpu, rootIndex, layout.directMapBase(), allocator, flusher);
            case PHYSICAL -> ActiveHierarchy.physical(cpu, rootIndex, allocator, flusher);
        };
    }

    private long sharedFirst() {
        return layout.sharesKernelRootEntries() ? layout.kernelFirst() : 1;
    }

    private long sharedLast() {
        return layout.sharesKernelRootEntries() ? layout.kernelLast() : 0;
    }

    /** Forgets the cached active view of a hierarchy that is being freed. */
    void forget(int rootIndex, long rootTable) {
        activeByRoot.remove(rootTable * 8 + rootIndex);
        windowByRoot.remove(rootTable * 8 + rootIndex);
    }

    /** How inactive tables of root {@code rootIndex} are reached. */
    TableAccess newInactiveAccess(int rootIndex) {
        TranslationRoot root = architecture.roots().get(rootIndex);
        return switch (inactiveAccess) {
            case TEMPORARY_MAPPING ->
                    new TemporaryMappingTableAccess(
                            cpu,
                            root.geometry(),
                            () -> windowTables(windowRootIndex()),
                            temporaryWindow);
            case DIRECT_MAP ->
                    new DirectMapTableAccess(cpu, root.geometry(), layout.directMapBase());
            case PHYSICAL -> new PhysicalTableAccess(memory, root.geometry());
        };
    }
}
