package io.pagoda.paging.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.Access;
import io.pagoda.paging.cpu.PageFaultException;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.testlib.CoherenceScenario;
import io.pagoda.paging.testlib.InvalidationCount;
import io.pagoda.paging.testlib.TlbCoherenceCheck;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

/** After every mutating operation on an active hierarchy, the TLB agrees with a fresh walk. */
class TlbCoherenceTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);
    private static final MappingFlags RX = MappingFlags.of(MappingAccessRights.KERNEL_RX);
    private static final MappingFlags RO = MappingFlags.of(MappingAccessRights.READABLE);

    static Stream<Arguments> machines() {
        Machine.Options big = Machine.Options.defaults().withTlbCapacity(4096);
        return Stream.of(
                Arguments.of("uniform recursive", ToyArchitecture.uniform(), big, 0x4000_0000L),
                Arguments.of(
                        "uniform recursive tagged",
                        ToyArchitecture.uniform(),
                        big.withTagged(true),
                        0x4000_0000L),
                Arguments.of(
                        "uniform direct map",
                        Machines.uniformWithDirectMap(),
                        big.withAccess(
                                Machine.ActiveAccess.DIRECT_MAP, Machine.InactiveAccess.DIRECT_MAP),
                        0x4000_0000L),
                Arguments.of(
                        "uniform, threshold 0",
                        ToyArchitecture.uniform(),
                        big.withFlushThreshold(0),
                        0x4000_0000L),
                Arguments.of("unequal physical", ToyArchitecture.unequal(), big, 0x100_0000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void everyOperationLeavesTheTlbCoherent(
            String name, Architecture architecture, Machine.Options options, long base) {
        Machine mmu = Machines.mmu(architecture, options);
        SimulatedCpu cpu = mmu.cpu();
        TableHierarchy t = mmu.activeTables(0);
        long block = t.geometry().leafSizes().get(1);
        long page = t.pageSize();
        long first = base;
        long last = base + 8 * block - 1;
        long pa = 0x40_0000_0000L;
        Consumer<Runnable> step =
                operation -> {
                    TlbCoherenceCheck.touch(cpu, first, last);
                    operation.run();
                    String wrong = TlbCoherenceCheck.mismatch(cpu, first, last);
                    assertNull(wrong, name + ": " + wrong);
                    assertNull(TlbCoherenceCheck.mismatch(cpu), name + ": outside the range");
                };
        step.accept(() -> t.mapContiguous(base, pa, 4 * block, RW, LeafSizePolicy.LARGEST_FITTING));
        step.accept(() -> t.protect(base + block + page, page, RO));
        step.accept(() -> t.unmap(base + 2 * block, block, UnmapCallback.NONE));
        step.accept(
                () ->
                        t.mapContiguous(
                                base + 2 * block,
                                pa + 16 * block,
                                block,
                                RW,
                                LeafSizePolicy.PAGES_ONLY));
        step.accept(() -> t.guard(base + 5 * block, 2 * block));
        step.accept(() -> t.unmap(base + 3 * block + 4 * page, 3 * page, UnmapCallback.NONE));
        step.accept(() -> t.protect(base, 3 * block, RX));
        step.accept(() -> t.unmap(base + 5 * block + page, page, UnmapCallback.NONE));
        step.accept(() -> t.unmap(base, 3 * block, UnmapCallback.NONE));
        step.accept(() -> t.reclaimEmptyTables(base, 8 * block));
        assertThrows(PageFaultException.class, () -> cpu.translate(base + 7, Access.READ, false));
        assertEquals(pa + 3 * block, cpu.translate(base + 3 * block, Access.READ, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void theReusableScenarioPasses(
            String name, Architecture architecture, Machine.Options options, long base) {
        CoherenceScenario.assertCoherent(Machines.mmu(architecture, options));
    }

    @Test
    void theReusableScenarioCatchesAFlusherThatForgetsPages() {
        // page invalidations that do nothing, and a threshold that always picks them: every flush
        // is lost
        String result =
                CoherenceScenario.run(
                        Machines.mmu(
                                forgetful(ToyArchitecture.uniform()),
                                Machine.Options.defaults()
                                        .withTlbCapacity(4096)
                                        .withFlushThreshold(Integer.MAX_VALUE)));
        assertNotNull(result);
        assertTrue(result.contains("stale"), result);
    }

    @Test
    void theAssertingFormFailsWithTheSameSentence() {
        Machine.Options options =
                Machine.Options.defaults()
                        .withTlbCapacity(4096)
                        .withFlushThreshold(Integer.MAX_VALUE);
        String result =
                CoherenceScenario.run(Machines.mmu(forgetful(ToyArchitecture.uniform()), options));
        AssertionFailedError failure =
                assertThrows(
                        AssertionFailedError.class,
                        () ->
                                CoherenceScenario.assertCoherent(
                                        Machines.mmu(
                                                forgetful(ToyArchitecture.uniform()), options)));
        assertEquals(result, failure.getMessage());
    }

    private static Architecture forgetful(Architecture base) {
        TlbInstructions real = base.tlbInstructions();
        TlbInstructions lazy =
                new TlbInstructions() {
                    @Override
                    public void invalidatePage(TlbMaintenance tlb, long va, int tag) {
                        // forgets to invalidate
                    }

                    @Override
                    public void invalidateContext(TlbMaintenance tlb, int tag) {
                        real.invalidateContext(tlb, tag);
                    }

                    @Override
                    public void invalidateEverything(TlbMaintenance tlb) {
                        real.invalidateEverything(tlb);
                    }
                };
        return new Architecture() {
            public String name() {
                return "forgetful";
            }

            public String description() {
                return "drops no page";
            }

            public List<TranslationRoot> roots() {
                return base.roots();
            }

            public int physicalAddressBits() {
                return base.physicalAddressBits();
            }

            public AddressLayout layout() {
                return base.layout();
            }

            public TlbInstructions tlbInstructions() {
                return lazy;
            }

            @Override
            public int tagBits() {
                return base.tagBits();
            }
        };
    }

    @Test
    void aHierarchyWithoutFlushesIsCaughtServingStaleTranslations() {
        Machine mmu = Machines.mmu(ToyArchitecture.uniform(), Machine.Options.defaults());
        SimulatedCpu cpu = mmu.cpu();
        ActiveHierarchy careless =
                ActiveHierarchy.recursive(
                        cpu, 0, mmu.layout().recursiveSlot(), mmu.allocator(), NoFlush.INSTANCE);
        TableHierarchy t = careless.tables();
        t.mapContiguous(0x4000_0000L, 0x8000_0000L, 0x4000, RW, LeafSizePolicy.PAGES_ONLY);
        TlbCoherenceCheck.touch(cpu, 0x4000_0000L, 0x4000_3FFFL);
        TlbCoherenceCheck.assertCoherent(cpu, 0x4000_0000L, 0x4000_3FFFL);
        t.protect(0x4000_1000L, 0x1000, RO);
        assertNotNull(
                TlbCoherenceCheck.mismatch(cpu, 0x4000_0000L, 0x4000_3FFFL),
                "a stale write right is caught");
        cpu.writeLong(
                0x4000_1000L, 1); // the stale entry still allows the write, as a real TLB would
        t.unmap(0x4000_2000L, 0x1000, UnmapCallback.NONE);
        String wrong = TlbCoherenceCheck.mismatch(cpu, 0x4000_2000L, 0x4000_2FFFL);
        assertNotNull(wrong);
        assertTrue(wrong.contains("stale"), wrong);
        assertEquals(0x8000_2008L, cpu.translate(0x4000_2008L, Access.READ, false));
    }

    @Test
    void mappingAndUnmappingAGibibyteCostsConstantInvalidations() {
        Machine mmu = Machines.mmu(ToyArchitecture.uniform(), Machine.Options.defaults());
        SimulatedCpu cpu = mmu.cpu();
        TableHierarchy t = mmu.activeTables(0);
        long gib = 1L << 30;
        long va = 4 * gib;
        for (LeafSizePolicy policy :
                List.of(
                        LeafSizePolicy.PAGES_ONLY,
                        LeafSizePolicy.atMost(2L << 20),
                        LeafSizePolicy.LARGEST_FITTING)) {
            long before = cpu.tlb().invalidations();
            t.mapContiguous(va, 0x80_0000_0000L, gib, RW, policy);
            assertEquals(
                    before,
                    cpu.tlb().invalidations(),
                    "mapping into unused entries needs no invalidation");
            TlbCoherenceCheck.touch(cpu, va, va + 64 * 4096 - 1);
            InvalidationCount unmap =
                    InvalidationCount.during(cpu.tlb(), () -> t.unmap(va, gib, UnmapCallback.NONE));
            assertTrue(unmap.total() <= 2, policy + ": unmapping 1 GiB ran " + unmap);
            assertEquals(0, unmap.pages(), "not one per entry");
            TlbCoherenceCheck.assertCoherent(cpu);
        }
        long before = cpu.tlb().pageInvalidations();
        t.mapContiguous(va, 0x80_0000_0000L, 4 * 4096, RW, LeafSizePolicy.PAGES_ONLY);
        t.unmap(va, 4 * 4096, UnmapCallback.NONE);
        assertEquals(
                before + 4,
                cpu.tlb().pageInvalidations(),
                "a small range is invalidated page by page");
    }
}
