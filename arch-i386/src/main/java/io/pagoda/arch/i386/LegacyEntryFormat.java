package io.pagoda.arch.i386;

import io.pagoda.arch.x86.PatLayout;
import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.arch.x86.X86Rights;
import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.LevelGeometry;

/**
 * i386 legacy 32-bit paging entries (CR4.PAE=0, CR4.PSE=1, CR4.PGE=1, CR0.WP=1, PAT supported),
 * bit-exact with hardware-formats.md §1. Level 0 is the page directory: a PDE links a page table,
 * or with PS=1 maps a 4 MiB page whose physical bits above 31 come from PSE-36 (PDE[M'-20:13] =
 * PA[M'-1:32]; PDE[21:M'-19] reserved). Level 1 is the page table of 4 KiB pages, whose frames lie
 * below 4 GiB.
 *
 * <p><b>Execute rights.</b> The format has no execute-disable bit: every present page is
 * executable. {@link #leafFlags} and {@link #tableRightsLimit} always report EXECUTABLE, so what a
 * walk shows is what the processor does. A leaf requested without EXECUTABLE follows the {@link
 * ExecutePolicy}: refused (variant {@code i386}) or widened to executable (variant {@code
 * i386-widen-exec}). Rights without READABLE (write-only, execute-only) are always refused, x86
 * pages being always readable.
 *
 * <p>Unused is zero (A/D noise allowed); a guard is {@code 0x200}: not present, software bit 9, no
 * address bits. Leaves are written with A and D clear (the processor sets them); table entries are
 * P|RW|US (the seed's permissive directory entries), so rights live in the leaves. Stateless after
 * construction; nothing in the per-entry functions allocates.
 */
public final class LegacyEntryFormat implements EntryFormat {
    /** A PDE's page-table address and a PTE's frame address, bits [31:12]. */
    public static final long FRAME_4K = 0xFFFF_F000L;

    /** The low part of a 4 MiB frame address, bits [31:22]. */
    public static final long FRAME_4M_LOW = 0xFFC0_0000L;

    /** Bits [21:13] of a 4 MiB PDE: PSE-36 high address bits, the rest reserved. */
    private static final long PSE_FIELD = 0x003F_E000L;

    private static final int PSE_SHIFT = 13;
    private static final long ENTRY_BITS = 0xFFFF_FFFFL;

    /** Page directory (4 MiB pages allowed) over page tables of 4-byte entries; 10/10/12. */
    public static final Geometry GEOMETRY =
            Geometry.of(
                    new LevelGeometry("PD", 22, 1024, 4, true),
                    new LevelGeometry("PT", 12, 1024, 4, true));

    private final ExecutePolicy policy;
    private final int pseAddressBits;
    private final long pseHighMask;
    private final long largeReservedMask;
    private final long largeFrameMask;

    /**
     * @param policy what to do with leaves requested without EXECUTABLE
     * @param pseAddressBits M', the physical width of 4 MiB pages: 32 (no PSE-36) to 40
     */
    public LegacyEntryFormat(ExecutePolicy policy, int pseAddressBits) {
        if (pseAddressBits < 32 || pseAddressBits > 40) {
            throw new IllegalArgumentException(
                    "PSE-36 physical width M' = " + pseAddressBits + " is outside 32..40");
        }
        this.policy = policy;
        this.pseAddressBits = pseAddressBits;
        this.pseHighMask = ((1L << (pseAddressBits - 32)) - 1) << PSE_SHIFT;
        this.largeReservedMask = PSE_FIELD & ~pseHighMask;
        this.largeFrameMask = FRAME_4M_LOW | (((1L << (pseAddressBits - 32)) - 1) << 32);
    }

    @Override
    public Geometry geometry() {
        return GEOMETRY;
    }

    /**
     * What a leaf requested without EXECUTABLE gets.
     *
     * @return the policy the format was built with
     */
    public ExecutePolicy executePolicy() {
        return policy;
    }

    /**
     * M': how many physical-address bits a 4 MiB page can reach.
     *
     * @return 32 to 40, as built
     */
    public int pseAddressBits() {
        return pseAddressBits;
    }

