package io.pagoda.conformance.testarch;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;

/**
 * The kit's made-up format (8-byte entries): 0 valid, 1 table (above the last level) or page (at it),
 * 2 writable, 3 executable, 4 user, 5 global, 6..8 memory type, 10 guard marker (when not valid),
 * 12..47 address, 62 reserved. Pages are always readable. A {@link Defect} breaks it on purpose.
 */
public final class KitToyFormat implements EntryFormat {
    public static final long VALID = 1;
    public static final long TABLE_OR_PAGE = 1 << 1;
    public static final long WRITABLE = 1 << 2;
    public static final long EXECUTABLE = 1 << 3;
    public static final long USER = 1 << 4;
    public static final long GLOBAL = 1 << 5;
    public static final long GUARD = 1 << 10;
    public static final long ADDRESS = 0x0000_FFFF_FFFF_F000L;
    public static final long RESERVED = 1L << 62;

    private final Geometry geometry;
    private final Defect defect;

    public KitToyFormat(Geometry geometry, Defect defect) {
        this.geometry = geometry;
        this.defect = defect;
    }

    @Override
    public EntryKind kind(int level, long raw) {
        if (raw == 0) {
            return EntryKind.UNUSED;
        }
        if ((raw & VALID) == 0) {
            if (raw == GUARD) {
                return defect == Defect.LOST_GUARD ? EntryKind.UNUSED : EntryKind.GUARD;
            }
            return EntryKind.INVALID;
        }
        if ((raw & RESERVED) != 0) {
            return EntryKind.RESERVED;
        }
        boolean last = level == geometry.lastLevel();
        if ((raw & TABLE_OR_PAGE) != 0) {
            return last ? EntryKind.LEAF : EntryKind.TABLE;
        }
        return !last && geometry.level(level).leafAllowed() ? EntryKind.LEAF : EntryKind.INVALID;
    }

    @Override
    public long tableAddress(int level, long raw) {
        return raw & ADDRESS;
    }

    @Override
    public long leafAddress(int level, long raw) {
        return raw & ADDRESS & -geometry.span(level);
    }

    @Override
    public long tableEntry(int level, long table) {
        return table | VALID | TABLE_OR_PAGE | WRITABLE | EXECUTABLE | USER;
    }

    @Override
    public long leafTemplate(int level, MappingFlags flags) {
        if (!geometry.level(level).leafAllowed()) {
            throw new RightsNotExpressibleException("kit-toy level " + level + " (" + geometry.level(level).name()
                    + ") holds no leaves; map at a level that does");
        }
        MappingAccessRights rights = flags.rights();
        if (!rights.isReadable()) {
            throw new RightsNotExpressibleException("kit-toy pages are always readable, so " + rights
                    + " cannot be expressed at level " + level + "; add 'r'");
        }
        long bits = VALID | (level == geometry.lastLevel() ? TABLE_OR_PAGE : 0);
        bits |= rights.isWritable() ? (defect == Defect.WRONG_BIT ? GLOBAL : WRITABLE) : 0;
        bits |= rights.isExecutable() ? EXECUTABLE : 0;
        bits |= rights.isUserAccessible() ? USER : 0;
        bits |= flags.global() ? GLOBAL : 0;
        return bits | ((long) flags.memoryType().ordinal() << 6);
    }

    @Override
    public long leafEntry(int level, long template, long pa) {
        return template | pa;
    }

    @Override
    public long guardEntry(int level) {
        return GUARD;
    }

    @Override
    public MappingFlags leafFlags(int level, long raw) {
        return new MappingFlags(MappingAccessRights.ofBits(rightsOf(raw)), MemoryType.values()[(int) ((raw >>> 6) & 7) % MemoryType.values().length],
                (raw & GLOBAL) != 0);
    }

    private static int rightsOf(long raw) {
        return MappingAccessRights.READABLE_BIT
                | ((raw & WRITABLE) != 0 ? MappingAccessRights.WRITABLE_BIT : 0)
                | ((raw & EXECUTABLE) != 0 ? MappingAccessRights.EXECUTABLE_BIT : 0)
                | ((raw & USER) != 0 ? MappingAccessRights.USER_ACCESSIBLE_BIT : 0);
    }

    @Override
    public int tableRightsLimit(int level, long raw) {
        return rightsOf(raw);
    }

    @Override
    public boolean isGlobal(int level, long raw) {
        return (raw & GLOBAL) != 0;
    }

    @Override
    public String malformation(int level, long raw) {
        return (raw & RESERVED) != 0 ? "reserved bit 62 is set" : "valid bit clear and not the guard marker";
    }

    @Override
    public String describe(int level, long raw) {
        return kind(level, raw) + " " + Hex.of(raw);
    }
}
