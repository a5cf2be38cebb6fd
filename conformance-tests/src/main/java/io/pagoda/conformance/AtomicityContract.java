package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.testlib.TlbCoherenceCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * All-or-nothing: an allocation failure injected at every allocation point of each operation, and a
 * frame source failing part-way, leave table memory and the allocator exactly as before.
 */
@Tag("atomicity")
@ConformanceArea("atomicity")
public interface AtomicityContract extends ConformanceSubject {

    /** One operation on a prepared hierarchy, with what to run first and the operation itself. */
    record Scenario(
            String name, Consumer<TableHierarchy> setup, Consumer<TableHierarchy> operation) {}

    /**
     * The operations injected: maps and guards that need new tables at several levels, splits of
     * blocks and huge guards.
     *
     * @param system the system under test
     * @param r the root index the scenarios act on
     * @return the scenarios, each an operation with a name
     */
    default List<Scenario> atomicityScenarios(PagingSystem system, int r) {
        Places places = new Places(system.root(r));
        long page = places.page();
        ExpressibleFlags expressible = ExpressibleFlags.of(system.root(r));
        MappingFlags flags = expressible.typical();
        long across = places.va(places.topBoundary() - 2 * page);
        long boundary = places.leafTableBoundary();
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(
                new Scenario(
                        "map across a top-level boundary",
                        t -> {},
                        t ->
                                t.mapContiguous(
                                        across,
                                        0x10_0000L & -page,
                                        4 * page,
                                        flags,
                                        LeafSizePolicy.PAGES_ONLY)));
        scenarios.add(
                new Scenario(
                        "map next to an existing mapping",
                        t ->
                                t.mapContiguous(
                                        across,
                                        0x10_0000L & -page,
                                        page,
                                        flags,
                                        LeafSizePolicy.PAGES_ONLY),
                        t ->
                                t.mapContiguous(
                                        across + page,
                                        0x20_0000L & -page,
                                        3 * page,
                                        flags,
                                        LeafSizePolicy.PAGES_ONLY)));
        scenarios.add(
                new Scenario(
                        "guard across a top-level boundary",
                        t -> {},
                        t -> t.guard(across, 4 * page)));
        scenarios.add(
                new Scenario(
                        "split a huge guard",
                        t -> t.guard(places.va(boundary), boundary),
                        t -> t.unmap(places.va(boundary) + 3 * page, page, UnmapCallback.NONE)));
        int blockLevel = places.smallestBlockLevel();
        if (blockLevel >= 0) {
            long block = system.root(r).geometry().span(blockLevel);
            long blockVa = places.va(2 * block);
            scenarios.add(
                    new Scenario(
                            "map blocks and pages",
                            t -> {},
                            t ->
                                    t.mapContiguous(
                                            blockVa,
                                            2 * block,
                                            block + 2 * page,
                                            flags,
                                            LeafSizePolicy.LARGEST_FITTING)));
            scenarios.add(
                    new Scenario(
                            "unmap part of a block",
                            t ->
                                    t.mapContiguous(
                                            blockVa,
                                            2 * block,
                                            block,
                                            flags,
                                            LeafSizePolicy.LARGEST_FITTING),
                            t -> t.unmap(blockVa + page, page, UnmapCallback.NONE)));
            scenarios.add(
                    new Scenario(
                            "protect part of a block",
                            t ->
                                    t.mapContiguous(
                                            blockVa,
                                            2 * block,
                                            block,
                                            flags,
                                            LeafSizePolicy.LARGEST_FITTING),
                            t -> t.protect(blockVa + page, page, expressible.other(flags))));
        }
        return scenarios;
    }

    /**
     * An operation whose frame allocation fails, at every allocation it makes in turn, leaves
     * tables and allocator exactly as before.
     */
    @Test
    default void allocationFailureAtEveryPointChangesNothing() {
        List<String> failures = new ArrayList<>();
        int points = 0;
        PagingSystem probe = newSystem();
        for (int r = 0; r < probe.rootCount(); r++) {
            for (Scenario scenario : atomicityScenarios(probe, r)) {
                for (int n = 0; n < 64; n++) {
                    PagingSystem system = newSystem();
                    TableHierarchy tables = system.hierarchy(r);
                    scenario.setup().accept(tables);
                    PagingSystem.Snapshot before = system.snapshot();
                    system.allocator().failAllocation(n);
                    boolean failed = false;
                    try {
                        scenario.operation().accept(tables);
                    } catch (OutOfPhysicalMemoryException e) {
                        failed = true;
                        points++;
                    } finally {
                        system.allocator().disarm();
                    }
                    if (!failed) {
                        break;
                    }
                    String difference = system.differenceFrom(before);
                    if (difference != null) {
                        failures.add(
                                system.root(r).registerName()
                                        + " "
                                        + scenario.name()
                                        + ", allocation #"
                                        + n
                                        + " failing: "
                                        + difference);
                    }
                }
            }
        }
        int total = points;
        check(
                failures.isEmpty(),
                () ->
                        failures.size()
                                + " of "
                                + total
                                + " injected failures were not all-or-nothing:\n  "
                                + String.join("\n  ", failures));
        check(points > 0, () -> "no operation allocated anything: the scenarios prove nothing");
    }