    /**
     * The PDE bits reserved in a 4 MiB page: bits [21:M'-19].
     *
     * @return the mask; {@code 0x3E0000} for M' = 36
     */
    public long largePageReservedMask() {
        return largeReservedMask;
    }

    @Override
    public EntryKind kind(int level, long raw) {
        if ((raw & ~ENTRY_BITS) != 0) {
            return EntryKind.INVALID;
        }
        if ((raw & X86EntryBits.P) == 0) {
            if ((raw & ~X86EntryBits.ACCESSED_DIRTY) == 0) {
                return EntryKind.UNUSED;
            }
            return (raw & X86EntryBits.GUARD) != 0 ? EntryKind.GUARD : EntryKind.INVALID;
        }
        if (level == 0) {
            if ((raw & X86EntryBits.PS) == 0) {
                return EntryKind.TABLE;
            }
            return (raw & largePageReservedMask()) != 0 ? EntryKind.RESERVED : EntryKind.LEAF;
        }
        return EntryKind.LEAF;
    }

    @Override
    public long tableAddress(int level, long raw) {
        return raw & FRAME_4K;
    }

    @Override
    public long leafAddress(int level, long raw) {
        if (level == 0) {
            return (raw & FRAME_4M_LOW) | ((raw & pseHighMask) << (32 - PSE_SHIFT));
        }
        return raw & FRAME_4K;
    }

    /** The walker sets A in every entry it uses. */
    @Override
    public long withAccessed(int level, long raw) {
        return raw | X86EntryBits.A;
    }

    /** A write sets D in the leaf (a PTE, or a 4 MiB PDE); a PDE pointing to a table has no D. */
    @Override
    public long withDirty(int level, long raw) {
        return kind(level, raw) == EntryKind.LEAF ? raw | X86EntryBits.D : raw;
    }

    /**
     * 4 KiB pages stop at 4 GiB; 4 MiB pages reach 2^M' through PSE-36 (checked before any write).
     */
    @Override
    public long leafAddressLimit(int level) {
        return level == 0 ? 1L << pseAddressBits() : 1L << 32;
    }

    /** A PDE holds a page table's address in bits 31:12 only. */
    @Override
    public long tableAddressLimit(int level) {
        return 1L << 32;
    }

    @Override
    public long tableEntry(int level, long tablePhysicalAddress) {
        if (level != 0) {
            throw new IllegalArgumentException(
                    "level "
                            + level
                            + " ("
                            + levelName(level)
                            + ") of i386 32-bit paging cannot link a table: only the page directory (level 0) does");
        }
        if ((tablePhysicalAddress & ~FRAME_4K) != 0) {
            throw new PhysicalAddressException(
                    "cannot link page table "
                            + Hex.of(tablePhysicalAddress)
                            + " from a PDE: "
                            + "32-bit paging needs page tables 4 KiB aligned below 4 GiB; give the allocator frames below 0x1_0000_0000");
        }
        return tablePhysicalAddress | X86EntryBits.P | X86EntryBits.RW | X86EntryBits.US;
    }

    /**
     * P|RW without U/S: user accesses through it fault. 32-bit paging has no execute-disable bit to
     * set.
     */
    @Override
    public long kernelTableEntry(int level, long tablePhysicalAddress) {
        return tableEntry(level, tablePhysicalAddress) & ~X86EntryBits.US;
    }

