package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.error.AddressSpaceTagException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The §4 geometry table, level names, TTBR fields and the default layout. */
class GeometryAndRootTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // variant, start level, levels, first-table entries, page size, leaf sizes (smallest first)
        "aarch64,            0, 4, 512,  4096,  4096/2097152/1073741824",
        "aarch64-4k-39,      1, 3, 512,  4096,  4096/2097152/1073741824",
        "aarch64-4k-42,      0, 4, 8,    4096,  4096/2097152/1073741824",
        "aarch64-4k-47,      0, 4, 256,  4096,  4096/2097152/1073741824",
        "aarch64-16k-39,     1, 3, 8,    16384, 16384/33554432",
        "aarch64-16k-42,     1, 3, 64,   16384, 16384/33554432",
        "aarch64-16k-47,     1, 3, 2048, 16384, 16384/33554432",
        "aarch64-16k-48,     0, 4, 2,    16384, 16384/33554432",
        "aarch64-64k-39,     2, 2, 1024, 65536, 65536/536870912",
        "aarch64-64k-42,     2, 2, 8192, 65536, 65536/536870912",
        "aarch64-64k-47,     1, 3, 32,   65536, 65536/536870912",
        "aarch64-64k-48,     1, 3, 64,   65536, 65536/536870912",
        "aarch64-64k-48-lpa, 1, 3, 64,   65536, 65536/536870912/4398046511104",
    })
    void geometryFollowsTheReferenceTable(
            String name, int start, int levels, int entries, long page, String leaves) {
        for (TranslationRoot root : Variants.get(name).roots()) {
            Geometry g = root.geometry();
            assertEquals(levels, g.levelCount());
            assertEquals(entries, g.entryCount(0));
            assertEquals(page, g.pageSize());
            for (int level = 0; level < levels; level++) {
                assertEquals("L" + (start + level), g.level(level).name());
                assertEquals(8, g.entrySize(level));
            }
            StringBuilder sizes = new StringBuilder();
            for (long size : g.leafSizes()) {
                sizes.append(sizes.length() == 0 ? "" : "/").append(size);
            }
            assertEquals(leaves, sizes.toString());
            assertEquals(Math.max(64, entries * 8), root.rootAlignment());
        }
    }

    @Test
    void ttbrMasksBaddrAndCarriesTheAsid() {
        TranslationRoot ttbr0 = Variants.get("aarch64").roots().get(0);
        long value = ttbr0.registerValue(0x80000000L, 0xBEEF);
        assertEquals(0xBEEF000080000000L, value);
        assertEquals(0xBEEF, ttbr0.tag(value));
        assertEquals(0x80000000L, ttbr0.tableAddress(value | 1)); // CnP is not an address bit
        assertEquals(
                0x80000000L, ttbr0.tableAddress(value | 0xFFF)); // low bits below the 4 KiB table
        // 16K/48: a 2-entry (16-byte) first table, aligned to 64 bytes
        TranslationRoot small = Variants.get("aarch64-16k-48").roots().get(0);
        assertEquals(64, small.rootAlignment());
        assertEquals(0xC0000040L, small.tableAddress(0xC0000041L | (7L << 48)));
        assertEquals(0xC0000040L, small.tableAddress(0xC000007EL));
        assertEquals(7, small.tag(0x0007_0000_C000_0040L));
        assertThrows(MisalignedAddressException.class, () -> small.registerValue(0xC0000020L, 0));
        assertThrows(
                AddressSpaceTagException.class, () -> ttbr0.registerValue(0x80000000L, 0x10000));
        // 64K/42: a 64 KiB first table
        TranslationRoot big = Variants.get("aarch64-64k-42").roots().get(0);
        assertEquals(0xD1000000L, big.tableAddress(0xD100FFFEL));
        // FEAT_LPA: BADDR[51:48] in TTBR[5:2]
        TranslationRoot lpa = Variants.get("aarch64-64k-48-lpa").roots().get(0);
        assertEquals(0x000C0000D2000000L, lpa.tableAddress(0xD2000000L | (0xCL << 2)));
        assertEquals(0x0001_0000_D200_0030L, lpa.registerValue(0x000C0000D2000000L, 1));
    }

    @ParameterizedTest
    @CsvSource({
        "aarch64,        0000FFFFFFFFFFFF, FFFF000000000000",
        "aarch64-4k-39,  0000007FFFFFFFFF, FFFFFF8000000000",
        "aarch64-16k-47, 00007FFFFFFFFFFF, FFFF800000000000",
        "aarch64-64k-42, 000003FFFFFFFFFF, FFFFFC0000000000",
    })
    void layoutPutsUsersInTtbr0AndTheKernelInTtbr1(
            String name, String userLastHex, String kernelFirstHex) {
        Aarch64Architecture arch = Variants.get(name);
        AddressLayout layout = arch.layout();
        assertEquals(0, layout.userFirst());
        assertEquals(Long.parseUnsignedLong(userLastHex, 16), layout.userLast());
        assertEquals(Long.parseUnsignedLong(kernelFirstHex, 16), layout.kernelFirst());
        assertEquals(-1L, layout.kernelLast());
        // two roots: no top-level entries to share, and no single top table a recursive slot could
        // point back at
        assertFalse(layout.sharesKernelRootEntries());
        assertThrows(IllegalStateException.class, layout::kernelRootFirst);
        assertFalse(layout.hasRecursiveSlot());
        assertThrows(IllegalStateException.class, layout::recursiveSlot);
        assertEquals(layout.kernelFirst(), layout.directMapBase());
        assertEquals(OptionalInt.of(0), arch.rootIndexFor(layout.userLast()));
        assertEquals(OptionalInt.of(1), arch.rootIndexFor(layout.kernelFirst()));
        assertEquals(OptionalInt.of(1), arch.rootIndexFor(layout.kernelLast()));
        assertTrue(arch.roots().get(0).canonicalForm().isCanonical(layout.userFirst()));
    }
}
