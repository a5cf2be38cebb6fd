package io.pagoda.paging.testlib.toy;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;

/**
 * The toy's made-up entry format, for testing away from any real hardware. Bit layout (8-byte
 * entries): 0 valid, 1 table (above the last level) / page (at the last level), 2 writable, 3
 * executable, 4 user, 5 global, 6..8 memory type (0 write-back, 1 write-through, 2 uncached, 3
 * write-combining, 4 device), 9 guard marker (when not valid), 12..39 address, 63 reserved. Pages
 * are always readable. Table entries may clear 2/3/4 to restrict everything below.
 */
public final class ToyFormat implements EntryFormat {
    /** Bit 0, valid: clear makes the entry unused, a guard or invalid. */
    public static final long VALID = 1;

    /**
     * Bit 1: a table entry above the last level, a page at the last level; clear above it, a block
     * where the level allows one.
     */
    public static final long TABLE_OR_PAGE = 1 << 1;

    /** Bit 2, writable; clear in a table entry takes writing from everything below. */
    public static final long WRITABLE = 1 << 2;

    /** Bit 3, executable; clear in a table entry takes execution from everything below. */
    public static final long EXECUTABLE = 1 << 3;

    /** Bit 4, user-accessible; clear in a table entry takes user access from everything below. */
    public static final long USER = 1 << 4;

    /** Bit 5, global: the leaf's translation matches under every tag. */
    public static final long GLOBAL = 1 << 5;

    /** Bit 9 alone, valid clear: the guard entry. */
    public static final long GUARD = 1 << 9;

    /** Bits 12..39, the table or output address. */
    public static final long ADDRESS = 0x000000FFFFFFF000L;

    /** Bit 63, reserved: a valid entry with it set is a reserved-bit fault. */
    public static final long RESERVED = 1L << 63;

    /** Where the memory type's code starts. */
    public static final int MEMORY_TYPE_SHIFT = 6;

    private final Geometry geometry;

    /**
     * The format over {@code geometry}, which says which level is the last and which levels hold
     * blocks.
     *
     * @param geometry the geometry of the root the entries belong to
     */
    public ToyFormat(Geometry geometry) {
        this.geometry = geometry;
    }

    @Override
    public Geometry geometry() {
        return geometry;
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
        if (!geometry.level(level).leafAllowed()) {
            throw new RightsNotExpressibleException(
                    "toy level "
                            + level
                            + " ("
                            + geometry.level(level).name()
                            + ") holds no leaves; map at a level that does");
        }
        MappingAccessRights rights = flags.rights();
        if (!rights.isReadable()) {
            throw new RightsNotExpressibleException(
                    "toy pages are always readable, so "
                            + rights
                            + " cannot be expressed at level "
                            + level
                            + "; add 'r'");
        }
        long bits = VALID | (level == geometry.lastLevel() ? TABLE_OR_PAGE : 0);
        bits |= rights.isWritable() ? WRITABLE : 0;
        bits |= rights.isExecutable() ? EXECUTABLE : 0;
        bits |= rights.isUserAccessible() ? USER : 0;
        bits |= flags.global() ? GLOBAL : 0;
        return bits | ((long) code(flags.memoryType()) << MEMORY_TYPE_SHIFT);
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
        int rights =
                MappingAccessRights.READABLE_BIT
                        | ((raw & WRITABLE) != 0 ? MappingAccessRights.WRITABLE_BIT : 0)
                        | ((raw & EXECUTABLE) != 0 ? MappingAccessRights.EXECUTABLE_BIT : 0)
                        | ((raw & USER) != 0 ? MappingAccessRights.USER_ACCESSIBLE_BIT : 0);
        return new MappingFlags(
                MappingAccessRights.ofBits(rights),
                memoryType((int) (raw >>> MEMORY_TYPE_SHIFT) & 7),
                (raw & GLOBAL) != 0);
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

    /**
     * The memory type's 3-bit code in an entry (bits 6..8).
     *
     * @param type the memory type
     * @return 0 write-back, 1 write-through, 2 uncached, 3 write-combining, 4 device
     */
    public static int code(MemoryType type) {
        return switch (type) {
            case WRITE_BACK -> 0;
            case WRITE_THROUGH -> 1;
            case UNCACHED -> 2;
            case WRITE_COMBINING -> 3;
            case DEVICE -> 4;
        };
    }

    /** The memory type a 3-bit code stands for; the unused codes 5..7 read as write-back. */
    static MemoryType memoryType(int code) {
        return switch (code) {
            case 1 -> MemoryType.WRITE_THROUGH;
            case 2 -> MemoryType.UNCACHED;
            case 3 -> MemoryType.WRITE_COMBINING;
            case 4 -> MemoryType.DEVICE;
            default -> MemoryType.WRITE_BACK;
        };
    }

    @Override
    public String malformation(int level, long raw) {
        return (raw & RESERVED) != 0
                ? "reserved bit 63 is set"
                : "valid bit clear and not the guard marker";
    }

    @Override
    public String describe(int level, long raw) {
        return kind(level, raw) + " " + Hex.of(raw);
    }
}
