package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.PageState;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.PagingCacheFlusher;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.Translation;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generic algorithms on simulated memory, per variant: map pages and blocks, guard, split a
 * block by a partial unmap, protect, translate; the raw entries in memory are checked against the
 * reference layout and the hardware-like walker must agree with every translation.
 */
class EndToEndTest {
    private static final MappingAccessRights RWX = MappingAccessRights.parse("rwx-");
    private static final MappingAccessRights RXU = MappingAccessRights.parse("r-xu");
    private static final MappingAccessRights RWXU = MappingAccessRights.parse("rwxu");

    /** Remembers every flushed range. */
    private static final class RecordingFlusher implements PagingCacheFlusher {
        final List<String> ranges = new ArrayList<>();

        @Override
        public void flushRange(long firstVirtual, long lastVirtual, boolean global) {
            ranges.add(
                    Long.toHexString(firstVirtual)
                            + ".."
                            + Long.toHexString(lastVirtual)
                            + (global ? " global" : ""));
        }

        @Override
        public void flushAll() {
            ranges.add("all");
        }
    }

    /** One hierarchy on fresh simulated memory. */
    private static final class Machine {
        final Architecture architecture;
        final TranslationRoot root;
        final SparseMemory memory;
        final BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x0010_0000L, 64, 4096);
        final RecordingFlusher flusher = new RecordingFlusher();
        final TableHierarchy hierarchy;
        final long rootTable;
        final List<long[]> unmapped = new ArrayList<>();

        Machine(Architecture architecture) {
            this.architecture = architecture;
            this.root = architecture.roots().get(0);
            this.memory = new SparseMemory(architecture.physicalAddressBits());
            PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
            this.rootTable = TableHierarchy.allocateRoot(root, access, allocator);
            this.hierarchy =
                    new TableHierarchy(
                            root,
                            architecture.physicalAddressBits(),
                            rootTable,
                            access,
                            allocator,
                            flusher);
        }

        long entry(long table, int index) {
            int size = root.geometry().entrySize(root.geometry().lastLevel());
            return memory.readEntry(table + (long) index * size, size);
        }

        long next(long raw) {
            return raw
                    & (root.geometry().entrySize(0) == 4
                            ? LegacyEntryFormat.FRAME_4K
                            : PaeEntryFormat.ADDRESS);
        }

        void unmap(long va, long length) {
            hierarchy.unmap(va, length, (v, p, s) -> unmapped.add(new long[] {v, p, s}));
        }

