package io.pagoda.cli.toy;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;

/**
 * A made-up format for the CLI tests (after paging-api's test ToyFormat), 8-byte entries: 0 valid,
 * 1 table (above the last level) / page (at the last level), 2 writable, 3 executable, 4 user, 5 global,
 * 6..8 memory type, 9 guard marker when not valid, 12..39 address, 63 reserved.
 */
public final class ToyFormat implements EntryFormat {
    public static final long VALID = 1;
    public static final long TABLE_OR_PAGE = 1 << 1;
    public static final long WRITABLE = 1 << 2;
    public static final long EXECUTABLE = 1 << 3;
    public static final long USER = 1 << 4;
    public static final long GLOBAL = 1 << 5;
    public static final long GUARD = 1 << 9;
    public static final long ADDRESS = 0x000000FFFFFFF000L;
    public static final long RESERVED = 1L << 63;

    private final Geometry geometry;

    public ToyFormat(Geometry geometry) {
        this.geometry = geometry;
    }

    @Override
    public EntryKind kind(int level, long raw) {
        if (raw == 0) {
            return EntryKind.UNUSED;
        }
        if ((raw & VALID) == 0) {
            return raw == GUARD ? EntryKind.GUARD : EntryKind.INVALID;
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
        MappingAccessRights rights = flags.rights();
        if (!rights.isReadable()) {
            throw new RightsNotExpressibleException("toy pages are always readable; " + rights + " lacks 'r'");
        }
        long bits = VALID | (level == geometry.lastLevel() ? TABLE_OR_PAGE : 0);
        bits |= rights.isWritable() ? WRITABLE : 0;
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
        return new MappingFlags(MappingAccessRights.ofBits(tableRightsLimit(level, raw)),
                MemoryType.values()[(int) ((raw >>> 6) & 7) % MemoryType.values().length], (raw & GLOBAL) != 0);
    }

    @Override
    public int tableRightsLimit(int level, long raw) {
        return MappingAccessRights.READABLE_BIT
                | ((raw & WRITABLE) != 0 ? MappingAccessRights.WRITABLE_BIT : 0)
                | ((raw & EXECUTABLE) != 0 ? MappingAccessRights.EXECUTABLE_BIT : 0)
                | ((raw & USER) != 0 ? MappingAccessRights.USER_ACCESSIBLE_BIT : 0);
    }

    @Override
    public boolean isGlobal(int level, long raw) {
        return (raw & GLOBAL) != 0;
    }

    @Override
    public String malformation(int level, long raw) {
        return (raw & RESERVED) != 0 ? "reserved bit 63 is set" : "entry does not decode at this level";
    }

    @Override
    public String describe(int level, long raw) {
        return kind(level, raw).name().toLowerCase(java.util.Locale.ROOT) + " " + Hex.of(raw);
    }
}
