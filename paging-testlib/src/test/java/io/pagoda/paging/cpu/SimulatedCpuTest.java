package io.pagoda.paging.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.machine.ActiveHierarchy;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.machine.Machines;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import io.pagoda.paging.testlib.toy.ToyFormat;
import org.junit.jupiter.api.Test;

class SimulatedCpuTest {
    private final Machine mmu =
            Machines.mmu(
                    ToyArchitecture.uniform(), Machine.Options.defaults().withTlbCapacity(256));
    private final SimulatedCpu cpu = mmu.cpu();
    private final TableHierarchy tables = mmu.activeTables(0);

    private void map(long va, long pa, long length, MappingAccessRights rights) {
        tables.mapContiguous(va, pa, length, MappingFlags.of(rights), LeafSizePolicy.PAGES_ONLY);
    }

    private FaultType fault(long va, Access access, boolean user) {
        return assertThrows(PageFaultException.class, () -> cpu.translate(va, access, user))
                .faultType();
    }

    @Test
    void faultsLikeHardware() {
        map(0x1000, 0x8000_0000L, 0x1000, MappingAccessRights.parse("r--u"));
        map(0x2000, 0x8000_1000L, 0x1000, MappingAccessRights.KERNEL_RW);
        tables.guard(0x3000, 0x1000);
        assertEquals(0x8000_0123L, cpu.translate(0x1123, Access.READ, true));
        assertEquals(FaultType.PROTECTION, fault(0x1000, Access.WRITE, true));
        assertEquals(FaultType.PROTECTION, fault(0x1000, Access.EXECUTE, false));
        assertEquals(FaultType.PROTECTION, fault(0x2000, Access.READ, true));
        assertEquals(FaultType.GUARD, fault(0x3000, Access.READ, false));
        PageFaultException notPresent =
                assertThrows(
                        PageFaultException.class, () -> cpu.translate(0x4000, Access.READ, false));
        assertEquals(FaultType.NOT_PRESENT, notPresent.faultType());
        assertEquals(2, notPresent.level());
        assertEquals(0x4000, notPresent.address());
        assertEquals(FaultType.NOT_PRESENT, fault(0x2_0000_0000L, Access.READ, false));
        assertEquals(FaultType.NON_CANONICAL, fault(0x0000_8000_0000_0000L, Access.READ, false));
        // a reserved bit in a present top-level entry
        cpu.memory()
                .writeLong(
                        cpu.rootTable(0) + 5 * 8,
                        ToyFormat.RESERVED
                                | ToyFormat.VALID
                                | ToyFormat.TABLE_OR_PAGE
                                | 0x9000_0000L);
        PageFaultException reserved =
                assertThrows(
                        PageFaultException.class,
                        () -> cpu.translate(5L << 30, Access.READ, false));
        assertEquals(FaultType.RESERVED_BIT, reserved.faultType());
        assertEquals(0, reserved.level());
    }

    @Test
    void readsAndWritesCrossPages() {
        map(0x10_0000, 0x8000_5000L, 0x1000, MappingAccessRights.KERNEL_RW);
        map(0x10_1000, 0x8000_2000L, 0x1000, MappingAccessRights.KERNEL_RW);
        cpu.writeLong(0x10_0FFC, 0x1122_3344_5566_7788L);
        assertEquals(0x1122_3344_5566_7788L, cpu.readLong(0x10_0FFC));
        assertEquals(0x5566_7788, cpu.memory().readInt(0x8000_5FFCL));
        assertEquals(0x1122_3344, cpu.memory().readInt(0x8000_2000L));
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        cpu.writeBytes(0x10_0100, data, 0, data.length, false);
        byte[] back = new byte[data.length];
        cpu.readBytes(0x10_0100, back, 0, back.length, false);
        assertArrayEquals(data, back);
    }

    @Test
    void aWriteFaultingOnItsSecondPageWritesNothing() {
        map(0x10_0000, 0x8000_5000L, 0x1000, MappingAccessRights.KERNEL_RW);
        map(0x10_1000, 0x8000_2000L, 0x1000, MappingAccessRights.READABLE);
        assertThrows(
                PageFaultException.class,
                () -> cpu.writeBytes(0x10_0FF0, new byte[32], 0, 32, false));
        assertThrows(PageFaultException.class, () -> cpu.writeLong(0x10_0FFC, -1L));
        cpu.memory().writeLong(0x8000_5FF8L, 0x77);
        assertEquals(0x77, cpu.readLong(0x10_0FF8));
    }

    @Test
    void servesAStaleTranslationUntilInvalidated() {
        ActiveHierarchy careless =
                ActiveHierarchy.recursive(
                        cpu, 0, mmu.layout().recursiveSlot(), mmu.allocator(), NoFlush.INSTANCE);
        careless.tables()
                .mapContiguous(
                        0x20_0000,
                        0x8000_0000L,
                        0x1000,
                        MappingFlags.of(MappingAccessRights.KERNEL_RW),
                        LeafSizePolicy.PAGES_ONLY);
        assertEquals(0x8000_0010L, cpu.translate(0x20_0010, Access.READ, false));
        careless.tables().unmap(0x20_0000, 0x1000, UnmapCallback.NONE);
        assertEquals(
                0x8000_0010L,
                cpu.translate(0x20_0010, Access.WRITE, false),
                "the TLB still serves it");
        mmu.architecture().tlbInstructions().invalidatePage(cpu.tlb(), 0x20_0000, cpu.currentTag());
        assertEquals(FaultType.NOT_PRESENT, fault(0x20_0010, Access.READ, false));
    }

    @Test
    void loadingARootUntaggedDropsNonGlobalEntries() {
        tables.mapContiguous(
                0x20_0000,
                0x8000_0000L,
                0x1000,
                MappingFlags.of(MappingAccessRights.KERNEL_RW),
                LeafSizePolicy.PAGES_ONLY);
        tables.mapContiguous(
                0x30_0000,
                0x8000_1000L,
                0x1000,
                MappingFlags.of(MappingAccessRights.KERNEL_RW).withGlobal(true),
                LeafSizePolicy.PAGES_ONLY);
        cpu.translate(0x20_0000, Access.READ, false);
        cpu.translate(0x30_0000, Access.READ, false);
        cpu.loadRoot(0, cpu.register(0));
        assertEquals(-1, cpu.tlb().probe(0x20_0000, cpu.currentTag()));
        assertEquals(true, cpu.tlb().probe(0x30_0000, cpu.currentTag()) >= 0);
    }
}
