package io.pagoda.paging.testlib;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.Access;
import io.pagoda.paging.cpu.PageFaultException;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.error.HierarchyStateException;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.machine.SwitchableHierarchy;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;

/**
 * The seed's inactive-hierarchy contract as one reusable check on any architecture: new allocates
 * one root; a mapping in an inactive hierarchy is invisible until its switch; after the switch, its
 * user mapping and the kernel's mappings translate; closing the active one is refused; after
 * switching away, close frees exactly what new and the user mapping allocated (tables and root, not
 * the leaf); a closed one refuses use; and the TLB agrees with the tables throughout.
 */
public final class InactiveContractCheck {
    private InactiveContractCheck() {}

    /**
     * Checks the contract on {@code mmu}, under its lock; a {@link PagingException} on the way is
     * reported, not thrown.
     *
     * @param mmu a freshly booted machine; the check maps pages and creates and closes a hierarchy
     *     on it
     * @return null when the contract holds, else what broke, in a sentence
     */
    public static @Nullable String run(Machine mmu) {
        mmu.lock().lock();
        try {
            return check(mmu);
        } catch (PagingException e) {
            return "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            mmu.lock().unlock();
        }
    }

    /**
     * Asserts that the contract holds.
     *
     * @param machine a freshly booted machine, changed as {@link #run} changes it
     * @throws AssertionFailedError with {@link #run}'s sentence when the contract does not hold
     */
    public static void assertHolds(Machine machine) {
        String failure = run(machine);
        if (failure != null) {
            throw new AssertionFailedError(failure);
        }
    }

    private static @Nullable String check(Machine mmu) {
        SimulatedCpu cpu = mmu.cpu();
        long page = cpu.pageSize();
        int userRoot = mmu.architecture().rootIndexFor(mmu.layout().userFirst()).orElse(0);
        TranslationRoot root = mmu.architecture().roots().get(userRoot);
        long userVa = CoherenceScenario.alignUp(Math.max(mmu.layout().userFirst(), page), page);
        long kernelVa = CoherenceScenario.alignUp(mmu.layout().kernelFirst(), page) + 16 * page;
        int kernelRoot = mmu.architecture().rootIndexFor(kernelVa).orElse(-1);
        if (kernelRoot < 0) {
            return "the layout's kernel start "
                    + Hex.of(mmu.layout().kernelFirst())
                    + " is not canonical";
        }
        long userPa =
                CoherenceScenario.alignUp(
                        CoherenceScenario.highFrame(mmu.architecture().physicalAddressBits(), root),
                        page);
        long kernelPa = userPa + 64 * page;
        MappingFlags userFlags =
                CoherenceScenario.expressible(
                        root, MappingAccessRights.USER_RW, MappingAccessRights.parse("rwxu"));
        MappingFlags kernelFlags =
                CoherenceScenario.expressible(
                        mmu.architecture().roots().get(kernelRoot),
                        MappingAccessRights.KERNEL_RW,
                        MappingAccessRights.parse("rwx-"));

        SwitchableHierarchy boot = SwitchableHierarchy.fromCurrentlyActive(mmu, userRoot);
        SwitchableHierarchy kernel = SwitchableHierarchy.fromCurrentlyActive(mmu, kernelRoot);
        kernel.withTables(
                t -> {
                    t.mapContiguous(
                            kernelVa, kernelPa, page, kernelFlags, LeafSizePolicy.PAGES_ONLY);
                    return null;
                });
        long before = mmu.allocator().allocatedCount();
        SwitchableHierarchy space = SwitchableHierarchy.create(mmu, userRoot);
        if (mmu.allocator().allocatedCount() != before + 1) {
            return "new allocated "
                    + (mmu.allocator().allocatedCount() - before)
                    + " frames instead of one root";
        }
        if (space.isCurrentlyActive()) {
            return "a new hierarchy claims to be active";
        }
        space.withTables(
                t -> {
                    t.mapContiguous(userVa, userPa, page, userFlags, LeafSizePolicy.PAGES_ONLY);
                    return null;
                });
        if (translates(cpu, userVa) != -1) {
            return "a mapping of an inactive hierarchy is visible before switching to it";
        }
        space.switchTo();
        if (!space.isCurrentlyActive() || boot.isCurrentlyActive()) {
            return "after switchTo the CPU's root register does not point at the new hierarchy";
        }
        if (translates(cpu, userVa) != userPa) {
            return "after switchTo " + Hex.of(userVa) + " does not translate to " + Hex.of(userPa);
        }
        if (translates(cpu, kernelVa) != kernelPa) {
            return "after switchTo the kernel mapping " + Hex.of(kernelVa) + " is not visible";
        }
        try {
            space.close();
            return "closing the active hierarchy was not refused";
        } catch (HierarchyStateException expected) {
            // refused, as it must be
        }
        boot.switchTo();
        if (translates(cpu, userVa) != -1) {
            return "after switching back, the other hierarchy's user mapping is still served";
        }
        space.close();
        if (mmu.allocator().allocatedCount() != before) {
            return "close left "
                    + (mmu.allocator().allocatedCount() - before)
                    + " frames allocated (tables and root must go, shared tables stay)";
        }
        if (translates(cpu, kernelVa) != kernelPa) {
            return "closing a hierarchy broke the kernel mapping " + Hex.of(kernelVa);
        }
        try {
            space.switchTo();
            return "a closed hierarchy could be switched to";
        } catch (HierarchyStateException expected) {
            // refused
        }
        return TlbCoherenceCheck.mismatch(cpu);
    }

    private static long translates(SimulatedCpu cpu, long va) {
        try {
            return cpu.translate(va, Access.READ, false);
        } catch (PageFaultException e) {
            return -1;
        }
    }
}
