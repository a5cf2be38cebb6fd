package io.pagoda.arch.x86_64;

import static io.pagoda.arch.x86.X86EntryBits.A;
import static io.pagoda.arch.x86.X86EntryBits.ACCESSED_DIRTY;
import static io.pagoda.arch.x86.X86EntryBits.D;
import static io.pagoda.arch.x86.X86EntryBits.G;
import static io.pagoda.arch.x86.X86EntryBits.GUARD;
import static io.pagoda.arch.x86.X86EntryBits.P;
import static io.pagoda.arch.x86.X86EntryBits.PAT_4K;
import static io.pagoda.arch.x86.X86EntryBits.PAT_LARGE;
import static io.pagoda.arch.x86.X86EntryBits.PS;
import static io.pagoda.arch.x86.X86EntryBits.RW;
import static io.pagoda.arch.x86.X86EntryBits.US;
import static io.pagoda.arch.x86.X86EntryBits.XD;
import static io.pagoda.arch.x86_64.EntryBits.LOW_RESERVED_1G;
import static io.pagoda.arch.x86_64.EntryBits.LOW_RESERVED_2M;

import io.pagoda.arch.x86.PatLayout;
import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.arch.x86.X86Rights;
import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.LevelGeometry;
import java.util.ArrayList;
import java.util.List;

/**
 * IA-32e paging entries (4-level and 5-level; a PML5E has exactly the PML4E format). Levels count
 * from the top of the hierarchy, so the last three levels are always PDPT, PD and PT and anything
 * above them is a PML4 or PML5.
 *
 * <p>Assumptions, because the tables alone do not say: EFER.NXE = 1 (bit 63 is XD, never reserved),
 * 1 GiB pages are supported, and MAXPHYADDR is the width the format is built with (52 by default).
 * Entries are written like Linux writes them: leaves with A set (and D when writable, never on a
 * read-only leaf, which with CET would be a shadow-stack page), table entries permissive (P|RW|US,
 * no A) so the leaves carry the real rights.
 */
public final class X86_64EntryFormat implements EntryFormat {
    private final int levelCount;
    private final int pdptLevel;
    private final int pdLevel;
    private final int ptLevel;
    private final int physicalBits;
    private final long addressMask;
    private final long frame2M;
    private final long frame1G;
    private final long aboveMaxPhysical;
    private final PatLayout pat;
    private final Geometry geometry;
    private final String[] entryNames;

    // per level, decided once from the geometry so that decoding an entry reads one array element
    // instead of the geometry's level record: PS where it is reserved (no leaf may be there), the
    // low bits a large leaf must keep clear, and whether PS makes the entry a leaf
    private final long[] reservedPs;
    private final long[] reservedBelowLargeFrame;
    private final boolean[] psMakesLeaf;

    /**
     * @param levelCount 4 (PML4 on top) or 5 (PML5 on top)
     * @param physicalBits MAXPHYADDR, 36..52
     * @param patMsr the IA32_PAT contents that give PAT indices their memory types ({@link
     *     X86_64Architecture#withPatMsr})
     */
    public X86_64EntryFormat(int levelCount, int physicalBits, long patMsr) {
        this(levelCount, physicalBits, new PatLayout(patMsr));
    }

    X86_64EntryFormat(int levelCount, int physicalBits, PatLayout pat) {
        if (levelCount != 4 && levelCount != 5) {
            throw new IllegalArgumentException(
                    "x86-64 paging has 4 or 5 levels, not " + levelCount);
        }
        if (physicalBits < 36 || physicalBits > 52) {
            throw new IllegalArgumentException("MAXPHYADDR " + physicalBits + " is outside 36..52");
        }
        this.levelCount = levelCount;
        this.pdptLevel = levelCount - 3;
        this.pdLevel = levelCount - 2;
        this.ptLevel = levelCount - 1;
        this.physicalBits = physicalBits;
        this.addressMask = EntryBits.addressMask(physicalBits);
        this.frame2M = addressMask & ~0x1FFFFFL;
        this.frame1G = addressMask & ~0x3FFFFFFFL;
        this.aboveMaxPhysical = EntryBits.aboveMaxPhysicalMask(physicalBits);
        this.pat = pat;
        this.geometry = levels(levelCount);
        this.entryNames = new String[levelCount];
        this.reservedPs = new long[levelCount];
        this.reservedBelowLargeFrame = new long[levelCount];
        this.psMakesLeaf = new boolean[levelCount];
        for (int level = 0; level < levelCount; level++) {
            entryNames[level] = geometry.level(level).name() + "E"; // a PML4 table holds PML4Es
            boolean leafAllowed = geometry.level(level).leafAllowed();
            reservedPs[level] = leafAllowed ? 0 : PS;
            // in a PTE bit 7 is PAT, not PS: nothing below its frame is reserved
            psMakesLeaf[level] = leafAllowed && level != ptLevel;
            if (level == pdptLevel) {
                reservedBelowLargeFrame[level] = LOW_RESERVED_1G;
            } else if (level == pdLevel) {
                reservedBelowLargeFrame[level] = LOW_RESERVED_2M;
            }
        }
    }

