package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.Access;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.space.AddressSpace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * User mode cannot reach the page tables. On a simulated machine with the variant's default layout,
 * with user and kernel mappings made: no page-table frame is readable, writable or executable from
 * user mode at any of its virtual aliases (recursive slot, temporary-mapping window, direct map),
 * kernel instruction fetches from them fault where the format can forbid execution, and the public
 * API refuses to unmap, reprotect, remap or guard a window with a typed error, changing nothing.
 * The aliases are found by reading the tables as the hardware does ({@link TableAliases}), not from
 * the module's own idea of where its windows are.
 */
@Tag("isolation")
@ConformanceArea("isolation")
public interface IsolationContract extends ConformanceSubject {

    /**
     * The machines the isolation area checks: the default layout with the access the machine
     * chooses for it, and, when the layout has a direct map the default does not use, the same
     * reached through the direct map.
     *
     * @return the machine configurations
     */
    default List<Machine.Options> isolationMachines() {
        List<Machine.Options> machines = new ArrayList<>(List.of(Machine.Options.defaults()));
        Machine booted = newMachine(Machine.Options.defaults()).mmu();
        if (architecture().layout().hasDirectMap()
                && booted.activeAccess() != Machine.ActiveAccess.DIRECT_MAP) {
            machines.add(
                    Machine.Options.defaults()
                            .withAccess(
                                    Machine.ActiveAccess.DIRECT_MAP,
                                    Machine.InactiveAccess.DIRECT_MAP));
        }
        return machines;
    }

    /** No page-table frame can be reached from user mode through any window the machine maps. */
    @Test
    default void noTableFrameIsReachableFromUserMode() {
        List<String> holes = new ArrayList<>();
        for (Machine.Options options : isolationMachines()) {
            IsolatedMachine machine = IsolatedMachine.boot(this, options);
            SimulatedCpu cpu = machine.mmu().cpu();
            TableAliases tables = TableAliases.of(cpu);
            check(
                    tables.frames().length > 0,
                    () -> "no page table found from the root registers of " + options);
            if (machine.mmu().activeAccess() != Machine.ActiveAccess.PHYSICAL) {
                check(
                        !tables.aliases().isEmpty(),
                        () ->
                                "the machine reaches its tables through "
                                        + machine.mmu().activeAccess()
                                        + " yet no virtual address reaches a table: "
                                        + options);
            }
            boolean noExecuteExpressible = machine.kernelDataIsNeverExecutable();
            for (TableAliases.Alias alias : tables.aliases()) {
                String where =
                        machine.mmu().activeAccess()
                                + " machine, "
                                + Hex.of(alias.virtualAddress())
                                + " (table frame "
                                + Hex.of(alias.tableFrame())
                                + ")";
                for (Access access : Access.values()) {
                    String reached =
                            IsolatedMachine.reached(cpu, alias.virtualAddress(), access, true);
                    if (reached != null) {
                        holes.add(
                                "user "
                                        + access.name().toLowerCase(Locale.ROOT)
                                        + " of "
                                        + where
                                        + " "
                                        + reached);
                    }
                }
                if (noExecuteExpressible) {
                    String fetched =
                            IsolatedMachine.reached(
                                    cpu, alias.virtualAddress(), Access.EXECUTE, false);
                    if (fetched != null) {
                        holes.add(
                                "kernel instruction fetch from "
                                        + where
                                        + " "
                                        + fetched
                                        + " (the format can forbid execution: window entries must)");
                    }
                }
            }
            machine.checkProbesAreMeaningful();
        }
        check(
                holes.isEmpty(),
                () ->
                        holes.size()
                                + " way(s) to reach a page table that must fault:\n  "
                                + String.join(
                                        "\n  ", holes.subList(0, Math.min(20, holes.size()))));
    }

    /** The machine's own table windows cannot be unmapped or reprotected. */
    @Test
    default void windowsCannotBeUnmappedOrReprotected() {
        List<String> holes = new ArrayList<>();
        for (Machine.Options options : isolationMachines()) {
            IsolatedMachine machine = IsolatedMachine.boot(this, options);
            Machine mmu = machine.mmu();
            long page = mmu.cpu().pageSize();
            Set<Long> windowPages = new LinkedHashSet<>();
            for (TableAliases.Alias alias : TableAliases.of(mmu.cpu()).aliases()) {
                windowPages.add(alias.virtualAddress() & -page);
            }
            if (mmu.temporaryWindow() != -1) {
                windowPages.add(mmu.temporaryWindow());
            }
            AddressSpace space = machine.user();
            MappingFlags flags = machine.userFlags();
            for (long va : windowPages) {
                List<Runnable> operations =
                        List.of(
                                () -> space.unmap(va, page),
                                () -> space.protect(va, page, flags),
                                () -> space.map(va, page, flags),
                                () -> space.guard(va, page));
                String[] names = {"unmap", "protect", "map", "guard"};
                for (int i = 0; i < operations.size(); i++) {
                    String outcome = refusedUnchanged(mmu, operations.get(i));
                    if (outcome != null) {
                        holes.add(
                                names[i]
                                        + " of the window page "
                                        + Hex.of(va)
                                        + " on the "
                                        + mmu.activeAccess()
                                        + " machine "
                                        + outcome);
                    }
                }
            }
        }
        check(
                holes.isEmpty(),
                () ->
                        holes.size()
                                + " window operation(s) the public API must refuse:\n  "
                                + String.join(
                                        "\n  ", holes.subList(0, Math.min(20, holes.size()))));
    }

    /**
     * Null when {@code operation} throws a PagingException and leaves tables and allocator as they
     * were.
     */
    private static String refusedUnchanged(Machine mmu, Runnable operation) {
        PagingSystem.Snapshot before = PagingSystem.snapshot(mmu.memory(), mmu.allocator(), 0);
        try {
            operation.run();
        } catch (PagingException refused) {
            String difference = PagingSystem.difference(mmu.memory(), mmu.allocator(), before);
            return difference == null
                    ? null
                    : "was refused ("
                            + refused.getClass().getSimpleName()
                            + ") but changed the machine: "
                            + difference;
        }
        return "was accepted";
    }
}
