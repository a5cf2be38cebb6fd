package io.pagoda.paging.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.InvalidRangeException;
import io.pagoda.paging.error.MisalignedAddressException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindSpaceTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);

    @Test
    void findsTheFirstAlignedHoleSkippingMappingsAndGuards() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(0, 0x8000_0000L, 0x3000, RW, LeafSizePolicy.PAGES_ONLY);
        f.hierarchy.guard(0x5000, 0x1000);
        assertEquals(
                Optional.of(0x3000L),
                f.hierarchy.findAvailableVirtualSpaceAligned(0x2000, 0, 0x7FF_FFFF, 0x1000));
        assertEquals(
                Optional.of(0x6000L),
                f.hierarchy.findAvailableVirtualSpaceAligned(0x3000, 0, 0x7FF_FFFF, 0x1000));
        assertEquals(
                Optional.of(0x8000L),
                f.hierarchy.findAvailableVirtualSpaceAligned(0x1000, 0x5000, 0x7FF_FFFF, 0x8000));
    }

    @Test
    void canReturnTheLastPageOfTheRange() {
        // seed defect 3: an inclusive end compared with start + len <= end never returned the last
        // page
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(0x10_0000, 0x8000_0000L, 0x1_F000, RW, LeafSizePolicy.PAGES_ONLY);
        assertEquals(
                Optional.of(0x11_F000L),
                f.hierarchy.findAvailableVirtualSpaceAligned(0x1000, 0x10_0000, 0x11_FFFF, 0x1000));
        assertEquals(
                Optional.of(0x7FF_F000L),
                f.hierarchy.findAvailableVirtualSpaceAligned(
                        0x1000, 0x7FF_F000, 0x7FF_FFFF, 0x1000));
    }

    @Test
    void reportsNothingWhenNoHoleFits() {
        Fixture f = Fixture.unequal();
        f.hierarchy.guard(0, 1L << 26);
        assertEquals(
                Optional.empty(),
                f.hierarchy.findAvailableVirtualSpaceAligned(0x1000, 0, (1L << 26) - 1, 0x1000));
        assertEquals(
                Optional.empty(),
                f.hierarchy.findAvailableVirtualSpaceAligned(
                        0x2000, 0x7FF_F000, 0x7FF_FFFF, 0x1000));
    }

    @Test
    void searchesTheUpperCanonicalHalfUpToTheLastAddressWithoutOverflow() {
        Fixture f = Fixture.uniform();
        f.hierarchy.mapContiguous(-0x4000L, 0x8000_0000L, 0x3000, RW, LeafSizePolicy.PAGES_ONLY);
        assertEquals(
                Optional.of(-0x1000L),
                f.hierarchy.findAvailableVirtualSpaceAligned(0x1000, -0x4000L, -1L, 0x1000));
        assertEquals(
                Optional.empty(),
                f.hierarchy.findAvailableVirtualSpaceAligned(0x2000, -0x4000L, -1L, 0x1000));
        assertEquals(
                Optional.of(-0x6000L),
                f.hierarchy.findAvailableVirtualSpaceAligned(0x2000, -0x6000L, -1L, 0x1000));
    }

    @Test
    void refusesZeroLengthsAndBadAlignments() {
        Fixture f = Fixture.unequal();
        assertThrows(
                InvalidRangeException.class,
                () -> f.hierarchy.findAvailableVirtualSpaceAligned(0, 0, 0xFFFF, 0x1000));
        assertThrows(
                MisalignedAddressException.class,
                () -> f.hierarchy.findAvailableVirtualSpaceAligned(0x1000, 0, 0xFFFF, 0x1800));
        assertThrows(
                MisalignedAddressException.class,
                () -> f.hierarchy.findAvailableVirtualSpaceAligned(0x1000, 0x10, 0xFFFF, 0x1000));
        assertThrows(
                InvalidRangeException.class,
                () ->
                        f.hierarchy.findAvailableVirtualSpaceAligned(
                                0x1000, 0x2000, 0x1FFF - 0x1000, 0x1000));
    }
}
