package io.pagoda.paging.table;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;

/**
 * The one walk of one address from a root table to where the hardware stops: a leaf, a guard, an
 * unused or invalid entry, or a malformed one (reserved bits, or a table entry at the last level).
 * It remembers every level's table, index and raw entry (so callers can update the entries it used,
 * as the hardware sets accessed flags) and the rights the tables leave, combined with the leaf's
 * into the effective rights.
 *
 * <p>Reusable and allocation-free per walk; the effective flags of recent leaves are memoised, so a
 * TLB miss allocates nothing either. Not thread-safe: one walk at a time, under the caller's lock.
 */
public final class AddressWalk {
    private static final int MEMO = 16;

    private final EntryFormat format;
    private final RangeCursor cursor;
    private final TableAccess access;
    private final int lastLevel;
    private final long[] tables;
    private final long[] raws;
    private long linear;
    private int level;
    private EntryKind kind = EntryKind.UNUSED;
    private boolean tableAtLastLevel;
    // effective flags by (level, raw without its address, table limit): a leaf's flags never depend
    // on its frame
    private final long[] memoKeys = new long[MEMO];
    private final int[] memoLimits = new int[MEMO];
    private final int[] memoLevels = new int[MEMO];
    private final MappingFlags[] memoFlags = new MappingFlags[MEMO];

    /**
     * A walk of {@code root}'s tables.
     *
     * @param root the translation root whose geometry and format are walked
     * @param access how the tables are reached
     */
    public AddressWalk(TranslationRoot root, TableAccess access) {
        this(root.geometry(), root.format(), access);
    }

    /**
     * A walk of tables of {@code geometry} written in {@code format}.
     *
     * @param geometry the tables' levels, entry counts and sizes
     * @param format the entry format that decodes each entry
     * @param access how the tables are reached
     */
    public AddressWalk(Geometry geometry, EntryFormat format, TableAccess access) {
        this.format = format;
        this.cursor = new RangeCursor(geometry);
        this.access = access;
        this.lastLevel = geometry.lastLevel();
        int levels = geometry.levelCount();
        tables = new long[levels];
        raws = new long[levels];
    }

    /**
     * Walks linear address {@code linear} from the top table at {@code rootTable}, no deeper than
     * {@code stopLevel}, and returns the kind of entry where it stopped. A table entry at the last
     * level is reported as {@link EntryKind#RESERVED} (see {@link #isTableAtLastLevel()}).
     *
     * @param rootTable the physical address of the top table (level 0)
     * @param linear the linear address walked (the canonical form's {@code linear} of the virtual
     *     one)
     * @param stopLevel the deepest level read, 0 = top; a table entry there ends the walk as {@link
     *     EntryKind#TABLE} (unless it is the last level)
     * @return the kind of the entry where the walk stopped
     * @throws io.pagoda.paging.error.PhysicalAddressException when a table lies outside physical
     *     memory
     */
    public EntryKind walk(long rootTable, long linear, int stopLevel) {
        // only what every caller needs is kept per level (table, raw); indices, bases and rights
        // are derived on demand
        this.linear = linear;
        this.tableAtLastLevel = false;
        long[] tablesRead = tables;
        long[] rawsRead = raws;
        long table = rootTable;
        long base = 0;
        int at = 0;
        EntryKind found;
        while (true) {
            tablesRead[at] = table;
            level = at;
            long raw;
            try (TableView view = access.open(at, table, base)) {
                raw = view.read(cursor.index(at, linear));
            }
            rawsRead[at] = raw;
            found = format.kind(at, raw);
            if (found != EntryKind.TABLE || at == stopLevel) {
                break;
            }
            if (at == lastLevel) {
                tableAtLastLevel = true;
                found = EntryKind.RESERVED;
                break;
            }
            table = format.tableAddress(at, raw);
            base = cursor.entryBase(at, linear);
            at++;
        }
        if (found == EntryKind.TABLE && at == lastLevel) {
            tableAtLastLevel = true;
            found = EntryKind.RESERVED;
        }
        kind = found;
        return found;
    }

    /**
     * Walks {@code linear} as deep as the tables go.
     *
     * @param rootTable the physical address of the top table (level 0)
     * @param linear the linear address walked
     * @return the kind of the entry where the walk stopped: never {@link EntryKind#TABLE}
     * @throws io.pagoda.paging.error.PhysicalAddressException when a table lies outside physical
     *     memory
     */
    public EntryKind walk(long rootTable, long linear) {
        return walk(rootTable, linear, lastLevel);
    }

    /**
     * What the last walk found.
     *
     * @return the kind of the entry where the last walk stopped ({@link EntryKind#UNUSED} before
     *     any walk)
     */
    public EntryKind kind() {
        return kind;
    }

    /**
     * The level where the walk stopped.
     *
     * @return the level, 0 = top
     */
    public int level() {
        return level;
    }

