package io.pagoda.arch.x86_64;

import static io.pagoda.arch.x86_64.RawAssert.assertRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.PageState;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.error.NonCanonicalAddressException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.Translation;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generic algorithms on simulated memory with this format: pages, 2 MiB and 1 GiB blocks,
 * guards, a partial unmap of a block, protect and translate; raw entries checked against the §3 bit
 * layout and the hardware-like walker checked against translate.
 */
class EndToEndTest {
    private static final long ADDRESS = 0x000FFFFFFFFFF000L;
    // expected low/high bits, from the §3 layout (not from the encoder)
    private static final long TABLE_BITS = 0x007L; // P RW US
    private static final long USER_RW_PTE = 0x8000000000000067L; // XD, P RW US A D
    private static final long USER_RX_PTE = 0x0000000000000025L; // P US A
    private static final long KERNEL_RW_GLOBAL_2M = 0x80000000000001E3L; // XD, P RW A D PS G
    private static final long KERNEL_RW_GLOBAL_PTE = 0x8000000000000163L; // XD, P RW A D G
    private static final long USER_RX_1G = 0x00000000000000A5L; // P US A PS
    private static final long DEVICE_PTE =
            0x800000000000007BL; // XD, P RW PWT PCD A D (PAT index 3 = UC)

    record Scenario(
            X86_64Architecture arch, long user, long kernel, long gigabyte, long guardedGigabyte) {
        @Override
        public String toString() {
            return arch.name();
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario(
                        X86_64Architecture.fourLevel(),
                        0x00007F1234567000L,
                        0xFFFF800040000000L,
                        0x0000004000000000L,
                        0x0000001000000000L),
                new Scenario(
                        X86_64Architecture.fiveLevel(),
                        0x00FFFF1234567000L,
                        0xFF00000040000000L,
                        0x0000004000000000L,
                        0x0080001000000000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void mapGuardUnmapProtectTranslate(Scenario s) {
        X86_64Architecture arch = s.arch();
        Cr3Root root = arch.cr3();
        int top = root.geometry().levelCount() - 4; // level index of the PML4
        int pdpt = top + 1;
        int pd = top + 2;
        int pt = top + 3;
        SparseMemory memory = new SparseMemory(52);
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x100000L, 256, 4096);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
        long rootTable = TableHierarchy.allocateRoot(root, access, allocator);
        long cr3 = root.registerValue(rootTable, 0);
        TableHierarchy tables =
                new TableHierarchy(
                        root,
                        arch.physicalAddressBits(),
                        rootTable,
                        access,
                        allocator,
                        NoFlush.INSTANCE);

        // 4 KiB pages, user data, one frame near the top of a 40-bit space
        long[] frames = {0x5000L, 0x9000L, 0xFF_1234_5000L};
        tables.map(
                s.user(),
                3 * 4096,
                FrameSource.pages(frames, 4096),
                MappingFlags.of(MappingAccessRights.USER_RW));
        for (int i = 0; i < 3; i++) {
            assertRaw(
                    frames[i] | USER_RW_PTE,
                    raw(memory, arch, rootTable, s.user() + i * 4096L, pt));
        }
        for (int level = 0; level < pt; level++) {
            long table = raw(memory, arch, rootTable, s.user(), level);
            assertEquals(TABLE_BITS, table & ~ADDRESS, "table entry at level " + level);
            assertTrue(allocator.isAllocated(table & ADDRESS));
        }

        // two 2 MiB kernel blocks, global
        MappingFlags kernelData =
                new MappingFlags(MappingAccessRights.KERNEL_RW, MemoryType.WRITE_BACK, true);
        tables.mapContiguous(
                s.kernel(), 0x40000000L, 4L << 20, kernelData, LeafSizePolicy.LARGEST_FITTING);
        assertRaw(0x40000000L | KERNEL_RW_GLOBAL_2M, raw(memory, arch, rootTable, s.kernel(), pd));
        assertRaw(
                0x40200000L | KERNEL_RW_GLOBAL_2M,
                raw(memory, arch, rootTable, s.kernel() + (2L << 20), pd));

        // a 1 GiB user code block
        tables.mapContiguous(
                s.gigabyte(),
                0x80000000L,
                1L << 30,
                MappingFlags.of(MappingAccessRights.USER_RX),
                LeafSizePolicy.LARGEST_FITTING);
        assertRaw(0x80000000L | USER_RX_1G, raw(memory, arch, rootTable, s.gigabyte(), pdpt));

        // a device page: PAT index 3 (UC) through PCD|PWT
        long device = s.kernel() + (64L << 20);
        tables.mapContiguous(
                device,
                0xFEE00000L,
                4096,
                new MappingFlags(MappingAccessRights.KERNEL_RW, MemoryType.DEVICE, false),
                LeafSizePolicy.PAGES_ONLY);
        assertRaw(0xFEE00000L | DEVICE_PTE, raw(memory, arch, rootTable, device, pt));

        // guards: two pages, and a whole 1 GiB entry as one huge guard
        tables.guard(0x10000L, 0x2000L);
        assertRaw(0x200L, raw(memory, arch, rootTable, 0x10000L, pt));
        assertRaw(0x200L, raw(memory, arch, rootTable, 0x11000L, pt));
        tables.guard(s.guardedGigabyte(), 1L << 30);
        assertRaw(0x200L, raw(memory, arch, rootTable, s.guardedGigabyte(), pdpt));

        // unmap one page inside the second 2 MiB block: the block becomes a table of 4 KiB leaves
        List<long[]> unmapped = new ArrayList<>();
        tables.unmap(
                s.kernel() + (2L << 20) + 0x1000,
                0x1000,
                (va, pa, size) -> unmapped.add(new long[] {va, pa, size}));
        assertEquals(1, unmapped.size());
        assertEquals(s.kernel() + 0x201000L, unmapped.get(0)[0]);
        assertEquals(0x40201000L, unmapped.get(0)[1]);
        assertEquals(4096L, unmapped.get(0)[2]);
        assertRaw(TABLE_BITS, raw(memory, arch, rootTable, s.kernel() + (2L << 20), pd) & ~ADDRESS);
        assertRaw(
                0x40200000L | KERNEL_RW_GLOBAL_PTE,
                raw(memory, arch, rootTable, s.kernel() + 0x200000L, pt));
        assertRaw(0L, raw(memory, arch, rootTable, s.kernel() + 0x201000L, pt));
        assertRaw(
                0x40202000L | KERNEL_RW_GLOBAL_PTE,
                raw(memory, arch, rootTable, s.kernel() + 0x202000L, pt));
        assertRaw(
                0x403FF000L | KERNEL_RW_GLOBAL_PTE,
                raw(memory, arch, rootTable, s.kernel() + 0x3FF000L, pt));

        // protect the first user page to read+execute
        tables.protect(s.user(), 4096, MappingFlags.of(MappingAccessRights.USER_RX));
        assertRaw(0x5000L | USER_RX_PTE, raw(memory, arch, rootTable, s.user(), pt));

        // translate
        Translation page = tables.translate(s.user() + 0x123);
        assertEquals(PageState.PRESENT, page.state());
        assertEquals(0x5123L, page.physicalAddress());
        assertEquals(4096L, page.size());
        assertEquals(MappingAccessRights.USER_RX, page.flags().rights());
        Translation block = tables.translate(s.kernel() + 0x1234);
        assertEquals(0x40001234L, block.physicalAddress());
        assertEquals(2L << 20, block.size());
        assertEquals(kernelData, block.flags());
        Translation gigabyte = tables.translate(s.gigabyte() + 0x3FFFFFFFL);
        assertEquals(0xBFFFFFFFL, gigabyte.physicalAddress());
        assertEquals(1L << 30, gigabyte.size());
        assertEquals(PageState.GUARDED, tables.translate(s.guardedGigabyte() + 0x12345).state());
        assertEquals(PageState.AVAILABLE, tables.translate(s.kernel() + 0x201000L).state());

        // the hardware-like walker sees the same tables the same way
        PageWalker walker = new PageWalker(arch, memory);
        long[] probes = {
            s.user(),
            s.user() + 0x1FFF,
            s.user() + 0x2ABC,
            s.user() + 0x3000,
            s.kernel(),
            s.kernel() + 0x200123L,
            s.kernel() + 0x201000L,
            s.kernel() + 0x3FFFFFL,
            s.gigabyte() + 0x1234567L,
            device,
            0x10000L,
            0x11FFFL,
            s.guardedGigabyte() + 0x3FFFF000L,
            0x12000L
        };
        for (long va : probes) {
            Translation expected = tables.translate(va);
            WalkResult seen = walker.walk(va, cr3);
            switch (expected.state()) {
                case PRESENT -> {
                    assertNull(seen.fault(), seen.toString());
                    assertEquals(
                            expected.physicalAddress(), seen.physicalAddress(), seen.toString());
                    assertEquals(expected.flags(), seen.flags(), seen.toString());
                    assertEquals(expected.size(), seen.size(), seen.toString());
                }
                case GUARDED -> assertEquals(FaultType.GUARD, seen.fault(), seen.toString());
                case AVAILABLE ->
                        assertEquals(FaultType.NOT_PRESENT, seen.fault(), seen.toString());
                default -> throw new AssertionError();
            }
        }
        assertTrue(walker.walk(s.kernel(), cr3).global());
    }

    /**
     * Splitting moves the PAT bit: bit 12 in 1 GiB and 2 MiB leaves, bit 7 in 4 KiB PTEs. The
     * power-on PAT never needs the PAT bit, so the variant is built for Linux's IA32_PAT, where
     * write-through is index 7.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void splittingAWriteThroughBlockKeepsItsPatIndex(Scenario s) {
        X86_64Architecture arch = s.arch().withPatMsr(0x0407_0506_0007_0106L);
        Cr3Root root = arch.cr3();
        int pdpt = root.geometry().levelCount() - 3;
        int pd = pdpt + 1;
        int pt = pdpt + 2;
        SparseMemory memory = new SparseMemory(52);
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x100000L, 64, 4096);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
        long rootTable = TableHierarchy.allocateRoot(root, access, allocator);
        TableHierarchy tables =
                new TableHierarchy(root, 52, rootTable, access, allocator, NoFlush.INSTANCE);
        MappingFlags writeThrough =
                new MappingFlags(MappingAccessRights.KERNEL_RW, MemoryType.WRITE_THROUGH, false);
        tables.mapContiguous(
                s.kernel(), 0xC0000000L, 1L << 30, writeThrough, LeafSizePolicy.LARGEST_FITTING);
        // XD, PAT(12), P RW PWT PCD A D PS: PAT index 7 = WT in Linux's layout
        assertRaw(
                0xC0000000L | 0x80000000000010FBL, raw(memory, arch, rootTable, s.kernel(), pdpt));
        tables.unmap(s.kernel() + 0x1000, 0x1000, (va, pa, size) -> {});
        assertRaw(
                0xC0200000L | 0x80000000000010FBL,
                raw(memory, arch, rootTable, s.kernel() + 0x200000L, pd));
        // XD, P RW PWT PCD A D PAT(7)
        assertRaw(0xC0000000L | 0x80000000000000FBL, raw(memory, arch, rootTable, s.kernel(), pt));
        assertRaw(0L, raw(memory, arch, rootTable, s.kernel() + 0x1000, pt));
        assertRaw(
                0xC0002000L | 0x80000000000000FBL,
                raw(memory, arch, rootTable, s.kernel() + 0x2000, pt));
        assertEquals(writeThrough, tables.translate(s.kernel() + 0x2000).flags());
        assertEquals(writeThrough, tables.translate(s.kernel() + 0x3FFFFFFFL).flags());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void nonCanonicalAddressesAreRefusedBeforeAnyWalk(Scenario s) {
        X86_64Architecture arch = s.arch();
        SparseMemory memory = new SparseMemory(52);
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x100000L, 16, 4096);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, arch.cr3().geometry());
        long rootTable = TableHierarchy.allocateRoot(arch.cr3(), access, allocator);
        TableHierarchy tables =
                new TableHierarchy(arch.cr3(), 52, rootTable, access, allocator, NoFlush.INSTANCE);
        long nonCanonical =
                arch.mode() == PagingMode.FOUR_LEVEL ? 0x0000800000000000L : 0x0100000000000000L;
        SparseMemory before = memory.copy();
        long allocated = allocator.allocatedCount();
        NonCanonicalAddressException e =
                assertThrows(
                        NonCanonicalAddressException.class,
                        () ->
                                tables.map(
                                        nonCanonical,
                                        4096,
                                        FrameSource.pages(new long[] {0x5000L}, 4096),
                                        MappingFlags.of(MappingAccessRights.KERNEL_RW)));
        assertTrue(
                e.getMessage().contains(arch.cr3().canonicalForm().describeRanges()),
                e.getMessage());
        assertThrows(NonCanonicalAddressException.class, () -> tables.translate(nonCanonical));
        assertTrue(memory.contentEquals(before));
        assertEquals(allocated, allocator.allocatedCount());
        assertEquals(
                FaultType.NON_CANONICAL,
                new PageWalker(arch, memory)
                        .walk(nonCanonical, arch.cr3().registerValue(rootTable, 0))
                        .fault());
    }

    /**
     * The raw entry for {@code va} at {@code level}, read by following table entries from the root.
     */
    private static long raw(
            SparseMemory memory, X86_64Architecture arch, long rootTable, long va, int level) {
        Cr3Root root = arch.cr3();
        long linear = root.canonicalForm().linear(va);
        long table = rootTable;
        for (int l = 0; ; l++) {
            long entry = memory.readLong(table + 8L * root.geometry().indexOf(l, linear));
            if (l == level) {
                return entry;
            }
            table = entry & ADDRESS;
        }
    }
}
