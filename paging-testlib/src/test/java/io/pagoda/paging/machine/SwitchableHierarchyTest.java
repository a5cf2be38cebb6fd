package io.pagoda.paging.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.Access;
import io.pagoda.paging.cpu.PageFaultException;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.error.HierarchyStateException;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.testlib.InactiveContractCheck;
import io.pagoda.paging.testlib.TlbCoherenceCheck;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SwitchableHierarchyTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);
    private static final MappingFlags USER_RW = MappingFlags.of(MappingAccessRights.USER_RW);

    static Stream<Arguments> machines() {
        return Stream.of(
                Arguments.of(
                        "uniform recursive + temporary mapping",
                        ToyArchitecture.uniform(),
                        Machine.Options.defaults(),
                        0x4000_0000L,
                        0xFFFF_FFC0_4000_0000L,
                        0xFFFF_FFC0_8000_0000L),
                Arguments.of(
                        "uniform direct map",
                        Machines.uniformWithDirectMap(),
                        Machine.Options.defaults()
                                .withAccess(
                                        Machine.ActiveAccess.DIRECT_MAP,
                                        Machine.InactiveAccess.DIRECT_MAP),
                        0x4000_0000L,
                        0xFFFF_FFC0_4000_0000L,
                        0xFFFF_FFC0_8000_0000L),
                Arguments.of(
                        "unequal physical",
                        ToyArchitecture.unequal(),
                        Machine.Options.defaults(),
                        0x100_0000L,
                        0x400_0000L,
                        0x500_0000L),
                Arguments.of(
                        "unequal temporary mapping",
                        ToyArchitecture.unequal(),
                        Machine.Options.defaults()
                                .withAccess(
                                        Machine.ActiveAccess.PHYSICAL,
                                        Machine.InactiveAccess.TEMPORARY_MAPPING),
                        0x100_0000L,
                        0x400_0000L,
                        0x500_0000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void theSeedContract(
            String name,
            Architecture architecture,
            Machine.Options options,
            long user,
            long kernelA,
            long kernelB) {
        Machine mmu = Machines.mmu(architecture, options);
        SimulatedCpu cpu = mmu.cpu();
        SwitchableHierarchy boot = SwitchableHierarchy.fromCurrentlyActive(mmu, 0);
        assertTrue(boot.isCurrentlyActive());
        assertEquals(mmu.bootstrapRoot(0), boot.rootTable());
        boot.withTables(
                t -> {
                    t.mapContiguous(kernelA, 0x8000_0000L, 0x1000, RW, LeafSizePolicy.PAGES_ONLY);
                    return null;
                });
        long beforeNew = mmu.allocator().allocatedCount();

        SwitchableHierarchy space = SwitchableHierarchy.create(mmu, 0);
        assertFalse(space.isCurrentlyActive());
        assertEquals(beforeNew + 1, mmu.allocator().allocatedCount(), "new allocates one root");
        long leafFrame = mmu.allocator().allocate();
        space.withTables(
                t -> {
                    t.mapContiguous(user, leafFrame, 0x1000, USER_RW, LeafSizePolicy.PAGES_ONLY);
                    return null;
                });
        TlbCoherenceCheck.assertCoherent(cpu);
        assertThrows(
                PageFaultException.class,
                () -> cpu.translate(user, Access.READ, false),
                "not active yet");

        space.switchTo();
        assertTrue(space.isCurrentlyActive());
        assertFalse(boot.isCurrentlyActive());
        assertEquals(leafFrame, cpu.translate(user, Access.WRITE, true));
        assertEquals(
                0x8000_0000L,
                cpu.translate(kernelA, Access.READ, false),
                "kernel mapping of the other space is visible");
        space.withTables(
                t -> {
                    t.mapContiguous(kernelB, 0x8000_1000L, 0x1000, RW, LeafSizePolicy.PAGES_ONLY);
                    return null;
                });
        long kernelTables = mmu.allocator().allocatedCount();

        HierarchyStateException refused = assertThrows(HierarchyStateException.class, space::close);
        assertTrue(refused.getMessage().contains("switch"), refused.getMessage());
        boot.switchTo();
        assertEquals(
                0x8000_1000L,
                cpu.translate(kernelB, Access.READ, false),
                "kernel mapping made in the other space is visible after a switch");
        assertThrows(PageFaultException.class, () -> cpu.translate(user, Access.READ, false));

        long userTables = space.withTables(t -> (long) t.geometry().lastLevel());
        space.close();
        assertEquals(
                kernelTables - userTables - 1,
                mmu.allocator().allocatedCount(),
                "close frees the user tables and the root, not the kernel tables");
        assertTrue(mmu.allocator().isAllocated(leafFrame), "never the leaf frames");
        assertEquals(0x8000_1000L, cpu.translate(kernelB, Access.READ, false));
        assertTrue(space.isClosed());
        space.close();
        assertThrows(HierarchyStateException.class, space::switchTo);
        assertThrows(HierarchyStateException.class, () -> space.withTables(t -> null));
        TlbCoherenceCheck.assertCoherent(cpu);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void theReusableContractCheckPasses(
            String name,
            Architecture architecture,
            Machine.Options options,
            long user,
            long kernelA,
            long kernelB) {
        InactiveContractCheck.assertHolds(Machines.mmu(architecture, options));
        InactiveContractCheck.assertHolds(Machines.mmu(architecture, options.withTagged(true)));
    }

    @Test
    void taggedSwitchesKeepOtherSpacesEntriesAndNeverServeThemToTheWrongSpace() {
        Machine mmu =
                Machines.mmu(
                        ToyArchitecture.uniform(), Machine.Options.defaults().withTagged(true));
        SimulatedCpu cpu = mmu.cpu();
        SwitchableHierarchy a = SwitchableHierarchy.fromCurrentlyActive(mmu, 0);
        SwitchableHierarchy b = SwitchableHierarchy.create(mmu, 0);
        assertTrue(a.tag() != b.tag());
        long va = 0x4000_0000L;
        a.withTables(
                t -> {
                    t.mapContiguous(va, 0xA000_0000L, 0x1000, USER_RW, LeafSizePolicy.PAGES_ONLY);
                    return null;
                });
        b.withTables(
                t -> {
                    t.mapContiguous(va, 0xB000_0000L, 0x1000, USER_RW, LeafSizePolicy.PAGES_ONLY);
                    return null;
                });
        assertEquals(0xA000_0000L, cpu.translate(va, Access.READ, true));
        long contextDrops = cpu.tlb().tagInvalidations() + cpu.tlb().fullInvalidations();
        b.switchTo();
        assertEquals(0xB000_0000L, cpu.translate(va, Access.READ, true), "b never sees a's entry");
        assertTrue(cpu.tlb().probe(va, a.tag()) >= 0, "a's entry is kept under its tag");
        a.switchTo();
        long hits = cpu.tlb().hits();
        assertEquals(0xA000_0000L, cpu.translate(va, Access.READ, true));
        assertEquals(hits + 1, cpu.tlb().hits(), "served from the kept entry");
        assertEquals(
                contextDrops,
                cpu.tlb().tagInvalidations() + cpu.tlb().fullInvalidations(),
                "no context flush on a tagged switch");

        Machine untagged = Machines.mmu(ToyArchitecture.uniform(), Machine.Options.defaults());
        SwitchableHierarchy c = SwitchableHierarchy.fromCurrentlyActive(untagged, 0);
        SwitchableHierarchy d = SwitchableHierarchy.create(untagged, 0);
        c.withTables(
                t -> {
                    t.mapContiguous(va, 0xA000_0000L, 0x1000, USER_RW, LeafSizePolicy.PAGES_ONLY);
                    return null;
                });
        untagged.cpu().translate(va, Access.READ, true);
        d.switchTo();
        assertEquals(
                -1,
                untagged.cpu().tlb().probe(va, untagged.cpu().currentTag()),
                "untagged, a switch drops it");
    }

    @Test
    void theActiveHierarchyCannotBeClosedEvenWithAssertionsOff() {
        Machine mmu = Machines.mmu(ToyArchitecture.uniform(), Machine.Options.defaults());
        SwitchableHierarchy boot = SwitchableHierarchy.fromCurrentlyActive(mmu, 0);
        assertThrows(HierarchyStateException.class, boot::close);
        assertTrue(boot.isCurrentlyActive());
        assertFalse(boot.isClosed());
    }

    @Test
    void aTaggedSpaceChangedWhileSwitchedOutDoesNotServeItsOldTranslations() {
        Machine mmu =
                Machines.mmu(
                        ToyArchitecture.uniform(), Machine.Options.defaults().withTagged(true));
        SimulatedCpu cpu = mmu.cpu();
        SwitchableHierarchy a = SwitchableHierarchy.fromCurrentlyActive(mmu, 0);
        SwitchableHierarchy b = SwitchableHierarchy.create(mmu, 0);
        long va = 0x4000_0000L;
        a.withTables(
                t -> {
                    t.mapContiguous(va, 0xA000_0000L, 0x1000, USER_RW, LeafSizePolicy.PAGES_ONLY);
                    return null;
                });
        cpu.translate(va, Access.READ, true);
        b.switchTo();
        a.withTables(
                t -> {
                    t.unmap(va, 0x1000, UnmapCallback.NONE);
                    return null;
                });
        assertTrue(
                cpu.tlb().probe(va, a.tag()) >= 0,
                "the old translation is still cached under a's tag");
        a.switchTo();
        assertThrows(PageFaultException.class, () -> cpu.translate(va, Access.READ, true));
        TlbCoherenceCheck.assertCoherent(cpu);
    }
}
