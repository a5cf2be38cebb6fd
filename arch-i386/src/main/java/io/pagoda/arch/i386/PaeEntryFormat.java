package io.pagoda.arch.i386;

import io.pagoda.arch.x86.PatLayout;
import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.arch.x86.X86Rights;
import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.LevelGeometry;

/**
 * i386 PAE entries (CR4.PAE=1, EFER.LME=0, EFER.NXE=1, CR4.PGE=1, CR0.WP=1), bit-exact with
 * hardware-formats.md §2 for MAXPHYADDR 52. Level 0 is the 4-entry PDPT, level 1 the page directory
 * (tables or 2 MiB pages), level 2 the page table of 4 KiB pages; entries are 8 bytes.
 *
 * <p>Unlike 64-bit paging, bits 62:52 are reserved here, not ignored, and a PDPTE has no rights at
 * all: its bits 1, 2, 5..8 and 63 are reserved (mask {@link #PDPTE_RESERVED}). So a PDPTE linking a
 * directory is just P and the address, and it limits no rights. The processor checks PDPTEs when
 * CR3 is loaded (#GP), which {@link PaeCr3Root#rootLoadFault} models; {@link #kind} still reports
 * such a PDPTE as {@link EntryKind#RESERVED} so the algorithms never build on one.
 *
 * <p>Rights: R/W and U/S are AND-ed and XD OR-ed over PDE and leaf ({@link #tableRightsLimit});
 * every right combination with READABLE is expressible. Leaves are written with A and D clear;
 * directory entries are P|RW|US. Unused is zero (A/D noise allowed); a guard is {@code 0x200}.
 * Stateless; the per-entry functions allocate nothing.
 */
public final class PaeEntryFormat implements EntryFormat {
    /** Table and 4 KiB frame address, bits [51:12]. */
    public static final long ADDRESS = 0x000F_FFFF_FFFF_F000L;

    /** 2 MiB frame address, bits [51:21]. */
    public static final long FRAME_2M = 0x000F_FFFF_FFE0_0000L;

    /** Bits 62:52: reserved in every PAE entry (ignored only in 64-bit paging). */
    public static final long HIGH_RESERVED = 0x7FF0_0000_0000_0000L;

    /** Reserved bits of a present PDPTE: 63:52, 8:5, 2:1 (M = 52). */
    public static final long PDPTE_RESERVED = 0xFFF0_0000_0000_01E6L;

    /** Bits 20:13 of a 2 MiB PDE, reserved (bit 12 is PAT). */
    public static final long LARGE_RESERVED = 0x0000_0000_001F_E000L;

    /**
     * The PDPTE reserved bits only the CR3 load checks: 8:5 and 2:1. Bits 63:52 are checked at the
     * load too, but QEMU's walker, the one that reads PDPTEs from memory (and the only way to read
     * a dump), checks them on every walk as well (its reserved mask plus NX), so a dump is judged
     * on them per walk.
     */
    public static final long PDPTE_LOAD_CHECKED = 0x0000_0000_0000_01E6L;

    /** PDPT (4 entries) over PD (2 MiB pages allowed) over PT, 8-byte entries; 2/9/9/12. */
    public static final Geometry GEOMETRY =
            Geometry.of(
                    new LevelGeometry("PDPT", 30, 4, 8, false),
                    new LevelGeometry("PD", 21, 512, 8, true),
                    new LevelGeometry("PT", 12, 512, 8, true));

    @Override
    public EntryKind kind(int level, long raw) {
        if ((raw & X86EntryBits.P) == 0) {
            if ((raw & ~X86EntryBits.ACCESSED_DIRTY) == 0) {
                return EntryKind.UNUSED;
            }
            return (raw & X86EntryBits.GUARD) != 0 ? EntryKind.GUARD : EntryKind.INVALID;
        }
        // one statement of the reserved bits, shared with malformation()
        if ((raw & reservedMask(level, raw)) != 0) {
            return EntryKind.RESERVED;
        }
        return level == 0 || (level == 1 && (raw & X86EntryBits.PS) == 0)
                ? EntryKind.TABLE
                : EntryKind.LEAF;
    }

    /**
     * A present PDPTE's bits 8:5 and 2:1: the CPU checks them when MOV CR3 loads the PDPTEs into
     * registers and never reads the PDPT again until the next load, so a dump may show them set
     * afterwards (QEMU 7.2's walker sets Accessed, bit 5). Pagoda itself never writes them.
     */
    @Override
    public long loadCheckedBits(int level, long raw) {
        return level == 0 && (raw & X86EntryBits.P) != 0 ? raw & PDPTE_LOAD_CHECKED : 0;
    }

    @Override
    public long tableAddress(int level, long raw) {
        return raw & ADDRESS;
    }

    @Override
    public long leafAddress(int level, long raw) {
        return raw & (level == 1 ? FRAME_2M : ADDRESS);
    }

    /**
     * The walker sets A in PDEs and PTEs; in a PDPTE bit 5 is reserved (the PDPTEs are registers,
     * not walked).
     */
    @Override
    public long withAccessed(int level, long raw) {
        return level == 0 ? raw : raw | X86EntryBits.A;
    }

    /** A write sets D in the leaf (a PTE, or a 2 MiB PDE). */
    @Override
    public long withDirty(int level, long raw) {
        return kind(level, raw) == EntryKind.LEAF ? raw | X86EntryBits.D : raw;
    }

