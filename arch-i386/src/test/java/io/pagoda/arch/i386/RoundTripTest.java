package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import org.junit.jupiter.api.Test;

/**
 * Every rights combination x every memory type x global, at every leaf-capable level of every
 * variant: either refused, or read back as the effective flags. What "effective" means is the
 * documented policy: EXECUTABLE is added by i386-widen-exec; every memory type but WRITE_COMBINING
 * (no entry in the power-on PAT) reads back as itself.
 */
class RoundTripTest {

    @Test
    void everyCombinationIsRefusedOrReadBack() {
        int checked = 0;
        int refused = 0;
        for (Architecture architecture : new I386ArchitectureProvider().architectures()) {
            EntryFormat format = architecture.roots().get(0).format();
            Geometry geometry = architecture.roots().get(0).geometry();
            boolean legacy = architecture instanceof I386Architecture;
            boolean widens =
                    legacy
                            && ((I386Architecture) architecture).executePolicy()
                                    == ExecutePolicy.WIDEN_TO_EXECUTABLE;
            for (int level = 0; level < geometry.levelCount(); level++) {
                if (!geometry.level(level).leafAllowed()) {
                    continue;
                }
                for (MappingAccessRights rights : MappingAccessRights.all()) {
                    for (MemoryType type : MemoryType.values()) {
                        for (boolean global : new boolean[] {false, true}) {
                            MappingFlags flags = new MappingFlags(rights, type, global);
                            boolean expressible =
                                    rights.isReadable()
                                            && (rights.isExecutable() || !legacy || widens)
                                            && type != MemoryType.WRITE_COMBINING;
                            final int lvl = level;
                            if (!expressible) {
                                assertThrows(
                                        RightsNotExpressibleException.class,
                                        () -> format.leafTemplate(lvl, flags),
                                        architecture.name() + " " + flags + " at level " + level);
                                refused++;
                                continue;
                            }
                            MappingFlags expected =
                                    new MappingFlags(
                                            widens
                                                    ? rights.with(MappingAccessRights.EXECUTABLE)
                                                    : rights,
                                            type,
                                            global);
                            assertEquals(
                                    expected,
                                    effectiveFlags(format, level, flags),
                                    "the format's own prediction");
                            long template = format.leafTemplate(level, flags);
                            for (long pa : highAndLowFrames(architecture, geometry.span(level))) {
                                long raw = format.leafEntry(level, template, pa);
                                String where =
                                        architecture.name()
                                                + " "
                                                + flags
                                                + " at level "
                                                + level
                                                + " pa "
                                                + Long.toHexString(pa);
                                assertEquals(EntryKind.LEAF, format.kind(level, raw), where);
                                assertEquals(expected, format.leafFlags(level, raw), where);
                                assertEquals(pa, format.leafAddress(level, raw), where);
                                assertEquals(global, format.isGlobal(level, raw), where);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        // 3 variants, 2 leaf levels each, 16 rights x 5 types x 2; legacy 4 KiB pages stop at 4 GiB
        assertEquals(3 * 2 * 16 * 5 * 2, refused + checked / 3);
    }

    private static MappingFlags effectiveFlags(EntryFormat format, int level, MappingFlags flags) {
        return format instanceof LegacyEntryFormat legacy
                ? legacy.effectiveFlags(level, flags)
                : ((PaeEntryFormat) format).effectiveFlags(level, flags);
    }

    /** The lowest, a middle and the highest frame a leaf of {@code size} can hold. */
    private static long[] highAndLowFrames(Architecture architecture, long size) {
        int bits =
                architecture instanceof I386Architecture && size == 4096
                        ? 32
                        : architecture.physicalAddressBits();
        long top = (1L << bits) - size;
        return new long[] {0, size * 5, top};
    }

    @Test
    void writeCombiningIsRefusedWithTheReason() {
        for (Architecture architecture : new I386ArchitectureProvider().architectures()) {
            EntryFormat format = architecture.roots().get(0).format();
            int last = architecture.roots().get(0).geometry().lastLevel();
            RightsNotExpressibleException e =
                    assertThrows(
                            RightsNotExpressibleException.class,
                            () ->
                                    format.leafTemplate(
                                            last,
                                            new MappingFlags(
                                                    MappingAccessRights.parse("rwx-"),
                                                    MemoryType.WRITE_COMBINING,
                                                    false)));
            assertTrue(e.getMessage().contains("PAT"), e.getMessage());
        }
    }
}