        /** The walker and the algorithms tell the same story for every address. */
        void walkerAgrees(long... addresses) {
            PageWalker walker = new PageWalker(architecture, memory);
            long cr3 = root.registerValue(rootTable, 0);
            for (long va : addresses) {
                Translation t = hierarchy.translate(va);
                WalkResult w = walker.walk(va, cr3);
                String where =
                        architecture.name() + " " + Long.toHexString(va) + ": " + t + " / " + w;
                switch (t.state()) {
                    case PRESENT -> {
                        assertEquals(t.physicalAddress(), w.physicalAddress(), where);
                        assertEquals(t.flags(), w.flags(), where);
                        assertEquals(t.size(), w.size(), where);
                    }
                    case GUARDED -> assertEquals(FaultType.GUARD, w.fault(), where);
                    case AVAILABLE -> assertEquals(FaultType.NOT_PRESENT, w.fault(), where);
                    default -> throw new AssertionError(where);
                }
                assertEquals(t.level(), w.level(), where);
            }
        }
    }

    @Test
    void legacyThirtyTwoBit() {
        Machine m = new Machine(new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE));
        TableHierarchy h = m.hierarchy;
        long pd = m.rootTable;

        h.map(
                0x0040_0000L,
                0x2000,
                FrameSource.pages(new long[] {0x0A00_0000L, 0x0A00_5000L}, 4096),
                MappingFlags.of(MappingAccessRights.USER_RX));
        long pde1 = m.entry(pd, 1);
        assertEquals(0x007L, pde1 & 0xFFF, "directory entries are P|RW|US");
        long pt = m.next(pde1);
        assertTrue(m.allocator.isAllocated(pt));
        assertEquals(0x0A00_0005L, m.entry(pt, 0), "P|US, read-only, executable by nature");
        assertEquals(0x0A00_5005L, m.entry(pt, 1));

        h.mapContiguous(
                0xC000_0000L,
                0x8000_0000L,
                0x80_0000L,
                new MappingFlags(RWX, MemoryType.WRITE_BACK, true),
                LeafSizePolicy.LARGEST_FITTING);
        assertEquals(0x8000_0183L, m.entry(pd, 768), "4 MiB: P|RW|PS|G");
        assertEquals(0x8040_0183L, m.entry(pd, 769));

        h.mapContiguous(
                0xD000_0000L,
                0x3_4040_0000L,
                0x40_0000L,
                new MappingFlags(RXU, MemoryType.UNCACHED, false),
                LeafSizePolicy.LARGEST_FITTING);
        assertEquals(
                0x4040_6095L,
                m.entry(pd, 832),
                "PSE-36: PA[35:32]=3 in PDE[16:13]; P|US|PCD|PS: power-on PAT index 2 = UC-");

        h.guard(0x0080_0000L, 0x40_0000L);
        assertEquals(0x200L, m.entry(pd, 2), "a huge guard in the directory");
        h.guard(0x0040_2000L, 0x1000);
        assertEquals(0x200L, m.entry(pt, 2));

        m.flusher.ranges.clear();
        m.unmap(0xC040_1000L, 0x1000);
        long pde769 = m.entry(pd, 769);
        assertEquals(0x007L, pde769 & 0xFFF, "the 4 MiB page became a table");
        long split = m.next(pde769);
        assertEquals(0x8040_0103L, m.entry(split, 0), "4 KiB pieces: P|RW|G, PAT bit clear");
        assertEquals(0L, m.entry(split, 1));
        assertEquals(0x8040_2103L, m.entry(split, 2));
        assertEquals(0x807F_F103L, m.entry(split, 1023));
        assertEquals(1, m.unmapped.size());
        assertEquals(0x8040_1000L, m.unmapped.get(0)[1]);
        assertEquals(List.of("c0400000..c07fffff global"), m.flusher.ranges);

        h.protect(0x0040_0000L, 0x1000, MappingFlags.of(RWXU));
        assertEquals(0x0A00_0007L, m.entry(pt, 0));

        Translation t = h.translate(0x0040_0123L);
        assertEquals(0x0A00_0123L, t.physicalAddress());
        assertEquals(RWXU, t.flags().rights());
        assertEquals(RXU, h.translate(0x0040_1000L).flags().rights());
        assertEquals(0x3_4040_1234L, h.translate(0xD000_1234L).physicalAddress());
        assertEquals(MemoryType.UNCACHED, h.translate(0xD000_1234L).flags().memoryType());
        assertEquals(PageState.GUARDED, h.translate(0x0080_0000L).state());
        assertEquals(0, h.translate(0x0080_0000L).level());
        assertEquals(PageState.AVAILABLE, h.translate(0xC040_1000L).state());
        Translation block = h.translate(0xC000_0010L);
        assertEquals(0x8000_0010L, block.physicalAddress());
        assertEquals(0x40_0000L, block.size());
        assertTrue(block.flags().global());

        m.walkerAgrees(
                0x0040_0123L,
                0x0040_1FFFL,
                0x0040_2000L,
                0x0040_3000L,
                0x0080_0000L,
                0x00BF_F000L,
                0xC000_0010L,
                0xC040_0000L,
                0xC040_1000L,
                0xC040_2FFFL,
                0xD000_1234L,
                0x0000_0000L,
                0xFFFF_F000L);

        // the strict variant refuses a non-executable mapping and leaves everything as it was
        SparseMemory before = m.memory.copy();
        long allocated = m.allocator.allocatedCount();
        assertThrows(
                RightsNotExpressibleException.class,
                () ->
                        h.map(
                                0x0100_0000L,
                                0x1000,
                                FrameSource.pages(new long[] {0x0B00_0000L}, 4096),
                                MappingFlags.of(MappingAccessRights.KERNEL_RW)));
        assertTrue(m.memory.contentEquals(before));
        assertEquals(allocated, m.allocator.allocatedCount());
    }

    @Test
    void legacyWidenedExecute() {
        Machine m = new Machine(new I386Architecture(ExecutePolicy.WIDEN_TO_EXECUTABLE));
        m.hierarchy.map(
                0x0060_0000L,
                0x1000,
                FrameSource.pages(new long[] {0x0B00_0000L}, 4096),
                MappingFlags.of(MappingAccessRights.KERNEL_RW));
        long pt = m.next(m.entry(m.rootTable, 1));
        assertEquals(0x0B00_0003L, m.entry(pt, 0x200));
        assertEquals(
                RWX,
                m.hierarchy.translate(0x0060_0000L).flags().rights(),
                "the widening is reported");
        m.walkerAgrees(0x0060_0000L, 0x0060_1000L);
    }

    @Test
    void pae() {
        Machine m = new Machine(new PaeArchitecture());
        TableHierarchy h = m.hierarchy;
        long pdpt = m.rootTable;

        h.map(
                0x0040_0000L,
                0x2000,
                FrameSource.pages(new long[] {0x1_0000_0000L, 0x1_0000_3000L}, 4096),
                MappingFlags.of(MappingAccessRights.USER_RW));
        long pdpte0 = m.entry(pdpt, 0);
        assertEquals(
                0x001L,
                pdpte0 & 0xFFF,
                "a PDPTE is P and the address only: R/W, U/S and A are reserved there");
        long pd0 = m.next(pdpte0);
        long pde2 = m.entry(pd0, 2);
        assertEquals(0x007L, pde2 & 0xFFF);
        assertEquals(0L, pde2 & X86EntryBits.XD);
        long pt = m.next(pde2);
        assertEquals(0x8000_0001_0000_0007L, m.entry(pt, 0), "XD|P|RW|US");
        assertEquals(0x8000_0001_0000_3007L, m.entry(pt, 1));

        h.mapContiguous(
                0xC000_0000L,
                0x2_0060_0000L,
                0x40_0000L,
                new MappingFlags(MappingAccessRights.KERNEL_RX, MemoryType.WRITE_BACK, true),
                LeafSizePolicy.LARGEST_FITTING);
        long pdpte3 = m.entry(pdpt, 3);
        assertEquals(0x001L, pdpte3 & 0xFFF);
        long pd3 = m.next(pdpte3);
        assertEquals(0x2_0060_0181L, m.entry(pd3, 0), "2 MiB: P|PS|G");
        assertEquals(0x2_0080_0181L, m.entry(pd3, 1));

        h.mapContiguous(
                0xC040_0000L,
                0xFE00_0000L,
                0x20_0000L,
                new MappingFlags(MappingAccessRights.KERNEL_RW, MemoryType.WRITE_THROUGH, false),
                LeafSizePolicy.LARGEST_FITTING);
        assertEquals(
                0x8000_0000_FE00_008BL,
                m.entry(pd3, 2),
                "XD|PS|PWT|RW|P: power-on PAT index 1 = WT");

        h.guard(0x4000_0000L, 0x4000_0000L);
        assertEquals(
                0x200L, m.entry(pdpt, 1), "a huge guard in the PDPT: not present, so never a #GP");
        h.guard(0x0040_2000L, 0x1000);
        assertEquals(0x200L, m.entry(pt, 2));
        assertNull(m.root.rootLoadFault(m.memory, pdpt));

        m.flusher.ranges.clear();
        m.unmap(0xC000_1000L, 0x1000);
        long pde = m.entry(pd3, 0);
        assertEquals(0x007L, pde & 0xFFF, "the 2 MiB page became a table");
        long split = m.next(pde);
        assertEquals(0x2_0060_0101L, m.entry(split, 0), "4 KiB pieces: P|G");
        assertEquals(0L, m.entry(split, 1));
        assertEquals(0x2_0060_2101L, m.entry(split, 2));
        assertEquals(0x2_007F_F101L, m.entry(split, 511));
        assertEquals(List.of("c0000000..c01fffff global"), m.flusher.ranges);

        h.protect(0x0040_0000L, 0x1000, MappingFlags.of(MappingAccessRights.USER_RX));
        assertEquals(0x1_0000_0005L, m.entry(pt, 0));

        assertEquals(MappingAccessRights.USER_RW, h.translate(0x0040_1000L).flags().rights());
        assertEquals(MappingAccessRights.USER_RX, h.translate(0x0040_0000L).flags().rights());
        assertEquals(0x1_0000_3ABCL, h.translate(0x0040_1ABCL).physicalAddress());
        assertEquals(MemoryType.WRITE_THROUGH, h.translate(0xC040_0000L).flags().memoryType());
        assertEquals(PageState.GUARDED, h.translate(0x7FFF_F000L).state());
        assertEquals(0, h.translate(0x7FFF_F000L).level());
        assertEquals(PageState.AVAILABLE, h.translate(0xC000_1000L).state());

        m.walkerAgrees(
                0x0040_0000L,
                0x0040_1ABCL,
                0x0040_2000L,
                0x0040_3000L,
                0x4000_0000L,
                0x7FFF_FFFFL,
                0x8000_0000L,
                0xC000_0000L,
                0xC000_1000L,
                0xC000_2000L,
                0xC020_0000L,
                0xC040_0000L,
                0xFFFF_F000L);
    }
}