    /**
     * PML5 (LA57 only), PML4, PDPT (1 GiB leaves), PD (2 MiB leaves), PT (4 KiB pages): 512 x 8
     * bytes each, 9 index bits per level above the 12-bit offset. The one statement of the x86-64
     * levels: the root, the canonical width (48 or 57 bits) and the address layouts derive from it.
     *
     * @param levelCount 5 for LA57 (PML5 on top); any other value gives the four levels
     * @return the geometry, level 0 at the top
     */
    public static Geometry levels(int levelCount) {
        List<LevelGeometry> levels = new ArrayList<>();
        if (levelCount == 5) {
            levels.add(new LevelGeometry("PML5", 48, 512, 8, false));
        }
        levels.add(new LevelGeometry("PML4", 39, 512, 8, false));
        levels.add(new LevelGeometry("PDPT", 30, 512, 8, true));
        levels.add(new LevelGeometry("PD", 21, 512, 8, true));
        levels.add(new LevelGeometry("PT", 12, 512, 8, true));
        return new Geometry(levels);
    }

    @Override
    public Geometry geometry() {
        return geometry;
    }

    /**
     * MAXPHYADDR, the physical address width the format was built for.
     *
     * @return 36 to 52
     */
    public int physicalBits() {
        return physicalBits;
    }

    PatLayout patLayout() {
        return pat;
    }

    /**
     * The entry's name at {@code level}: its table's name and E.
     *
     * @param level the level, 0 at the top
     * @return PML5E, PML4E, PDPTE, PDE or PTE
     * @throws ArrayIndexOutOfBoundsException when {@code level} is outside the format's levels
     */
    public String entryName(int level) {
        return entryNames[level];
    }

    // ------------------------------------------------------------------ decoding

    @Override
    public EntryKind kind(int level, long raw) {
        if ((raw & P) == 0) {
            long content =
                    raw & ~ACCESSED_DIRTY; // Knights Landing may set A/D in a not-present entry
            if (content == 0) {
                return EntryKind.UNUSED;
            }
            return content == GUARD ? EntryKind.GUARD : EntryKind.INVALID;
        }
        if (reservedBits(level, raw) != 0) {
            return EntryKind.RESERVED;
        }
        return isLeaf(level, raw) ? EntryKind.LEAF : EntryKind.TABLE;
    }

    /**
     * The reserved bits a present entry at {@code level} has set; hardware-formats.md §3: bits
     * [51:M], PS in a PML4E or PML5E, and the bits below the frame of a 1 GiB or 2 MiB leaf.
     *
     * @param level the level, 0 at the top
     * @param raw the raw entry (P is not checked)
     * @return those of the entry's bits that are reserved, 0 when none
     */
    public long reservedBits(int level, long raw) {
        long reserved = (raw & aboveMaxPhysical) | (raw & reservedPs[level]);
        if ((raw & PS) != 0 && psMakesLeaf[level]) {
            reserved |= raw & reservedBelowLargeFrame[level];
        }
        return reserved;
    }

    private boolean isLeaf(int level, long raw) {
        return level == ptLevel || (psMakesLeaf[level] && (raw & PS) != 0);
    }

    @Override
    public long tableAddress(int level, long raw) {
        return raw & addressMask;
    }

    @Override
    public long leafAddress(int level, long raw) {
        return raw & frameMask(level);
    }

    /** The address field of a leaf at {@code level}: [M-1:12], [M-1:21] or [M-1:30]. */
    private long frameMask(int level) {
        if (level == ptLevel) {
            return addressMask;
        }
        return level == pdLevel ? frame2M : frame1G;
    }

    @Override
    public MappingFlags leafFlags(int level, long raw) {
        return new MappingFlags(
                MappingAccessRights.ofBits(X86Rights.decode(raw, true)),
                pat.memoryTypeOf(patIndex(level, raw)),
                (raw & G) != 0);
    }

    /**
     * The PAT index a leaf selects: PAT (bit 7 in a PTE, bit 12 above), PCD, PWT.
     *
     * @param level the leaf's level
     * @param raw the raw leaf
     * @return the index, 0..7
     */
    public int patIndex(int level, long raw) {
        return PatLayout.indexIn(raw, level == ptLevel ? PAT_4K : PAT_LARGE);
    }

    @Override
    public int tableRightsLimit(int level, long raw) {
        return X86Rights.decode(raw, true); // R/W and U/S AND-ed, XD OR-ed down the walk
    }

