package io.pagoda.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every memory type on every x86 variant the registry lists, against the Intel SDM's power-on PAT
 * (Vol. 3A §11.12.4, table 11-12: PA0 WB, PA1 WT, PA2 UC-, PA3 UC, PA4..PA7 the same again) and the
 * PAT index formula of hardware-formats.md §1 ({@code PAT*4 + PCD*2 + PWT}; PAT is bit 7 of a 4 KiB
 * PTE and bit 12 of a 4 MiB / 2 MiB / 1 GiB leaf). The expected bits are written here from those
 * tables, not asked of the code under test; the x86 family library ({@code arch-x86-common}) is the
 * one place the formats take them from.
 */
class X86MemoryTypesTest {
    private static final long PWT = 1L << 3;
    private static final long PCD = 1L << 4;
    private static final long PAT_4K = 1L << 7;
    private static final long PAT_LARGE = 1L << 12;
    private static final long PAGE_4K = 4096;

    /**
     * The x86 variants; a new one fails {@link #theRegistryListsNoOtherX86Variant} until it is
     * pinned here.
     */
    private static final List<String> X86_VARIANTS =
            List.of("i386", "i386-pae", "i386-widen-exec", "x86_64", "x86_64-la57");

    /**
     * The lowest power-on PAT index of each type, as its PCD and PWT bits (never the PAT bit); WC
     * has no entry.
     */
    private static final Map<MemoryType, Long> WRITTEN =
            new EnumMap<>(
                    Map.of(
                            MemoryType.WRITE_BACK,
                            0L, // PA0 = WB
                            MemoryType.WRITE_THROUGH,
                            PWT, // PA1 = WT
                            MemoryType.UNCACHED,
                            PCD, // PA2 = UC-
                            MemoryType.DEVICE,
                            PCD | PWT)); // PA3 = UC

    /** What each of the eight indices reads back as: PA0..PA3, then the same again. */
    private static final MemoryType[] READ = {
        MemoryType.WRITE_BACK,
        MemoryType.WRITE_THROUGH,
        MemoryType.UNCACHED,
        MemoryType.DEVICE,
        MemoryType.WRITE_BACK,
        MemoryType.WRITE_THROUGH,
        MemoryType.UNCACHED,
        MemoryType.DEVICE
    };

    private static final MappingAccessRights KERNEL_RWX = MappingAccessRights.parse("rwx-");

    @Test
    void theRegistryListsNoOtherX86Variant() {
        TreeSet<String> x86 = new TreeSet<>();
        for (Architecture architecture : Architectures.discover().all()) {
            String name = architecture.name();
            if (name.startsWith("i386") || name.startsWith("x86")) {
                x86.add(name);
            }
        }
        assertEquals(
                new TreeSet<>(X86_VARIANTS),
                x86,
                "pin the memory types of every x86 variant in this test");
    }

    @Test
    void everyMemoryTypeIsWrittenWithItsPowerOnPatBitsAndReadBack() {
        int pinned = 0;
        for (String name : X86_VARIANTS) {
            Architecture architecture = Architectures.discover().get(name);
            for (TranslationRoot root : architecture.roots()) {
                Geometry geometry = root.geometry();
                EntryFormat format = root.format();
                for (int level = 0; level <= geometry.lastLevel(); level++) {
                    if (!geometry.level(level).leafAllowed()) {
                        continue;
                    }
                    long span = geometry.span(level);
                    long patBit = span == PAGE_4K ? PAT_4K : PAT_LARGE;
                    long typeBits = PWT | PCD | patBit;
                    for (Map.Entry<MemoryType, Long> expected : WRITTEN.entrySet()) {
                        MappingFlags flags = new MappingFlags(KERNEL_RWX, expected.getKey(), false);
                        String where =
                                name
                                        + " "
                                        + root.registerName()
                                        + " level "
                                        + level
                                        + " "
                                        + expected.getKey();
                        long raw = format.leafEntry(level, format.leafTemplate(level, flags), span);
                        assertEquals(
                                expected.getValue().longValue(),
                                raw & typeBits,
                                where + ": PAT/PCD/PWT");
                        assertEquals(flags, format.leafFlags(level, raw), where + ": round trip");
                        pinned++;
                    }
                    int leafLevel = level;
                    RightsNotExpressibleException refused =
                            assertThrows(
                                    RightsNotExpressibleException.class,
                                    () ->
                                            format.leafTemplate(
                                                    leafLevel,
                                                    new MappingFlags(
                                                            KERNEL_RWX,
                                                            MemoryType.WRITE_COMBINING,
                                                            false)),
                                    name + ": the power-on PAT has no write-combining entry");
                    assertTrue(refused.getMessage().contains("PAT"), refused.getMessage());
                }
            }
        }
        // 2 leaf levels in each i386 variant, 3 in each x86-64 one; 4 memory types each
        assertEquals((3 * 2 + 2 * 3) * 4, pinned);
    }

    @Test
    void everyPatIndexReadsBackAsThePowerOnTable() {
        for (String name : X86_VARIANTS) {
            for (TranslationRoot root : Architectures.discover().get(name).roots()) {
                Geometry geometry = root.geometry();
                EntryFormat format = root.format();
                for (int level = 0; level <= geometry.lastLevel(); level++) {
                    if (!geometry.level(level).leafAllowed()) {
                        continue;
                    }
                    long span = geometry.span(level);
                    long patBit = span == PAGE_4K ? PAT_4K : PAT_LARGE;
                    long writeBack =
                            format.leafEntry(
                                    level,
                                    format.leafTemplate(
                                            level,
                                            new MappingFlags(
                                                    KERNEL_RWX, MemoryType.WRITE_BACK, false)),
                                    span);
                    for (int index = 0; index < 8; index++) {
                        long raw =
                                writeBack
                                        | ((index & 1) != 0 ? PWT : 0)
                                        | ((index & 2) != 0 ? PCD : 0)
                                        | ((index & 4) != 0 ? patBit : 0);
                        assertEquals(
                                READ[index],
                                format.leafFlags(level, raw).memoryType(),
                                name + " level " + level + " PAT index " + index);
                        assertEquals(
                                span,
                                format.leafAddress(level, raw),
                                "the PAT bit is not an address bit");
                    }
                }
            }
        }
    }
}