    /**
     * An allocation failure on the machine's active hierarchy leaves tables, allocator and TLB as
     * before.
     */
    @Test
    default void allocationFailureOnTheActiveHierarchyLeavesTablesAllocatorAndTlbAsBefore() {
        List<String> failures = new ArrayList<>();
        int points = 0;
        for (Machine.Options options : machineOptions()) {
            for (int n = 0; n < 64; n++) {
                InstrumentedMachine machine = newMachine(options);
                Machine mmu = machine.mmu();
                int r = mmu.architecture().rootIndexFor(mmu.layout().userFirst()).orElse(0);
                Places places = new Places(mmu.architecture().roots().get(r));
                long page = places.page();
                long boundary = places.leafTableBoundary();
                long base = ((mmu.layout().userFirst() + boundary - 1) & -boundary) + 2 * boundary;
                MappingFlags flags =
                        ExpressibleFlags.of(mmu.architecture().roots().get(r)).typical();
                mmu.lock().lock();
                try {
                    TableHierarchy tables = mmu.activeTables(r);
                    tables.mapContiguous(
                            base - 2 * page,
                            0x40_0000L & -page,
                            2 * page,
                            flags,
                            LeafSizePolicy.PAGES_ONLY);
                    TlbCoherenceCheck.touch(mmu.cpu(), base - 2 * page, base - 1);
                    PagingSystem.Snapshot before =
                            PagingSystem.snapshot(mmu.memory(), machine.allocator(), 0);
                    List<String> tlbBefore = machine.tlbView();
                    machine.allocator().failAllocation(n);
                    boolean failed = false;
                    try {
                        tables.mapContiguous(
                                base,
                                0x80_0000L & -page,
                                boundary + 2 * page,
                                flags,
                                LeafSizePolicy.PAGES_ONLY);
                    } catch (OutOfPhysicalMemoryException e) {
                        failed = true;
                        points++;
                    } finally {
                        machine.allocator().disarm();
                    }
                    if (!failed) {
                        break;
                    }
                    String difference =
                            PagingSystem.difference(mmu.memory(), machine.allocator(), before);
                    if (difference == null && !tlbBefore.equals(machine.tlbView())) {
                        difference =
                                "the TLB view changed: "
                                        + tlbBefore
                                        + " before, "
                                        + machine.tlbView()
                                        + " after";
                    }
                    if (difference != null) {
                        failures.add(options + ", allocation #" + n + " failing: " + difference);
                    }
                } finally {
                    mmu.lock().unlock();
                }
            }
        }
        int total = points;
        check(
                failures.isEmpty(),
                () ->
                        failures.size()
                                + " of "
                                + total
                                + " injected failures on the active hierarchy were not all-or-nothing:\n  "
                                + String.join("\n  ", failures));
        check(
                points > 0,
                () ->
                        "the map on the active hierarchy allocated nothing: the scenario proves nothing");
    }

    /**
     * A map whose frame source fails part way leaves tables, allocator and TLB exactly as before.
     */
    @Test
    default void aFrameSourceFailingPartWayChangesNothing() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            TableHierarchy tables = system.hierarchy(r);
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            long va = places.va(places.topBoundary() - 2 * page);
            long[] tooFew = {0x10_0000L & -page, 0x11_0000L & -page};
            Checks.refused(
                    system,
                    PagingException.class,
                    "a map whose frames run out part-way",
                    () -> tables.map(va, 4 * page, FrameSource.pages(tooFew, page), flags));
            long[] misaligned = {
                0x10_0000L & -page, 0x11_0000L & -page, (0x12_0000L & -page) + 8, 0x13_0000L & -page
            };
            Checks.refused(
                    system,
                    PagingException.class,
                    "a map with a misaligned frame part-way",
                    () ->
                            tables.map(
                                    va,
                                    4 * page,
                                    FrameSource.pages(Arrays.stream(misaligned).iterator(), page),
                                    flags));
        }
    }
}