    @Override
    public boolean isGlobal(int level, long raw) {
        // bit 8 is ignored in table entries; only a leaf's G means anything
        return (raw & P) != 0 && isLeaf(level, raw) && (raw & G) != 0;
    }

    /** The walker sets A in every entry it uses (table entries too). */
    @Override
    public long withAccessed(int level, long raw) {
        return raw | X86EntryBits.A;
    }

    /** A write sets D in the leaf; table entries have no D. */
    @Override
    public long withDirty(int level, long raw) {
        return isLeaf(level, raw) ? raw | X86EntryBits.D : raw;
    }

    /** Protection keys live outside MappingFlags; a protect or a block split must not lose them. */
    @Override
    public long retainedBits(int level, long raw) {
        return raw & EntryBits.PK_MASK;
    }

    // ------------------------------------------------------------------ encoding

    @Override
    public long tableEntry(int level, long tablePhysicalAddress) {
        return (tablePhysicalAddress & addressMask) | P | RW | US;
    }

    /**
     * P|RW|XD without U/S: user accesses and instruction fetches through it fault (SDM 4.6, rights
     * AND-ed down the walk).
     */
    @Override
    public long kernelTableEntry(int level, long tablePhysicalAddress) {
        return (tablePhysicalAddress & addressMask) | P | RW | XD;
    }

    @Override
    public long leafTemplate(int level, MappingFlags flags) {
        if (!geometry.level(level).leafAllowed()) {
            throw new RightsNotExpressibleException(
                    "a "
                            + entryNames[level]
                            + " (level "
                            + level
                            + ") cannot map memory: its PS bit is reserved; map at the PDPT (1 GiB), PD (2 MiB) or PT (4 KiB) level");
        }
        long template = X86Rights.encode(flags.rights(), level, entryNames[level], true) | A;
        if (flags.rights().isWritable()) {
            template |= D; // never on a read-only leaf: with CET that would be a shadow-stack page
        }
        if (flags.global()) {
            template |= G;
        }
        template |= pat.bitsOf(flags.memoryType(), level == ptLevel ? PAT_4K : PAT_LARGE);
        if (level != ptLevel) {
            template |= PS;
        }
        return template;
    }

    @Override
    public long leafEntry(int level, long template, long physicalAddress) {
        // only the frame field: low address bits of a large leaf would land on PAT (bit 12) or
        // reserved bits
        return template | (physicalAddress & frameMask(level));
    }

    @Override
    public long guardEntry(int level) {
        return GUARD;
    }

    // ------------------------------------------------------------------ messages

    @Override
    public String malformation(int level, long raw) {
        String entry = entryNames[level];
        if ((raw & P) == 0) {
            return "not-present "
                    + entry
                    + " "
                    + Hex.of(raw)
                    + " carries bits "
                    + bitList(raw & ~ACCESSED_DIRTY)
                    + " that are neither the guard marker (bit 9 alone) nor A/D; clear it or write a guard";
        }
        long reserved = reservedBits(level, raw);
        if (reserved == 0) {
            return entry + " " + Hex.of(raw) + " is well formed";
        }
        StringBuilder why =
                new StringBuilder("reserved bit")
                        .append(Long.bitCount(reserved) > 1 ? "s " : " ")
                        .append(bitList(reserved))
                        .append(" set in a present ")
                        .append(entry)
                        .append(" (level ")
                        .append(level)
                        .append("): ");
        if (!geometry.level(level).leafAllowed()) {
            why.append(
                    "PS (bit 7) is reserved at this level, which cannot map a page; clear PS and point it at the next table");
        } else if ((reserved & (LOW_RESERVED_1G | LOW_RESERVED_2M)) != 0) {
            why.append("a ")
                    .append(
                            level == pdptLevel
                                    ? "1 GiB leaf's frame must be 1 GiB aligned (bits 29:13 zero)"
                                    : "2 MiB leaf's frame must be 2 MiB aligned (bits 20:13 zero)");
        } else {
            why.append("bits ")
                    .append(51)
                    .append(':')
                    .append(physicalBits)
                    .append(" lie above MAXPHYADDR ")
                    .append(physicalBits);
        }
        return why.toString();
    }

    private static String bitList(long bits) {
        StringBuilder out = new StringBuilder();
        for (long rest = bits; rest != 0; rest &= rest - 1) {
            out.append(out.length() == 0 ? "" : ", ").append(Long.numberOfTrailingZeros(rest));
        }
        return out.length() == 0 ? "none" : out.toString();
    }

    @Override
    public String describe(int level, long raw) {
        return EntryDescription.of(this, level, raw);
    }

    @Override
    public String toString() {
        return "x86-64 " + levelCount + "-level entries, MAXPHYADDR " + physicalBits + ", " + pat;
    }
}
