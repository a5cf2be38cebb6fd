package io.pagoda.paging.table;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.InvalidRangeException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.NonCanonicalAddressException;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.error.PhysicalAddressException;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every bad argument is a specific exception whose message names the address, and changes nothing.
 */
class BadInputTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);

    /** Each mutating operation as (va, length). */
    private static List<BiConsumer<Long, Long>> operations(Fixture f) {
        return List.of(
                (va, len) ->
                        f.hierarchy.mapContiguous(
                                va, 0x8000_0000L, len, RW, LeafSizePolicy.PAGES_ONLY),
                (va, len) -> f.hierarchy.guard(va, len),
                (va, len) -> f.hierarchy.unmap(va, len, UnmapCallback.NONE),
                (va, len) -> f.hierarchy.protect(va, len, RW),
                (va, len) -> f.hierarchy.forEveryEntry(va, len, (a, b, c, d, e, g) -> {}));
    }

    private static <T extends PagingException> void check(
            Class<T> type, long va, long length, String mustMention) {
        Fixture f = Fixture.unequal();
        Fixture.Snapshot before = f.snapshot();
        for (BiConsumer<Long, Long> op : operations(f)) {
            Executable call = () -> op.accept(va, length);
            T e = assertThrows(type, call);
            assertTrue(e.getMessage().contains(mustMention), e.getMessage());
            assertTrue(before.memory().contentEquals(f.memory));
        }
    }

    @Test
    void zeroLength() {
        // seed defect 4: zero lengths hit asserts
        check(InvalidRangeException.class, 0x5000, 0, "0x5000");
    }

    @Test
    void misalignedAddress() {
        check(MisalignedAddressException.class, 0x5008, 0x1000, "0x5008");
    }

    @Test
    void misalignedLength() {
        check(MisalignedAddressException.class, 0x5000, 0x1001, "0x1001");
    }

    @Test
    void rangePastTheEndOfTheAddressSpace() {
        check(InvalidRangeException.class, 0x7FF_F000, 0x2000, "0x7FFF000");
    }

    @Test
    void overflowingLength() {
        check(InvalidRangeException.class, 0x1000, -0x1000L, "0x1000");
    }

    @Test
    void nonCanonicalAddress() {
        check(NonCanonicalAddressException.class, 0x800_0000, 0x1000, "0x8000000");
    }

    @Test
    void rangeCrossingTheCanonicalHole() {
        Fixture f = Fixture.uniform();
        long lastLow = (1L << 38) - 0x1000;
        InvalidRangeException e =
                assertThrows(InvalidRangeException.class, () -> f.hierarchy.guard(lastLow, 0x2000));
        assertTrue(e.getMessage().contains("0x3F_FFFF_F000"), e.getMessage());
        assertThrows(NonCanonicalAddressException.class, () -> f.hierarchy.translate(1L << 38));
    }

    @Test
    void physicalRangePastThePhysicalWidth() {
        Fixture f = Fixture.unequal();
        assertThrows(
                PhysicalAddressException.class,
                () ->
                        f.hierarchy.mapContiguous(
                                0, (1L << 40) - 0x1000, 0x2000, RW, LeafSizePolicy.PAGES_ONLY));
        assertThrows(
                MisalignedAddressException.class,
                () ->
                        f.hierarchy.mapContiguous(
                                0, 0x8000_0800L, 0x1000, RW, LeafSizePolicy.PAGES_ONLY));
    }
}
