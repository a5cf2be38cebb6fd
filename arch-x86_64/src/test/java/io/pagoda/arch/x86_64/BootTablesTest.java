package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.export.BootArtifacts;
import io.pagoda.paging.export.BootLayout;
import io.pagoda.paging.export.BootMapping;
import io.pagoda.paging.export.BootTables;
import io.pagoda.paging.export.LayoutException;
import io.pagoda.paging.spi.RootSettings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boot tables built from a layout, checked by a hand-written 4-level walker over tables.bin
 * (hardware-formats.md §3: 9-bit indices at 39/30/21/12, P bit 0, PS bit 7, address [51:12], 2 MiB
 * frame [51:21], 1 GiB frame [51:30]), not by Pagoda's own walker.
 */
class BootTablesTest {
    private static final long BASE = 0x0020_0000L;
    private static final MappingFlags RWX_GLOBAL =
            new MappingFlags(MappingAccessRights.ofBits(7), MemoryType.WRITE_BACK, true);
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);

    @TempDir Path dir;

    /**
     * Walks tables.bin (loaded at BASE) as the MMU would: the physical address, or -1 when not
     * present.
     */
    private static long walk(ByteBuffer image, long cr3, long va) {
        long table = cr3 & 0x000F_FFFF_FFFF_F000L;
        for (int shift = 39; shift >= 12; shift -= 9) {
            int index = (int) ((va >>> shift) & 0x1FF);
            long entry = image.getLong((int) (table - BASE) + index * 8);
            if ((entry & 1) == 0) {
                return -1;
            }
            boolean large = (entry & 0x80) != 0 && (shift == 30 || shift == 21);
            if (large || shift == 12) {
                long frameMask = 0x000F_FFFF_FFFF_FFFFL & -(1L << shift);
                return (entry & frameMask) | (va & ((1L << shift) - 1));
            }
            table = entry & 0x000F_FFFF_FFFF_F000L;
        }
        throw new AssertionError("unreachable");
    }

    private static ByteBuffer image(Path dir) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(dir.resolve(BootArtifacts.TABLES_BIN)))
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void identityAndHigherHalfTranslateAsLaidOut() throws Exception {
        List<BootMapping> mappings =
                List.of(
                        BootMapping.identity("low", 0, 1L << 30, RWX_GLOBAL)
                                .withLargestLeaf(2L << 20),
                        BootMapping.map(
                                "kernel",
                                0xFFFF_FFFF_8000_0000L,
                                0x0100_0000L,
                                0x0040_0000L,
                                RWX_GLOBAL),
                        BootMapping.map("data", 0xFFFF_FFFF_8100_0000L, 0x0200_0000L, 0x3000, RW)
                                .pagesOnly(),
                        BootMapping.guard("guard", 0xFFFF_FFFF_8100_3000L, 0x1000));
        BootTables tables =
                BootTables.build(BootLayout.of(X86_64Architecture.fourLevel(), BASE, mappings));
        BootArtifacts.write(tables, dir);
        ByteBuffer image = image(dir);
        assertEquals(tables.end() - BASE, image.capacity());
        long cr3 = tables.registers().named("CR3").orElseThrow().value();
        assertEquals(BASE, cr3, "the root table comes first at the base, write-back, no PCID");

        long[][] expected = {
            {0, 0},
            {0x1234_5678L, 0x1234_5678L},
            {(1L << 30) - 1, (1L << 30) - 1},
            {0xFFFF_FFFF_8000_0000L, 0x0100_0000L},
            {0xFFFF_FFFF_803F_FFFFL, 0x013F_FFFFL},
            {0xFFFF_FFFF_8100_2ABCL, 0x0200_2ABCL},
            {1L << 30, -1},
            {0xFFFF_FFFF_8040_0000L, -1},
            {0xFFFF_FFFF_8100_3000L, -1},
            {0x7FFF_FFFF_F000L, -1}
        };
        for (long[] pair : expected) {
            assertEquals(pair[1], walk(image, cr3, pair[0]), "VA " + Long.toHexString(pair[0]));
        }
        // the cap: the identity GiB is 512 leaves of 2 MiB, not one 1 GiB page
        assertEquals(512, tables.leaves(mappings.get(0)).size());
        assertTrue(
                tables.leaves(mappings.get(0)).stream().allMatch(l -> l.entrySpan() == 2L << 20));
        assertTrue(tables.leaves(mappings.get(2)).stream().allMatch(l -> l.entrySpan() == 0x1000));
        String manifest = Files.readString(dir.resolve(BootArtifacts.MANIFEST));
        assertTrue(manifest.contains("\"registers\""));
        assertTrue(manifest.contains("\"leaves\": {\"0x200000\": 512}"), manifest);
    }

    @Test
    void overlapIsRefusedNamingTheLaterMappingAndNothingIsWritten() {
        List<BootMapping> mappings =
                List.of(
                        BootMapping.identity("a", 0, 2L << 20, RW),
                        BootMapping.map("b", 0x1000, 0x5000, 0x1000, RW));
        LayoutException e =
                assertThrows(
                        LayoutException.class,
                        () ->
                                BootTables.build(
                                        BootLayout.of(
                                                X86_64Architecture.fourLevel(), BASE, mappings)));
        assertEquals(1, e.mapping());
        assertEquals("virtual", e.field());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().startsWith("mapping 1 (b), field 'virtual'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve(BootArtifacts.TABLES_BIN)));
    }

    @Test
    void inexpressibleFieldsAreNamed() {
        assertField("size", BootMapping.identity("s", 0, 0x1800, RW));
        assertField("physical", BootMapping.map("p", 0, 0x1234, 0x1000, RW));
        assertField("virtual", BootMapping.identity("v", 0x0000_8000_0000_0000L, 0x1000, RW));
        assertField("max-leaf", BootMapping.identity("m", 0, 0x1000, RW).withLargestLeaf(4L << 20));
        LayoutException base =
                assertThrows(
                        LayoutException.class,
                        () ->
                                BootTables.build(
                                        BootLayout.of(
                                                X86_64Architecture.fourLevel(),
                                                0x1234,
                                                List.of())));
        assertEquals(-1, base.mapping());
        assertEquals("base", base.field());
        // a PCID is 12 bits (CR3[11:0]): 4096 cannot be loaded
        LayoutException tag =
                assertThrows(
                        LayoutException.class,
                        () ->
                                BootTables.build(
                                        new BootLayout(
                                                X86_64Architecture.fourLevel(),
                                                BASE,
                                                BootLayout.DEFAULT_TABLE_SPACE,
                                                List.of(),
                                                RootSettings.DEFAULT.withTag(4096))));
        assertEquals("tag", tag.field());
        assertTrue(tag.getMessage().startsWith("layout, field 'tag': "), tag.getMessage());
    }

    private static void assertField(String field, BootMapping mapping) {
        LayoutException e =
                assertThrows(
                        LayoutException.class,
                        () ->
                                BootTables.build(
                                        BootLayout.of(
                                                X86_64Architecture.fourLevel(),
                                                BASE,
                                                List.of(mapping))));
        assertEquals(0, e.mapping(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
    }
}
