package io.pagoda.paging.table.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.Access;
import io.pagoda.paging.cpu.PageFaultException;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.error.HierarchyStateException;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.machine.Machines;
import io.pagoda.paging.machine.SwitchableHierarchy;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.TableView;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.testlib.TlbCoherenceCheck;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableAccessTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);

    private static List<String> entries(TableHierarchy tables, long va, long length) {
        List<String> out = new ArrayList<>();
        tables.forEveryEntry(
                va,
                length,
                (v, len, state, pa, level, raw) ->
                        out.add(v + " " + len + " " + state + " " + pa + " " + level + " " + raw));
        return out;
    }

    @Test
    void recursiveAccessReadsTheSameEntriesAsPhysicalAccess() {
        Machine mmu = Machines.mmu(ToyArchitecture.uniform(), Machine.Options.defaults());
        TableHierarchy recursive = mmu.activeTables(0);
        recursive.mapContiguous(
                0x4000_0000L, 0x8000_0000L, 0x40_0000, RW, LeafSizePolicy.LARGEST_FITTING);
        recursive.mapContiguous(0x1234_5000L, 0x9000_0000L, 0x3000, RW, LeafSizePolicy.PAGES_ONLY);
        recursive.guard(0xFFFF_FFC0_0020_0000L, 0x1000);
        TableHierarchy physical =
                new TableHierarchy(
                        ToyArchitecture.uniform().root(),
                        ToyArchitecture.PHYSICAL_BITS,
                        mmu.cpu().rootTable(0),
                        new PhysicalTableAccess(mmu.memory(), recursive.geometry()),
                        mmu.allocator(),
                        NoFlush.INSTANCE);
        for (long va : new long[] {0, 0xFFFF_FFC0_0000_0000L}) {
            assertEquals(
                    entries(physical, va, 0x10_0000_0000L),
                    entries(recursive, va, 0x10_0000_0000L));
        }
        RecursiveTableAccess access = (RecursiveTableAccess) recursive.access();
        long leafTable =
                recursive
                        .format()
                        .tableAddress(
                                1,
                                mmu.memory()
                                        .readLong(
                                                recursive
                                                                .format()
                                                                .tableAddress(
                                                                        0,
                                                                        mmu.memory()
                                                                                .readLong(
                                                                                        mmu.cpu()
                                                                                                .rootTable(
                                                                                                        0)))
                                                        + 0x91 * 8));
        long window = access.windowAddress(2, 0x1234_5000L);
        assertEquals(0xFFFF_FFFF_C000_0000L | (0L << 21) | (0x91L << 12), window);
        for (int i = 0; i < 512; i++) {
            assertEquals(
                    mmu.memory().readLong(leafTable + i * 8L), mmu.cpu().readLong(window + i * 8L));
        }
        assertEquals(
                mmu.cpu().rootTable(0) + 8,
                mmu.cpu().translate(0xFFFF_FFFF_FFFF_F008L, Access.READ, false),
                "the top table is the last page of the window");
    }

    @Test
    void recursiveAccessRefusesUnequalGeometries() {
        Machine mmu = Machines.mmu(ToyArchitecture.unequal(), Machine.Options.defaults());
        String why = RecursiveTableAccess.unsupportedReason(ToyArchitecture.unequal().root(), 1);
        assertNotNull(why);
        assertTrue(why.contains("fan-out"), why);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new RecursiveTableAccess(mmu.cpu(), 0, 1, null, NoFlush.INSTANCE));
        assertTrue(e.getMessage().contains("DirectMapTableAccess"), e.getMessage());
        assertNull(RecursiveTableAccess.unsupportedReason(ToyArchitecture.uniform().root(), 511));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        Machines.mmu(
                                ToyArchitecture.unequal(),
                                Machine.Options.defaults()
                                        .withAccess(Machine.ActiveAccess.RECURSIVE, null)));
    }

    @Test
    void aRecursiveHierarchyRefusesToRunWhenItsRootIsNotLoaded() {
        Machine mmu = Machines.mmu(ToyArchitecture.uniform(), Machine.Options.defaults());
        TableHierarchy tables = mmu.activeTables(0);
        SwitchableHierarchy other = SwitchableHierarchy.create(mmu, 0);
        other.switchTo();
        assertThrows(HierarchyStateException.class, () -> tables.translate(0x1000));
    }

    @Test
    void directMapAccessReachesTablesAtBasePlusPhysical() {
        Machine mmu =
                Machines.mmu(
                        Machines.uniformWithDirectMap(),
                        Machine.Options.defaults()
                                .withAccess(
                                        Machine.ActiveAccess.DIRECT_MAP,
                                        Machine.InactiveAccess.DIRECT_MAP));
        TableHierarchy tables = mmu.activeTables(0);
        tables.mapContiguous(0x4000_0000L, 0x8000_0000L, 0x1000, RW, LeafSizePolicy.PAGES_ONLY);
        long root = mmu.cpu().rootTable(0);
        assertEquals(
                mmu.memory().readLong(root + 8),
                mmu.cpu().readLong(Machines.UNIFORM_DIRECT_MAP + root + 8));
        assertEquals(0x8000_0000L, tables.translate(0x4000_0000L).physicalAddress());
    }

    @Test
    void temporaryMappingsAreUndoneWhenHandlesClose() {
        Machine mmu = Machines.mmu(ToyArchitecture.uniform(), Machine.Options.defaults());
        SwitchableHierarchy other = SwitchableHierarchy.create(mmu, 0);
        long window = mmu.temporaryWindow();
        other.withTables(
                t -> {
                    t.mapContiguous(
                            0x4000_0000L, 0x8000_0000L, 0x2000, RW, LeafSizePolicy.PAGES_ONLY);
                    return null;
                });
        for (int p = 0; p < TemporaryMappingTableAccess.windowPages(3); p++) {
            long va = window + p * 4096L;
            assertThrows(
                    PageFaultException.class, () -> mmu.cpu().translate(va, Access.READ, false));
        }
        TlbCoherenceCheck.assertCoherent(mmu.cpu());
        // the inactive space's tables were written, the active one's were not
        assertEquals(-1, mmu.activeTables(0).translateAddress(0x4000_0000L));
        assertEquals(0x8000_1000L, (long) other.withTables(t -> t.translateAddress(0x4000_1000L)));
        TableView view =
                new TemporaryMappingTableAccess(
                                mmu.cpu(),
                                ToyArchitecture.uniform().root().geometry(),
                                () -> mmu.activeTables(0),
                                window)
                        .open(0, other.rootTable(), 0);
        assertEquals(mmu.memory().readLong(other.rootTable() + 8), view.read(1));
        view.close();
        assertThrows(
                PageFaultException.class, () -> mmu.cpu().translate(window, Access.READ, false));
    }

    @Test
    void recursiveWindowsAreInvalidatedWhenUpperEntriesChange() {
        // a high threshold, so that no context-wide flush of the data range hides a missing window
        // invalidation
        Machine mmu =
                Machines.mmu(
                        ToyArchitecture.uniform(),
                        Machine.Options.defaults().withTlbCapacity(1024).withFlushThreshold(1024));
        SimulatedCpu cpu = mmu.cpu();
        TableHierarchy tables = mmu.activeTables(0);
        RecursiveTableAccess access = (RecursiveTableAccess) tables.access();
        long block = 0x4020_0000L;
        tables.mapContiguous(block, 0x8000_0000L, 0x20_0000, RW, LeafSizePolicy.LARGEST_FITTING);
        tables.protect(block + 0x1000, 0x1000, MappingFlags.of(MappingAccessRights.READABLE));
        assertEquals(
                0L,
                mmu.memory().readLong(0x8000_0000L),
                "the split wrote its table, not the block's frame");
        TlbCoherenceCheck.assertCoherent(cpu);
        assertEquals(0x8000_1000L, tables.translate(block + 0x1000).physicalAddress());

        long page = 0x1_0000_0000L;
        tables.mapContiguous(page, 0x9000_0000L, 0x1000, RW, LeafSizePolicy.PAGES_ONLY);
        long oldTable = cpu.translate(access.windowAddress(2, page), Access.READ, false);
        tables.unmap(page, 0x1000, UnmapCallback.NONE);
        assertEquals(1, tables.reclaimEmptyTables(page, 0x20_0000L));
        mmu.allocator().allocate();
        tables.mapContiguous(page, 0x9000_1000L, 0x1000, RW, LeafSizePolicy.PAGES_ONLY);
        assertEquals(0x9000_1000L, cpu.translate(page, Access.READ, false));
        assertNotEquals(
                oldTable,
                cpu.translate(access.windowAddress(2, page), Access.READ, false),
                "the window follows the new table");
        assertEquals(
                0L, mmu.memory().readLong(oldTable), "nothing was written into the freed table");
        TlbCoherenceCheck.assertCoherent(cpu);
    }
}
