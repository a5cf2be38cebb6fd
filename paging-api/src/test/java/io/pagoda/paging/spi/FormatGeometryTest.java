package io.pagoda.paging.spi;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import org.junit.jupiter.api.Test;

/**
 * The format states the levels once; a root's geometry is the format's unless the root (an older
 * module) says otherwise.
 */
class FormatGeometryTest {
    private static final Geometry TWO_LEVELS =
            Geometry.of(
                    new LevelGeometry("TOP", 21, 512, 8, true),
                    new LevelGeometry("LEAF", 12, 512, 8, true));

    /** The smallest format: only what the test asks of it does anything. */
    private abstract static class Format implements EntryFormat {
        @Override
        public EntryKind kind(int level, long raw) {
            return raw == 0 ? EntryKind.UNUSED : EntryKind.LEAF;
        }

        @Override
        public long tableAddress(int level, long raw) {
            return raw & ~0xFFFL;
        }

        @Override
        public long leafAddress(int level, long raw) {
            return raw & ~0xFFFL;
        }

        @Override
        public long tableEntry(int level, long tablePhysicalAddress) {
            return tablePhysicalAddress | 1;
        }

        @Override
        public long leafTemplate(int level, MappingFlags flags) {
            return 1;
        }

        @Override
        public long leafEntry(int level, long template, long physicalAddress) {
            return template | physicalAddress;
        }

        @Override
        public long guardEntry(int level) {
            return 2;
        }

        @Override
        public MappingFlags leafFlags(int level, long raw) {
            return MappingFlags.of(MappingAccessRights.KERNEL_RW);
        }

        @Override
        public int tableRightsLimit(int level, long raw) {
            return MappingAccessRights.ALL_BITS;
        }

        @Override
        public boolean isGlobal(int level, long raw) {
            return false;
        }

        @Override
        public String describe(int level, long raw) {
            return Long.toHexString(raw);
        }
    }

    private static final class StatedFormat extends Format {
        @Override
        public Geometry geometry() {
            return TWO_LEVELS;
        }
    }

    private static TranslationRoot rootOver(EntryFormat format) {
        return new TranslationRoot() {
            @Override
            public String registerName() {
                return "ROOT";
            }

            @Override
            public EntryFormat format() {
                return format;
            }

            @Override
            public CanonicalForm canonicalForm() {
                return CanonicalForm.lowerRange(30);
            }

            @Override
            public long tableAddress(long registerValue) {
                return registerValue;
            }

            @Override
            public long registerValue(long tablePhysicalAddress, int tag) {
                return tablePhysicalAddress;
            }
        };
    }

    @Test
    void aRootsGeometryIsTheOneItsFormatStates() {
        assertSame(TWO_LEVELS, rootOver(new StatedFormat()).geometry());
    }
}