    @Override
    public long leafTemplate(int level, MappingFlags flags) {
        long bits = X86Rights.encode(flags.rights(), level, levelName(level), false);
        policy.checkExpressible(flags.rights(), level, levelName(level));
        if (level == 0) {
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
        if (level == 0) {
            if ((physicalAddress & ~largeFrameMask) != 0) {
                throw new PhysicalAddressException(
                        "cannot map a 4 MiB page at "
                                + Hex.of(physicalAddress)
                                + ": it must be 4 MiB aligned and below "
                                + Hex.of(leafAddressLimit(0))
                                + " (PSE-36 with M' = "
                                + pseAddressBits
                                + "); choose an aligned frame in range");
            }
            return template
                    | (physicalAddress & FRAME_4M_LOW)
                    | ((physicalAddress >>> (32 - PSE_SHIFT)) & pseHighMask);
        }
        if ((physicalAddress & ~FRAME_4K) != 0) {
            throw new PhysicalAddressException(
                    "cannot map a 4 KiB page at "
                            + Hex.of(physicalAddress)
                            + ": 32-bit paging PTEs hold "
                            + "4 KiB-aligned frames below 4 GiB; use a 4 MiB page (PSE-36) or i386-pae for memory above 4 GiB");
        }
        return template | physicalAddress;
    }

    /**
     * The flags a leaf written with {@code requested} reads back with: EXECUTABLE added (every
     * present page executes). Throws like {@link #leafTemplate} for what cannot be expressed.
     */
    @Override
    public MappingFlags effectiveFlags(int level, MappingFlags requested) {
        leafTemplate(level, requested);
        return new MappingFlags(
                requested.rights().with(MappingAccessRights.EXECUTABLE),
                requested.memoryType(),
                requested.global());
    }

    @Override
    public long guardEntry(int level) {
        return X86EntryBits.GUARD;
    }

    @Override
    public MappingFlags leafFlags(int level, long raw) {
        long patBit = level == 0 ? X86EntryBits.PAT_LARGE : X86EntryBits.PAT_4K;
        return new MappingFlags(
                MappingAccessRights.ofBits(X86Rights.decode(raw, false)),
                PatLayout.POWER_ON.memoryTypeIn(raw, patBit),
                isGlobal(level, raw));
    }

    @Override
    public int tableRightsLimit(int level, long raw) {
        // R/W and U/S of a PDE are AND-ed with the PTE's; there is nothing to restrict execution
        return X86Rights.decode(raw, false);
    }

    @Override
    public boolean isGlobal(int level, long raw) {
        // bit 8 of a PDE that links a page table is ignored by the processor
        return (raw & X86EntryBits.P) != 0
                && (raw & X86EntryBits.G) != 0
                && (level != 0 || (raw & X86EntryBits.PS) != 0);
    }

    @Override
    public String malformation(int level, long raw) {
        if ((raw & ~ENTRY_BITS) != 0) {
            return "a 4-byte "
                    + levelName(level)
                    + " cannot have bits above 31 ("
                    + Hex.of(raw & ~ENTRY_BITS)
                    + " set)";
        }
        if ((raw & X86EntryBits.P) == 0) {
            return "not-present "
                    + levelName(level)
                    + " "
                    + Hex.of(raw)
                    + " carries bits other than A/D and no guard marker (bit 9):"
                    + " software outside Pagoda wrote it; Pagoda will not overwrite it";
        }
        long reserved = raw & largeReservedMask;
        if (level == 0 && (raw & X86EntryBits.PS) != 0 && reserved != 0) {
            return "4 MiB PDE has reserved bits "
                    + Hex.of(reserved)
                    + " set: with PSE-36 and M' = "
                    + pseAddressBits
                    + " bits [21:"
                    + (pseAddressBits - 19)
                    + "] (mask "
                    + Hex.of(largeReservedMask)
                    + ") must be 0";
        }
        return levelName(level) + " " + Hex.of(raw) + " is well formed";
    }

    @Override
    public String describe(int level, long raw) {
        EntryKind kind = kind(level, raw);
        long address =
                kind == EntryKind.TABLE
                        ? tableAddress(level, raw)
                        : kind == EntryKind.LEAF ? leafAddress(level, raw) : -1;
        long patBit = level == 0 ? X86EntryBits.PAT_LARGE : X86EntryBits.PAT_4K;
        int pat = kind == EntryKind.LEAF ? PatLayout.indexIn(raw, patBit) : -1;
        return EntryText.describe(
                levelName(level),
                kind,
                raw,
                level == 0 ? "PS" : "PAT",
                address,
                level == 0 ? 1L << 22 : 1L << 12,
                pat);
    }

    /** PDE or PTE: the entry of the level's table (the geometry names the tables). */
    private static String levelName(int level) {
        return level >= 0 && level < GEOMETRY.levelCount()
                ? GEOMETRY.level(level).name() + "E"
                : "level " + level;
    }

    @Override
    public String toString() {
        return "i386 32-bit entries (PSE-36, M' = "
                + pseAddressBits
                + ", "
                + policy.variantName()
                + ")";
    }
}
