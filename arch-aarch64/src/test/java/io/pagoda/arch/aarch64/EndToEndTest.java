package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.PageState;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.Translation;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generic algorithms over sparse memory, for every variant and both roots: pages, blocks,
 * guards, a partial unmap of a block, protect, translate; raw descriptors checked against §4's bit
 * layout, and the hardware-like walker agreeing with the hierarchy.
 */
class EndToEndTest {
    /** bits[1:0] = 11 (page / table) */
    private static final long PAGE = 0b11;

    /** bits[1:0] = 01 (block) */
    private static final long BLOCK = 0b01;

    private static final long AP_EL0 = 0x40;
    private static final long AP_RO = 0x80;
    private static final long SH_INNER_AF = 0x700; // SH = 11, AF
    private static final long NG = 0x800;
    private static final long PXN = 1L << 53;
    private static final long UXN = 1L << 54;
    private static final long ATTR_DEVICE = 1 << 2; // AttrIndx 1 in the documented MAIR layout

    static List<Arguments> variantsAndRoots() {
        List<Arguments> all = new ArrayList<>();
        Variants.names()
                .forEach(
                        n -> {
                            all.add(Arguments.of(n, 0));
                            all.add(Arguments.of(n, 1));
                        });
        return all;
    }

    @ParameterizedTest(name = "{0} root {1}")
    @MethodSource("variantsAndRoots")
    void mapGuardUnmapProtectTranslate(String name, int rootIndex) {
        Aarch64Architecture arch = Variants.get(name);
        TranslationRoot root = arch.roots().get(rootIndex);
        Geometry g = root.geometry();
        CanonicalForm canonical = root.canonicalForm();
        int last = g.lastLevel();
        long page = g.pageSize();
        long block = g.span(last - 1);
        // with DS=1 (FEAT_LPA2) bits 9:8 are OA[51:50], 0 for these frames below 2^50: only AF is
        // written there
        long shAf = arch.setup().lpa2() ? 0x400 : SH_INNER_AF;
        assertTrue(g.level(last - 1).leafAllowed(), "every granule has L2 blocks");

        SparseMemory memory = new SparseMemory(arch.physicalAddressBits());
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x40000000L, 64, page);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, g);
        long rootTable = TableHierarchy.allocateRoot(root, access, allocator);
        TableHierarchy tables =
                new TableHierarchy(
                        root,
                        arch.physicalAddressBits(),
                        rootTable,
                        access,
                        allocator,
                        NoFlush.INSTANCE);
        long register = root.registerValue(rootTable, 9);
        PageWalker walker = new PageWalker(arch, memory);

        long base = canonical.virtual(block * 4);
        long data = 0x100000000L;

        // three user pages from scattered frames
        long[] frames = {data, data + 5 * page, data + 2 * page};
        tables.map(
                base,
                3 * page,
                FrameSource.pages(frames, page),
                MappingFlags.of(MappingAccessRights.USER_RW));
        for (int i = 0; i < 3; i++) {
            long raw = leaf(memory, root, rootTable, base + i * page, last, allocator);
            assertEquals(
                    frames[i] | PAGE | AP_EL0 | shAf | NG | PXN | UXN, raw, "user RW page " + i);
        }

        // a block, kernel RW device memory, global
        long blockVa = base + block;
        long blockPa = block * 8;
        tables.mapContiguous(
                blockVa,
                blockPa,
                block,
                new MappingFlags(MappingAccessRights.KERNEL_RW, MemoryType.DEVICE, true),
                LeafSizePolicy.LARGEST_FITTING);
        assertEquals(
                blockPa | BLOCK | ATTR_DEVICE | shAf | PXN | UXN,
                leaf(memory, root, rootTable, blockVa, last - 1, allocator));

        // a huge guard: one whole block-sized entry
        long guardVa = base + 2 * block;
        tables.guard(guardVa, block);
        assertEquals(
                0x0080000000000000L, leaf(memory, root, rootTable, guardVa, last - 1, allocator));
        assertEquals(PageState.GUARDED, tables.translate(guardVa + page).state());
        assertEquals(FaultType.GUARD, walker.walk(rootIndex, register, guardVa + page).fault());

        // unmap one page inside the block: it becomes a table of pages
        List<String> unmapped = new ArrayList<>();
        tables.unmap(
                blockVa + page,
                page,
                (va, pa, size) ->
                        unmapped.add(
                                Long.toHexString(va) + "->" + Long.toHexString(pa) + "/" + size));
        assertEquals(
                List.of(
                        Long.toHexString(blockVa + page)
                                + "->"
                                + Long.toHexString(blockPa + page)
                                + "/"
                                + page),
                unmapped);
        assertEquals(
                blockPa | PAGE | ATTR_DEVICE | shAf | PXN | UXN,
                leaf(memory, root, rootTable, blockVa, last, allocator));
        assertEquals(0, leaf(memory, root, rootTable, blockVa + page, last, allocator));
        assertEquals(blockPa + 2 * page + 0x10, tables.translateAddress(blockVa + 2 * page + 0x10));
        assertEquals(PageState.AVAILABLE, tables.translate(blockVa + page).state());
        assertEquals(
                FaultType.NOT_PRESENT, walker.walk(rootIndex, register, blockVa + page).fault());

        // protect the first user page to user read-execute: AP = 11, PXN only
        tables.protect(base, page, MappingFlags.of(MappingAccessRights.USER_RX));
        assertEquals(
                frames[0] | PAGE | AP_EL0 | AP_RO | shAf | NG | PXN,
                leaf(memory, root, rootTable, base, last, allocator));

        // the walker and the hierarchy agree everywhere
        long[] probes = {
            base + 7,
            base + page + 0x123,
            base + 2 * page + page - 1,
            blockVa,
            blockVa + 3 * page + 5,
            blockVa + block - 1,
            base + 3 * page
        };
        for (long va : probes) {
            Translation t = tables.translate(va);
            WalkResult w = walker.walk(rootIndex, register, va);
            if (t.isPresent()) {
                assertNull(w.fault(), w.toString());
                assertEquals(t.physicalAddress(), w.physicalAddress());
                assertEquals(t.flags(), w.flags());
                assertEquals(t.size(), w.size());
            } else {
                assertEquals(FaultType.NOT_PRESENT, w.fault(), w.toString());
            }
        }
        assertEquals(
                MappingAccessRights.USER_RX,
                walker.walk(rootIndex, register, base).flags().rights());
        assertEquals(
                MappingAccessRights.USER_RW,
                walker.walk(rootIndex, register, base + page).flags().rights());
        assertEquals(
                new MappingFlags(MappingAccessRights.KERNEL_RW, MemoryType.DEVICE, true),
                walker.walk(rootIndex, register, blockVa).flags());
        assertTrue(walker.walk(rootIndex, register, blockVa).global());
    }

    /**
     * The raw descriptor at {@code level} for {@code va}, checking on the way that every table
     * descriptor is exactly an allocated, granule-aligned table address with bits[1:0] = 11 and no
     * attribute bits.
     */
    static long leaf(
            SparseMemory memory,
            TranslationRoot root,
            long rootTable,
            long va,
            int level,
            BitmapFrameAllocator allocator) {
        Geometry g = root.geometry();
        long linear = root.canonicalForm().linear(va);
        long table = rootTable;
        for (int l = 0; l < level; l++) {
            long raw = memory.readLong(table + 8L * g.indexOf(l, linear));
            long next = raw & ~0xFFFL & 0x0000FFFFFFFFFFFFL;
            assertEquals(next | 0b11, raw, "table descriptor at level " + l);
            assertEquals(0, next & (g.pageSize() - 1));
            assertTrue(allocator.isAllocated(next));
            table = next;
        }
        return memory.readLong(table + 8L * g.indexOf(level, linear));
    }
}