    /**
     * The raw entry where the walk stopped.
     *
     * @return the entry's raw value as the walk read it
     */
    public long raw() {
        return raws[level];
    }

    /**
     * The span of the entry where the walk stopped.
     *
     * @return the bytes one entry of {@link #level()} translates
     */
    public long span() {
        return cursor.span(level);
    }

    /**
     * Whether the walk stopped at a table entry in a last-level table (malformed).
     *
     * @return true when the walk reported {@link EntryKind#RESERVED} for that reason
     */
    public boolean isTableAtLastLevel() {
        return tableAtLastLevel;
    }

    /**
     * The entry the walk read at {@code atLevel} as it is in memory now (an entry reached twice, as
     * through a recursive slot, may have changed since the walk read it).
     *
     * @param atLevel a level the walk read, 0 to {@link #level()}
     * @return the entry's raw value now
     */
    public long current(int atLevel) {
        try (TableView view = access.open(atLevel, tables[atLevel], tableBase(atLevel))) {
            return view.read(index(atLevel));
        }
    }

    /**
     * Writes {@code raw} into the entry the walk read at {@code atLevel}.
     *
     * @param atLevel a level the walk read, 0 to {@link #level()}
     * @param raw the raw value to store
     */
    public void write(int atLevel, long raw) {
        try (TableView view = access.open(atLevel, tables[atLevel], tableBase(atLevel))) {
            view.write(index(atLevel), raw);
        }
    }

    /**
     * The table the walk read at {@code atLevel} (at most {@link #level()}; on a failed read, the
     * table it tried).
     *
     * @param atLevel a level the walk read, 0 to {@link #level()}
     * @return the table's physical address
     */
    public long table(int atLevel) {
        return tables[atLevel];
    }

    /**
     * The linear base the table at {@code atLevel} translates from.
     *
     * @param atLevel a level, 0 = top
     * @return the first linear address the table translates (0 for the top table)
     */
    public long tableBase(int atLevel) {
        return atLevel == 0 ? 0 : cursor.entryBase(atLevel - 1, linear);
    }

    /**
     * The index the walk read at {@code atLevel}.
     *
     * @param atLevel a level, 0 = top
     * @return the entry's index in that level's table, from 0
     */
    public int index(int atLevel) {
        return cursor.index(atLevel, linear);
    }

    /**
     * The raw entry the walk read at {@code atLevel}.
     *
     * @param atLevel a level the walk read, 0 to {@link #level()}
     * @return the entry's raw value as the walk read it
     */
    public long entry(int atLevel) {
        return raws[atLevel];
    }

    /**
     * For a leaf: the translated physical address of the walked address.
     *
     * @return the leaf's frame plus the walked address's offset inside the leaf
     */
    public long physicalAddress() {
        return format.leafAddress(level, raws[level]) + (linear & (cursor.span(level) - 1));
    }

    /**
     * For a leaf: its frame (the physical address of its first byte).
     *
     * @return the leaf's physical base address
     */
    public long leafAddress() {
        return format.leafAddress(level, raws[level]);
    }

    /**
     * For a leaf: whether it is global.
     *
     * @return true when the format reads the leaf as global
     */
    public boolean isGlobal() {
        return format.isGlobal(level, raws[level]);
    }

    /**
     * What the tables above the stopping entry leave (AND of their limits).
     *
     * @return the rights bits the tables allow, {@link EntryFormat#NO_RESTRICTION} when none
     *     restricts
     */
    public int tableRightsLimit() {
        int limit = EntryFormat.NO_RESTRICTION;
        for (int above = 0; above < level; above++) {
            limit &= format.tableRightsLimit(above, raws[above]);
        }
        return limit;
    }

    /**
     * For a leaf: its flags with the rights combined over every level; memoised, so usually
     * allocation-free.
     *
     * @return the leaf's effective flags
     */
    public MappingFlags effectiveFlags() {
        int limit = tableRightsLimit();
        long raw = raws[level];
        long key = raw ^ format.leafAddress(level, raw);
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 60) & (MEMO - 1);
        MappingFlags cached = memoFlags[slot];
        if (cached != null
                && memoKeys[slot] == key
                && memoLimits[slot] == limit
                && memoLevels[slot] == level) {
            return cached;
        }
        MappingFlags own = format.leafFlags(level, raw);
        MappingFlags effective =
                own.withRights(
                        MappingAccessRights.ofBits(
                                format.combineRights(own.rights().bits(), limit)));
        memoKeys[slot] = key;
        memoLimits[slot] = limit;
        memoLevels[slot] = level;
        memoFlags[slot] = effective;
        return effective;
    }

    /**
     * Why the entry where the walk stopped is malformed, in a sentence.
     *
     * @return the format's explanation, or "a table entry at the last level"
     */
    public String malformation() {
        return tableAtLastLevel
                ? "a table entry at the last level"
                : format.malformation(level, raws[level]);
    }
}
