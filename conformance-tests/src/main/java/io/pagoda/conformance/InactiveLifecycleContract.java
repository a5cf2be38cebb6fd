package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;
import static io.pagoda.conformance.Checks.present;
import static io.pagoda.conformance.Checks.state;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.TableView;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import io.pagoda.paging.testlib.InactiveContractCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Several hierarchies live side by side: each is reached through its own register value, they do
 * not see each other's mappings, shared kernel root entries make kernel space common, and tearing
 * one down frees its own tables only; on the simulated MMU, the seed's new / switch / close
 * contract holds for every machine configuration ({@link InactiveContractCheck}).
 */
@Tag("inactive-lifecycle")
@ConformanceArea("inactive-lifecycle")
public interface InactiveLifecycleContract extends ConformanceSubject {

    /** Two hierarchies are independent, each reached through its own register value. */
    @Test
    default void hierarchiesAreIndependentAndReachedThroughTheirRegister() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            TranslationRoot root = system.root(r);
            Places places = new Places(root);
            long page = places.page();
            TableHierarchy first = system.hierarchy(r);
            TableHierarchy second = system.newHierarchy(root);
            MappingFlags flags = ExpressibleFlags.of(root).typical();
            long va = places.va(places.topBoundary());
            first.mapContiguous(va, 0x10_0000L & -page, page, flags, LeafSizePolicy.PAGES_ONLY);
            second.mapContiguous(
                    va + page, 0x20_0000L & -page, page, flags, LeafSizePolicy.PAGES_ONLY);
            state(second.translate(va), PageState.AVAILABLE, "another hierarchy's mapping");
            state(first.translate(va + page), PageState.AVAILABLE, "another hierarchy's mapping");
            WalkResult walk = system.walk(r, second, va + page);
            check(
                    !walk.isFault() && walk.physicalAddress() == (0x20_0000L & -page),
                    () ->
                            "walking from the second hierarchy's register value must reach its tables: "
                                    + walk);
        }
    }

    /**
     * Shared kernel entries make kernel space common to every address space, and tearing one down
     * frees only its own tables.
     */
    @Test
    @Requires(Capability.SHARED_KERNEL_ROOTS)
    default void sharedKernelEntriesMakeKernelSpaceCommonAndTeardownFreesOnlyOwnTables() {
        PagingSystem system = newSystem();
        Architecture architecture = system.architecture();
        AddressLayout layout = architecture.layout();
        int r = architecture.rootIndexFor(layout.kernelFirst()).orElse(-1);
        Checks.exercised(
                layout.sharesKernelRootEntries() && r >= 0 ? 1 : 0, Capability.SHARED_KERNEL_ROOTS);
        TranslationRoot root = system.root(r);
        Places places = new Places(root);
        long page = places.page();
        MappingFlags flags = ExpressibleFlags.of(root).typical();
        TableHierarchy kernel = system.hierarchy(r);
        long kernelVa = places.va((long) layout.kernelRootFirst() * root.geometry().span(0));
        kernel.mapContiguous(kernelVa, 0x30_0000L & -page, page, flags, LeafSizePolicy.PAGES_ONLY);
        long[] framesBefore = system.allocator().allocatedFrames();
        TableHierarchy user = system.newHierarchy(root);
        copyKernelEntries(system, root, kernel, user, layout);
        present(
                user.translate(kernelVa),
                0x30_0000L & -page,
                "a kernel page seen through a new hierarchy's shared entries");
        int userRoot = architecture.rootIndexFor(layout.userFirst()).orElse(-1);
        if (userRoot == r) {
            long userVa = places.va(places.leafTableBoundary());
            if (root.canonicalForm().linear(userVa)
                    < (long) layout.kernelRootFirst() * root.geometry().span(0)) {
                user.mapContiguous(
                        userVa, 0x50_0000L & -page, 2 * page, flags, LeafSizePolicy.PAGES_ONLY);
                user.unmap(userVa, 2 * page, UnmapCallback.NONE);
                user.reclaimEmptyTables(
                        places.va(0), (long) layout.kernelRootFirst() * root.geometry().span(0));
            }
        }
        present(
                kernel.translate(kernelVa),
                0x30_0000L & -page,
                "the kernel page after a user hierarchy was torn down");
        system.allocator().free(user.rootTable());
        long[] after = system.allocator().allocatedFrames();
        check(
                Arrays.equals(framesBefore, after),
                () ->
                        "tearing a user hierarchy down left "
                                + (after.length - framesBefore.length)
                                + " frame(s) allocated, or freed shared kernel tables");
    }

    /**
     * The inactive-hierarchy contract (operations on a hierarchy that is not loaded) holds on every
     * machine configuration.
     */
    @Test
    default void theInactiveHierarchyContractHoldsOnEveryMachine() {
        List<String> failures = new ArrayList<>();
        for (Machine.Options options : machineOptions()) {
            String failure = InactiveContractCheck.run(newMachine(options).mmu());
            if (failure != null) {
                failures.add(options + ": " + failure);
            }
        }
        check(
                failures.isEmpty(),
                () ->
                        "the inactive-hierarchy contract breaks:\n  "
                                + String.join("\n  ", failures));
    }

    private static void copyKernelEntries(
            PagingSystem system,
            TranslationRoot root,
            TableHierarchy from,
            TableHierarchy to,
            AddressLayout layout) {
        PhysicalTableAccess access = new PhysicalTableAccess(system.memory(), root.geometry());
        for (int index = layout.kernelRootFirst(); index <= layout.kernelRootLast(); index++) {
            long raw;
            try (TableView view = access.open(0, from.rootTable(), 0)) {
                raw = view.read(index);
            }
            try (TableView view = access.open(0, to.rootTable(), 0)) {
                view.write(index, raw);
            }
        }
        check(
                from.rootTable() != to.rootTable(),
                () -> "two hierarchies share the root table " + Hex.of(to.rootTable()));
    }
}
