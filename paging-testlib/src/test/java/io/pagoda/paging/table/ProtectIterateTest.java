package io.pagoda.paging.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.NotMappedException;
import io.pagoda.paging.testlib.toy.ToyFormat;
import io.pagoda.paging.testlib.toy.ToyIndex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectIterateTest {
    private static final long MID_SPAN = 1L << 19;

    @Test
    void protectChangesRightsInPlaceAndFlushesOnce() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                0x10_0000,
                0x5000_0000L,
                0x3000,
                MappingFlags.of(MappingAccessRights.USER_RW),
                LeafSizePolicy.PAGES_ONLY);
        f.hierarchy.protect(0x10_1000, 0x2000, MappingFlags.of(MappingAccessRights.USER_RX));
        long root = f.hierarchy.rootTable();
        assertEquals(
                0x5000_0000L
                        | ToyFormat.VALID
                        | ToyFormat.TABLE_OR_PAGE
                        | ToyFormat.WRITABLE
                        | ToyFormat.USER,
                ToyIndex.leafEntry(f.memory, root, 0x10_0000));
        assertEquals(
                0x5000_1000L
                        | ToyFormat.VALID
                        | ToyFormat.TABLE_OR_PAGE
                        | ToyFormat.EXECUTABLE
                        | ToyFormat.USER,
                ToyIndex.leafEntry(f.memory, root, 0x10_1000));
        assertEquals(
                MappingAccessRights.USER_RX, f.hierarchy.translate(0x10_2000).flags().rights());
        assertEquals(1, f.flusher.flushes.size());
        assertEquals(0x10_1000L, f.flusher.flushes.get(0)[0]);
        assertEquals(0x10_2FFFL, f.flusher.flushes.get(0)[1]);
    }

    @Test
    void protectOfPartOfABlockSplitsIt() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                0,
                0x8000_0000L,
                MID_SPAN,
                MappingFlags.of(MappingAccessRights.KERNEL_RW),
                LeafSizePolicy.LARGEST_FITTING);
        f.hierarchy.protect(0x4000, 0x1000, MappingFlags.of(MappingAccessRights.READABLE));
        assertEquals(MappingAccessRights.READABLE, f.hierarchy.translate(0x4000).flags().rights());
        assertEquals(MappingAccessRights.KERNEL_RW, f.hierarchy.translate(0x3000).flags().rights());
        assertEquals(0x8000_5000L, f.hierarchy.translate(0x5000).physicalAddress());
        assertEquals(4096, f.hierarchy.translate(0x5000).size());
    }

    @Test
    void protectRefusesGuardsAndHoles() {
        Fixture f = Fixture.unequal();
        f.hierarchy.guard(0x1000, 0x1000);
        assertThrows(
                NotMappedException.class,
                () ->
                        f.hierarchy.protect(
                                0x1000, 0x1000, MappingFlags.of(MappingAccessRights.READABLE)));
        assertThrows(
                NotMappedException.class,
                () ->
                        f.hierarchy.protect(
                                0x2000, 0x1000, MappingFlags.of(MappingAccessRights.READABLE)));
    }

    @Test
    void effectiveRightsAreCombinedOverEveryLevel() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                0x1000,
                0x5000_0000L,
                0x1000,
                MappingFlags.of(MappingAccessRights.ofBits(0xF)),
                LeafSizePolicy.PAGES_ONLY);
        long root = f.hierarchy.rootTable();
        // restrict the MID table entry: no write, no user below it
        long midTable = f.memory.readLong(root) & ToyFormat.ADDRESS;
        long entry = f.memory.readLong(midTable);
        f.memory.writeLong(midTable, entry & ~(ToyFormat.WRITABLE | ToyFormat.USER));
        assertEquals(MappingAccessRights.KERNEL_RX, f.hierarchy.translate(0x1000).flags().rights());
    }

    @Test
    void forEveryEntryReportsEachPieceClippedToTheRange() {
        // the unused MID entry before the block is reported at its own level: no table below it
        // exists
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                MID_SPAN,
                0x8000_0000L,
                MID_SPAN,
                MappingFlags.of(MappingAccessRights.KERNEL_RW),
                LeafSizePolicy.LARGEST_FITTING);
        f.hierarchy.guard(2 * MID_SPAN, 4096);
        List<String> pieces = new ArrayList<>();
        f.hierarchy.forEveryEntry(
                MID_SPAN - 4096,
                MID_SPAN + 8192,
                (va, length, state, pa, level, raw) ->
                        pieces.add(
                                Long.toHexString(va)
                                        + " "
                                        + Long.toHexString(length)
                                        + " "
                                        + state
                                        + " "
                                        + Long.toHexString(pa)
                                        + " "
                                        + level));
        assertEquals(
                List.of(
                        "7f000 1000 AVAILABLE ffffffffffffffff 1",
                        "80000 80000 PRESENT 80000000 1",
                        "100000 1000 GUARDED ffffffffffffffff 2"),
                pieces);
    }

    @Test
    void forEveryEntryStartingInsideABlockReportsThePhysicalAddressOfTheStart() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(
                0,
                0x8000_0000L,
                MID_SPAN,
                MappingFlags.of(MappingAccessRights.KERNEL_RW),
                LeafSizePolicy.LARGEST_FITTING);
        List<long[]> pieces = new ArrayList<>();
        f.hierarchy.forEveryEntry(
                0x3000,
                0x2000,
                (va, length, state, pa, level, raw) -> pieces.add(new long[] {va, length, pa}));
        assertEquals(1, pieces.size());
        assertEquals(0x3000, pieces.get(0)[0]);
        assertEquals(0x2000, pieces.get(0)[1]);
        assertEquals(0x8000_3000L, pieces.get(0)[2]);
        assertEquals(PageState.PRESENT, f.hierarchy.translate(0x3000).state());
    }
}
