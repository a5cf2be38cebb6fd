package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips of every flag combination at every leaf level, guards, invalid and reserved
 * encodings.
 */
class EncodingTest {

    @ParameterizedTest
    @MethodSource("io.pagoda.arch.aarch64.Variants#names")
    void everyRightsMemoryTypeAndGlobalRoundTripsAtEveryLeafLevel(String name) {
        Aarch64Architecture arch = Variants.get(name);
        int checked = 0;
        for (TranslationRoot root : arch.roots()) {
            Geometry geometry = root.geometry();
            EntryFormat format = root.format();
            for (int level = 0; level <= geometry.lastLevel(); level++) {
                if (!geometry.level(level).leafAllowed()) {
                    continue;
                }
                long span = geometry.span(level);
                // an aligned frame with high address bits set: up to bit 47, or 51 with FEAT_LPA
                long pa =
                        arch.physicalAddressBits() == 52
                                ? 0xF000000000000L | (span * 3)
                                : (0x8000_0000_0000L | (span * 3)) & 0x0000FFFFFFFFFFFFL;
                for (MappingAccessRights rights : MappingAccessRights.all()) {
                    for (MemoryType type : MemoryType.values()) {
                        for (boolean global : new boolean[] {false, true}) {
                            MappingFlags flags = new MappingFlags(rights, type, global);
                            long template;
                            try {
                                template = format.leafTemplate(level, flags);
                            } catch (RightsNotExpressibleException e) {
                                assertFalse(
                                        rights.isReadable(),
                                        flags + " refused at " + level + ": " + e.getMessage());
                                assertTrue(
                                        e.getMessage().contains(rights.toString())
                                                && e.getMessage().contains("READABLE"),
                                        e.getMessage());
                                continue;
                            }
                            assertTrue(
                                    rights.isReadable(),
                                    flags + " should be refused: a valid page is always readable");
                            long raw = format.leafEntry(level, template, pa);
                            assertEquals(
                                    EntryKind.LEAF,
                                    format.kind(level, raw),
                                    flags + " " + Long.toHexString(raw));
                            assertEquals(pa, format.leafAddress(level, raw));
                            assertEquals(flags, format.leafFlags(level, raw));
                            assertEquals(global, format.isGlobal(level, raw));
                            assertEquals(1L << 10, raw & (1L << 10), "AF is set in every leaf");
                            assertEquals(0, raw & (1L << 5), "NS is written 0");
                            assertEquals(0x300L, raw & 0x300L, "SH = inner shareable");
                            if (rights.isUserAccessible()) {
                                assertTrue((raw & (1L << 53)) != 0, "a user page is always PXN");
                            }
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 0);
    }

    @Test
    void rightsMapOntoApAndExecuteNever() {
        EntryFormat format = Variants.get("aarch64").roots().get(0).format();
        long ap2 = 1L << 7;
        long ap1 = 1L << 6;
        long pxn = 1L << 53;
        long uxn = 1L << 54;
        long mask = ap2 | ap1 | pxn | uxn;
        assertEquals(
                pxn | uxn,
                format.leafTemplate(3, MappingFlags.of(MappingAccessRights.KERNEL_RW)) & mask);
        assertEquals(
                ap2 | uxn,
                format.leafTemplate(3, MappingFlags.of(MappingAccessRights.KERNEL_RX)) & mask);
        assertEquals(
                ap1 | pxn | uxn,
                format.leafTemplate(3, MappingFlags.of(MappingAccessRights.USER_RW)) & mask);
        assertEquals(
                ap2 | ap1 | pxn,
                format.leafTemplate(3, MappingFlags.of(MappingAccessRights.USER_RX)) & mask);
        // user writable and executable: EL0 executes, EL1 never does (PXN)
        assertEquals(
                ap1 | pxn,
                format.leafTemplate(3, MappingFlags.of(MappingAccessRights.parse("rwxu"))) & mask);
    }

    @Test
    void writeOnlyAndExecuteOnlyAreRefusedWithAFix() {
        EntryFormat format = Variants.get("aarch64-16k-47").roots().get(0).format();
        for (String rights : new String[] {"-w--", "--x-", "-wxu", "---u"}) {
            RightsNotExpressibleException e =
                    assertThrows(
                            RightsNotExpressibleException.class,
                            () ->
                                    format.leafTemplate(
                                            2, MappingFlags.of(MappingAccessRights.parse(rights))));
            assertTrue(
                    e.getMessage().contains("L3 (16K granule)")
                            && e.getMessage().contains("add READABLE"),
                    e.getMessage());
        }
    }

    @Test
    void noBlockTemplateWhereTheGranuleAllowsNone() {
        EntryFormat format = Variants.get("aarch64").roots().get(0).format();
        RightsNotExpressibleException e =
                assertThrows(
                        RightsNotExpressibleException.class,
                        () ->
                                format.leafTemplate(
                                        0, MappingFlags.of(MappingAccessRights.KERNEL_RW)));
        assertTrue(e.getMessage().contains("L0 (4K granule)"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("io.pagoda.arch.aarch64.Variants#names")
    void guardsAndUnusedAndInvalidAtEveryLevel(String name) {
        for (TranslationRoot root : Variants.get(name).roots()) {
            EntryFormat format = root.format();
            for (int level = 0; level <= root.geometry().lastLevel(); level++) {
                assertEquals(0x0080000000000000L, format.guardEntry(level));
                assertEquals(EntryKind.GUARD, format.kind(level, format.guardEntry(level)));
                assertEquals(EntryKind.UNUSED, format.kind(level, 0));
                // other invalid descriptors (bit 0 clear) are foreign data, never overwritten
                // silently
                assertEquals(EntryKind.INVALID, format.kind(level, 0x0000000012345000L));
                assertEquals(EntryKind.INVALID, format.kind(level, 0x0080000000000002L));
            }
        }
    }

    @Test
    void blocksOnlyWhereTheGranuleAllowsThem() {
        long block = 0x0000000000000701L;
        // 4K / 48: L0 no, L1 yes (1 GiB), L2 yes (2 MiB), L3 01 is reserved
        EntryFormat k4 = Variants.get("aarch64").roots().get(0).format();
        assertEquals(EntryKind.INVALID, k4.kind(0, block));
        assertEquals(EntryKind.LEAF, k4.kind(1, block));
        assertEquals(EntryKind.LEAF, k4.kind(2, block));
        assertEquals(EntryKind.INVALID, k4.kind(3, block));
        assertTrue(k4.malformation(3, block).contains("reserved encoding"));
        assertTrue(k4.malformation(0, block).contains("allows none"));
        assertEquals(EntryKind.LEAF, k4.kind(3, block | 2));
        // 16K / 48: L0 no, L1 no (needs DS=1), L2 yes (32 MiB)
        EntryFormat k16 = Variants.get("aarch64-16k-48").roots().get(0).format();
        assertEquals(EntryKind.INVALID, k16.kind(0, block));
        assertEquals(EntryKind.INVALID, k16.kind(1, block));
        assertEquals(EntryKind.LEAF, k16.kind(2, block));
        // 64K / 48: L1 only with FEAT_LPA
        assertEquals(
                EntryKind.INVALID,
                Variants.get("aarch64-64k-48").roots().get(0).format().kind(0, block));
        assertEquals(
                EntryKind.LEAF,
                Variants.get("aarch64-64k-48-lpa").roots().get(0).format().kind(0, block));
        assertEquals(
                EntryKind.LEAF,
                Variants.get("aarch64-64k-48").roots().get(0).format().kind(1, block));
    }

    @Test
    void outputAddressMasksPerGranule() {
        long all = 0x0000FFFFFFFFFFFFL | 3;
        assertEquals(
                0x0000FFFFFFFFF000L,
                Variants.get("aarch64").roots().get(0).format().leafAddress(3, all));
        assertEquals(
                0x0000FFFFFFE00000L,
                Variants.get("aarch64").roots().get(0).format().leafAddress(2, all & ~2));
        assertEquals(
                0x0000FFFFC0000000L,
                Variants.get("aarch64").roots().get(0).format().leafAddress(1, all & ~2));
        assertEquals(
                0x0000FFFFFFFFC000L,
                Variants.get("aarch64-16k-48").roots().get(0).format().leafAddress(3, all));
        assertEquals(
                0x0000FFFFFE000000L,
                Variants.get("aarch64-16k-48").roots().get(0).format().leafAddress(2, all & ~2));
        assertEquals(
                0x0000FFFFFFFF0000L,
                Variants.get("aarch64-64k-48").roots().get(0).format().leafAddress(2, all));
        assertEquals(
                0x0000FFFFE0000000L,
                Variants.get("aarch64-64k-48").roots().get(0).format().leafAddress(1, all & ~2));
        assertEquals(
                0x0000FFFFFFFFF000L,
                Variants.get("aarch64").roots().get(0).format().tableAddress(0, all));
        // bits 63:48 and the low attribute bits never leak into an address
        assertEquals(
                0x80001000L,
                Variants.get("aarch64")
                        .roots()
                        .get(0)
                        .format()
                        .tableAddress(0, 0xFFFF000080001FFFL));
        // without FEAT_LPA, desc[15:12] is RES0 and ignored; with it, OA[51:48]
        assertEquals(
                0x12340000L,
                Variants.get("aarch64-64k-48").roots().get(0).format().leafAddress(2, 0x1234F703L));
        assertEquals(
                0xF000012340000L,
                Variants.get("aarch64-64k-48-lpa")
                        .roots()
                        .get(0)
                        .format()
                        .leafAddress(2, 0x1234F703L));
        assertEquals(
                0xF0000D2010000L,
                Variants.get("aarch64-64k-48-lpa")
                        .roots()
                        .get(0)
                        .format()
                        .tableAddress(0, 0xD201F003L));
        assertEquals(
                0xD201F003L,
                Variants.get("aarch64-64k-48-lpa")
                        .roots()
                        .get(0)
                        .format()
                        .tableEntry(0, 0xF0000D2010000L));
    }

    @Test
    void outputAddressAboveThePhysicalSizeIsAnAddressSizeFault() {
        // IPS = 2: 40-bit PA
        Aarch64Architecture arch =
                (Aarch64Architecture)
                        Variants.withTcr(
                                Variants.get("aarch64"),
                                16 | (16L << 16) | (0b10L << 30) | (2L << 32));
        assertEquals(40, arch.physicalAddressBits());
        EntryFormat format = arch.roots().get(0).format();
        long page = 0x0000010000000F43L; // OA bit 40
        assertEquals(EntryKind.RESERVED, format.kind(3, page));
        assertTrue(
                format.malformation(3, page).contains("address size fault"),
                format.malformation(3, page));
        assertEquals(EntryKind.RESERVED, format.kind(0, 0x0000800000001003L));
        assertEquals(EntryKind.LEAF, format.kind(3, 0x000000FFFFFFFF43L));
        // the TTBR base itself: a level-0 address size fault before any descriptor is read
        SparseMemory memory = new SparseMemory(48);
        var walk = new PageWalker(arch, memory).walk(0, 0x0000010000000000L, 0x1000L);
        assertEquals(FaultType.ROOT_LOAD, walk.fault(), walk.toString());
        assertTrue(walk.detail().contains("address size fault"), walk.detail());
        assertEquals(
                FaultType.NOT_PRESENT,
                new PageWalker(arch, memory).walk(0, 0x000000FF00000000L, 0x1000L).fault());
        // RES0 bits of a block ([20:17] here) are ignored, as §4 says
        assertEquals(
                EntryKind.LEAF,
                Variants.get("aarch64").roots().get(0).format().kind(2, 0x00000000801E0701L));
    }
}
