package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rights x memory type x global combination at every leaf-capable level, through encode and
 * decode.
 */
class RoundTripTest {

    static Stream<X86_64Architecture> architectures() {
        return Stream.of(X86_64Architecture.fourLevel(), X86_64Architecture.fiveLevel());
    }

    @ParameterizedTest
    @MethodSource("architectures")
    void everyCombinationRoundTripsOrIsRefused(X86_64Architecture arch) {
        X86_64EntryFormat format = arch.format();
        Geometry geometry = arch.cr3().geometry();
        int expressible = 0;
        for (int level = 0; level <= geometry.lastLevel(); level++) {
            if (!geometry.level(level).leafAllowed()) {
                continue;
            }
            // the highest frame the level can hold, so every address bit up to MAXPHYADDR is
            // exercised
            long pa = EntryBits.addressMask(52) & -geometry.span(level);
            for (MappingAccessRights rights : MappingAccessRights.all()) {
                for (MemoryType type : MemoryType.values()) {
                    for (boolean global : new boolean[] {false, true}) {
                        MappingFlags flags = new MappingFlags(rights, type, global);
                        long template;
                        try {
                            template = format.leafTemplate(level, flags);
                        } catch (RightsNotExpressibleException e) {
                            assertFalse(
                                    rights.isReadable() && type != MemoryType.WRITE_COMBINING,
                                    "refused " + flags + ": " + e.getMessage());
                            continue;
                        }
                        long raw = format.leafEntry(level, template, pa);
                        assertEquals(
                                EntryKind.LEAF,
                                format.kind(level, raw),
                                format.describe(level, raw));
                        assertEquals(
                                flags, format.leafFlags(level, raw), format.describe(level, raw));
                        assertEquals(pa, format.leafAddress(level, raw));
                        assertEquals(global, format.isGlobal(level, raw));
                        // a small frame too: nothing of the template leaks into the address
                        assertEquals(
                                geometry.span(level),
                                format.leafAddress(
                                        level,
                                        format.leafEntry(level, template, geometry.span(level))));
                        expressible++;
                    }
                }
            }
        }
        // 8 readable rights x 4 types (no WC in the power-on PAT) x 2 global x 3 leaf levels
        assertEquals(8 * 4 * 2 * 3, expressible);
        assertTrue(expressible > 0);
    }
}
