package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.PagingCacheFlusher;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Break-before-make exactly as reference §4 lists it. */
class BreakBeforeMakeTest {
    private final EntryFormat format = Variants.get("aarch64").roots().get(0).format();

    /** A1's L3 page: AttrIndx 1, AP 01, SH 11, AF, nG, PXN. */
    private static final long PAGE = 0x0020000087654F47L;

    /** A2's 2 MiB block, global. */
    private static final long BLOCK = 0x0060000080200789L;

    private static final long TABLE = 0x0000000080003003L;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "output address,        0000000000001000, true",
        "output address high,   0000800000000000, true",
        "AttrIndx,              0000000000000004, true",
        "AttrIndx bit 2,        0000000000000010, true",
        "SH,                    0000000000000100, true",
        "Contiguous,            0010000000000000, true",
        "nG cleared,            0000000000000800, true",
        "AP[2],                 0000000000000080, false",
        "AP[1],                 0000000000000040, false",
        "AF,                    0000000000000400, false",
        "DBM,                   0008000000000000, false",
        "PXN,                   0020000000000000, false",
        "UXN,                   0040000000000000, false",
        "software bit 55,       0080000000000000, false",
        "software bits 55-58,   0780000000000000, false",
        "AP and XN together,    00600000000000C0, false",
    })
    void pageChanges(String what, String flipHex, boolean needed) {
        long flipped = PAGE ^ Long.parseUnsignedLong(flipHex, 16);
        assertEquals(needed, format.needsBreakBeforeMake(3, PAGE, flipped), what);
    }

    @Test
    void settingNgIsSafeClearingItIsNot() {
        long global = PAGE & ~(1L << 11);
        assertFalse(format.needsBreakBeforeMake(3, global, PAGE), "nG 0 -> 1");
        assertTrue(format.needsBreakBeforeMake(3, PAGE, global), "nG 1 -> 0");
        assertFalse(format.needsBreakBeforeMake(2, BLOCK, BLOCK | (1L << 11)));
        assertTrue(format.needsBreakBeforeMake(2, BLOCK | (1L << 11), BLOCK));
    }

    @Test
    void blockAndTableSwapsNeedIt() {
        assertTrue(format.needsBreakBeforeMake(2, BLOCK, TABLE), "block -> table (split)");
        assertTrue(format.needsBreakBeforeMake(2, TABLE, BLOCK), "table -> block (merge)");
        assertTrue(
                format.needsBreakBeforeMake(2, TABLE, 0x0000000080004003L),
                "another next-level table");
        assertFalse(
                format.needsBreakBeforeMake(2, TABLE, TABLE | (1L << 61) | (1L << 59)),
                "table attributes only");
        assertFalse(format.needsBreakBeforeMake(2, TABLE, TABLE));
        assertTrue(
                format.needsBreakBeforeMake(2, BLOCK, BLOCK ^ 0x0000000000200000L),
                "another 2 MiB frame");
        assertFalse(format.needsBreakBeforeMake(2, BLOCK, BLOCK | (1L << 7)), "AP only");
    }

    @Test
    void anInvalidSideIsTheBreakItself() {
        for (long invalid : new long[] {0, 0x0080000000000000L, PAGE & ~1L, (PAGE & ~3L) | 1L}) {
            assertFalse(
                    format.needsBreakBeforeMake(3, invalid, PAGE),
                    Long.toHexString(invalid) + " -> page");
            assertFalse(
                    format.needsBreakBeforeMake(3, PAGE, invalid),
                    "page -> " + Long.toHexString(invalid));
        }
        // a block descriptor at L0 with the 4K granule is invalid, so it is no live translation
        // either
        assertFalse(format.needsBreakBeforeMake(0, 0x0000000000000701L, 0x0000000080001003L));
    }

    @Test
    void encoderOutputFollowsTheSameRules() {
        long pa = 0x40000000L;
        long rw =
                format.leafEntry(
                        3,
                        format.leafTemplate(3, MappingFlags.of(MappingAccessRights.USER_RW)),
                        pa);
        long ro =
                format.leafEntry(
                        3,
                        format.leafTemplate(3, MappingFlags.of(MappingAccessRights.parse("r--u"))),
                        pa);
        long device =
                format.leafEntry(
                        3,
                        format.leafTemplate(
                                3,
                                MappingFlags.of(MappingAccessRights.USER_RW)
                                        .withMemoryType(MemoryType.DEVICE)),
                        pa);
        long global =
                format.leafEntry(
                        3,
                        format.leafTemplate(
                                3, MappingFlags.of(MappingAccessRights.USER_RW).withGlobal(true)),
                        pa);
        assertFalse(format.needsBreakBeforeMake(3, rw, ro), "protect to read-only");
        assertTrue(format.needsBreakBeforeMake(3, rw, device), "memory type change");
        assertTrue(format.needsBreakBeforeMake(3, rw, global), "non-global -> global");
        assertFalse(format.needsBreakBeforeMake(3, global, rw), "global -> non-global");
    }

    /** The generic algorithms honour it: the entry reads invalid when the flush for it happens. */
    @Test
    void protectAndSplitInvalidateBeforeTheyWrite() {
        Aarch64Architecture arch = Variants.get("aarch64");
        SparseMemory memory = new SparseMemory(48);
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x1000000L, 64, 4096);
        var root = arch.roots().get(0);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
        long rootTable = TableHierarchy.allocateRoot(root, access, allocator);
        List<String> events = new ArrayList<>();
        long va = 0x40000000L; // 1 GiB aligned
        long[] watched = new long[1];
        PagingCacheFlusher flusher =
                new PagingCacheFlusher() {
                    @Override
                    public void flushRange(long first, long last, boolean global) {
                        events.add(
                                Long.toHexString(first)
                                        + ".."
                                        + Long.toHexString(last)
                                        + " entry="
                                        + Long.toHexString(memory.readLong(watched[0])));
                    }

                    @Override
                    public void flushAll() {
                        events.add("all");
                    }
                };
        TableHierarchy hierarchy =
                new TableHierarchy(root, 48, rootTable, access, allocator, flusher);
        hierarchy.mapContiguous(
                va,
                0x80000000L,
                1L << 30,
                MappingFlags.of(MappingAccessRights.KERNEL_RW).withGlobal(true),
                LeafSizePolicy.LARGEST_FITTING);
        long l1 = format.tableAddress(0, memory.readLong(rootTable)) + 8; // L1 index 1
        watched[0] = l1;
        assertEquals(0x0060000080000701L, memory.readLong(l1), "1 GiB block, kernel RW, global");
        events.clear();
        hierarchy.protect(
                va,
                1L << 30,
                MappingFlags.of(MappingAccessRights.KERNEL_RW)
                        .withMemoryType(MemoryType.DEVICE)
                        .withGlobal(true));
        assertEquals(
                List.of("40000000..7fffffff entry=0", "40000000..7fffffff entry=60000080000705"),
                events,
                "a memory-type change breaks (entry 0 at the flush), then flushes the operation's range");
        events.clear();
        hierarchy.protect(
                va,
                1L << 30,
                MappingFlags.of(MappingAccessRights.parse("r---"))
                        .withMemoryType(MemoryType.DEVICE)
                        .withGlobal(true));
        assertEquals(
                List.of("40000000..7fffffff entry=60000080000785"),
                events,
                "a rights change needs no break");
        events.clear();
        hierarchy.unmap(va + 4096, 4096, (v, p, s) -> {});
        assertEquals(
                "40000000..7fffffff entry=0", events.get(0), "the split breaks the block first");
        assertEquals(0x80000000L, hierarchy.translateAddress(va));
        assertEquals(-1, hierarchy.translateAddress(va + 4096));
        assertEquals(0x80002000L, hierarchy.translateAddress(va + 8192));
    }
}