    @Override
    public long tableEntry(int level, long tablePhysicalAddress) {
        if (level > 1) {
            throw new IllegalArgumentException(
                    "level "
                            + level
                            + " ("
                            + levelName(level)
                            + ") of PAE paging cannot link a table: only the PDPT and the page directory do");
        }
        if ((tablePhysicalAddress & ~ADDRESS) != 0) {
            throw new PhysicalAddressException(
                    "cannot link table "
                            + Hex.of(tablePhysicalAddress)
                            + " from a "
                            + levelName(level)
                            + ": PAE tables are 4 KiB aligned below 2^52; give the allocator aligned frames in range");
        }
        // a PDPTE's bits 1, 2 and 5..8 are reserved: R/W, U/S or A there would make MOV CR3 raise
        // #GP
        return level == 0
                ? tablePhysicalAddress | X86EntryBits.P
                : tablePhysicalAddress | X86EntryBits.P | X86EntryBits.RW | X86EntryBits.US;
    }

    @Override
    public long leafTemplate(int level, MappingFlags flags) {
        if (level == 0) {
            throw new RightsNotExpressibleException(
                    "a PAE PDPTE (level 0) cannot map memory, whatever the rights "
                            + flags.rights()
                            + ": map 2 MiB pages at level 1 (PDE) or 4 KiB pages at level 2 (PTE)");
        }
        long bits = X86Rights.encode(flags.rights(), level, levelName(level), true);
        if (level == 1) {
            bits |=
                    X86EntryBits.PS
                            | PatLayout.POWER_ON.bitsOf(flags.memoryType(), X86EntryBits.PAT_LARGE);
        } else {
            bits |= PatLayout.POWER_ON.bitsOf(flags.memoryType(), X86EntryBits.PAT_4K);
        }
        if (flags.global()) {
            bits |= X86EntryBits.G;
        }
        return bits;
    }

    @Override
    public long leafEntry(int level, long template, long physicalAddress) {
        long frame = level == 1 ? FRAME_2M : ADDRESS;
        if ((physicalAddress & ~frame) != 0) {
            throw new PhysicalAddressException(
                    "cannot map a "
                            + Hex.size(GEOMETRY.span(level))
                            + " page at "
                            + Hex.of(physicalAddress)
                            + ": PAE "
                            + levelName(level)
                            + "s need a frame aligned to its size below 2^52; choose an aligned frame in range");
        }
        return template | physicalAddress;
    }

    @Override
    public long guardEntry(int level) {
        return X86EntryBits.GUARD;
    }

    @Override
    public MappingFlags leafFlags(int level, long raw) {
        long patBit = level == 1 ? X86EntryBits.PAT_LARGE : X86EntryBits.PAT_4K;
        return new MappingFlags(
                MappingAccessRights.ofBits(X86Rights.decode(raw, true)),
                PatLayout.POWER_ON.memoryTypeIn(raw, patBit),
                isGlobal(level, raw));
    }

    @Override
    public int tableRightsLimit(int level, long raw) {
        if (level == 0) {
            // a PDPTE has no R/W, U/S or XD bit: it restricts nothing
            return MappingAccessRights.ALL_BITS;
        }
        return X86Rights.decode(raw, true);
    }

    @Override
    public boolean isGlobal(int level, long raw) {
        if ((raw & (X86EntryBits.P | X86EntryBits.G)) != (X86EntryBits.P | X86EntryBits.G)) {
            return false;
        }
        // bit 8 of a PDE that links a page table is ignored
        return level == 2 || (level == 1 && (raw & X86EntryBits.PS) != 0);
    }

    @Override
    public String malformation(int level, long raw) {
        if ((raw & X86EntryBits.P) == 0) {
            return "not-present "
                    + levelName(level)
                    + " "
                    + Hex.of(raw)
                    + " carries bits other than A/D and no guard marker (bit 9):"
                    + " software outside Pagoda wrote it; Pagoda will not overwrite it";
        }
        long reserved = raw & reservedMask(level, raw);
        if (reserved == 0) {
            return levelName(level) + " " + Hex.of(raw) + " is well formed";
        }
        String which =
                level == 0
                        ? "bits 63:52, 8:5 and 2:1 (mask " + Hex.of(PDPTE_RESERVED) + ")"
                        : (level == 1 && (raw & X86EntryBits.PS) != 0)
                                ? "bits 62:52 and 20:13 of a 2 MiB PDE"
                                : "bits 62:52 (reserved in PAE, not ignored)";
        return levelName(level)
                + " has reserved bits "
                + Hex.of(reserved)
                + " set: "
                + which
                + " must be 0";
    }

    /** The bits that must be 0 in a present entry at {@code level}. */
    static long reservedMask(int level, long raw) {
        if (level == 0) {
            return PDPTE_RESERVED;
        }
        if (level == 1 && (raw & X86EntryBits.PS) != 0) {
            return HIGH_RESERVED | LARGE_RESERVED;
        }
        return HIGH_RESERVED;
    }

    @Override
    public String describe(int level, long raw) {
        EntryKind kind = kind(level, raw);
        long address =
                kind == EntryKind.TABLE
                        ? tableAddress(level, raw)
                        : kind == EntryKind.LEAF ? leafAddress(level, raw) : -1;
        long patBit = level == 1 ? X86EntryBits.PAT_LARGE : X86EntryBits.PAT_4K;
        int pat = kind == EntryKind.LEAF ? PatLayout.indexIn(raw, patBit) : -1;
        return EntryText.describe(
                levelName(level),
                kind,
                raw,
                level == 2 ? "PAT" : "PS",
                address,
                level == 1 ? 1L << 21 : 1L << 12,
                pat);
    }

    /** PDPTE, PDE or PTE: the entry of the level's table (the geometry names the tables). */
    static String levelName(int level) {
        return level >= 0 && level < GEOMETRY.levelCount()
                ? GEOMETRY.level(level).name() + "E"
                : "level " + level;
    }

    @Override
    public Geometry geometry() {
        return GEOMETRY;
    }

    @Override
    public String toString() {
        return "i386 PAE entries (M = 52, NX)";
    }
}
