package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.cli.toy.ToyArchitecture;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The pieces of the output formats, on hand-built ranges. */
class FormatsTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);

    @Test
    void theTopPageEndsAtTwoToTheSixtyFourNotAtZero() {
        MappedRange top =
                new MappedRange(
                        "CR3", 0xFFFF_FFFF_FFFF_F000L, 0x1000, false, 0x5000, RW, 0x1000, 3);
        assertEquals(
                "CR3  0xfffffffffffff000-0x10000000000000000  4KiB  rw--  write_back  -  0x0000000000005000  4KiB  L3",
                RangesText.line(top));
        // JSON: the inclusive last address, never 2^64
        assertTrue(
                RangesJson.object(top)
                        .contains(
                                "\"first\":\"0xfffffffffffff000\",\"last\":\"0xffffffffffffffff\""),
                RangesJson.object(top));
    }

    @Test
    void coalescingNeedsContiguityOnBothSidesAndEqualFlags() {
        List<MappedRange> out = new ArrayList<>();
        RangeCoalescer coalescer = new RangeCoalescer(out::add);
        ToyArchitecture toy = ToyArchitecture.single();
        coalescer.root(0, toy.root(), 0, 0);
        coalescer.leaf(0, 2, 0x1000, 0x1000, 0x9000, 0, RW);
        coalescer.leaf(0, 2, 0x2000, 0x1000, 0xA000, 0, RW); // merges
        coalescer.leaf(0, 2, 0x3000, 0x1000, 0xC000, 0, RW); // physical gap
        coalescer.leaf(0, 2, 0x4000, 0x1000, 0xD000, 0, RW.withGlobal(true)); // flags differ
        coalescer.leaf(0, 2, 0x6000, 0x1000, 0xE000, 0, RW.withGlobal(true)); // virtual gap
        coalescer.leaf(
                0,
                2,
                0x7000,
                0x1000,
                0xF000,
                0,
                RW.withGlobal(true).withMemoryType(MemoryType.DEVICE));
        coalescer.guard(0, 1, 0x20_0000, 0x20_0000, 0x200);
        coalescer.guard(0, 1, 0x40_0000, 0x20_0000, 0x200); // guards merge without a physical side
        coalescer.flush();
        assertEquals(6, out.size(), out.toString());
        assertEquals(0x2000, out.get(0).length());
        assertEquals(0x40_0000, out.get(5).length());
        assertFalse(out.get(5).continuedBy(out.get(0)));
    }

    @Test
    void numbersParseHexDecimalAndUnderscores() {
        assertEquals(0xFFFF_8000_0000_0000L, Numbers.parse("0xFFFF_8000_0000_0000"));
        assertEquals(-1L, Numbers.parse("18446744073709551615"));
        assertEquals(4096L, Numbers.parse("4096"));
        assertThrows(TypeConversionException.class, () -> Numbers.parse("-1"));
        assertThrows(TypeConversionException.class, () -> Numbers.parse("0x1_0000_0000_0000_0000"));
    }
}
