package io.pagoda.arch.aarch64;

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
import java.util.Locale;

/**
 * VMSAv8-64 stage-1 descriptors of one half (granule, start level, PA size), reference §4. Level
 * numbers are the geometry's (0 = the start level); the hardware level is {@code startLevel +
 * level}.
 *
 * <ul>
 *   <li>bit 0 clear: all zero is unused, exactly {@link Descriptor#GUARD} is a guard, anything else
 *       is an invalid descriptor the walker faults on (Linux swap entries and the like: never
 *       overwritten silently);
 *   <li>{@code 11} at L0-L2 is a table, at L3 a page; {@code 01} is a block where the granule
 *       allows one and invalid everywhere else (a translation fault, as the hardware gives);
 *   <li>a valid descriptor whose output address has bits at or above the PA size is {@link
 *       EntryKind#RESERVED}: the hardware raises an address size fault (ARM pseudocode; QEMU's
 *       {@code get_phys_addr_lpae} tests {@code (desc & OA mask) >> outputsize}), reported through
 *       the reserved-bit fault since the model has no address-size fault. Other RES0 bits (block
 *       bits [n-1:17], [15:12] without FEAT_LPA, [49:48]) are ignored, as the reference says: QEMU
 *       masks them off without faulting.
 * </ul>
 *
 * Leaves are written with AF set (TCR.HA is off), SH = inner shareable, NS = 0, nG for non-global,
 * and the AttrIndx of {@link MairLayout}; rights as {@link AccessPermissions} describes. Table
 * descriptors are written permissive (no APTable/XNTable bits): the real rights live in the leaves,
 * as in the seed.
 */
public final class DescriptorFormat implements EntryFormat {
    /** The output-address field of 4K/16K with DS=1: desc[49:0] (OA[51:50] come from desc[9:8]). */
    private static final long OUTPUT_ADDRESS_50 = 0x0003FFFFFFFFFFFFL;

    private static final int LPA2_HIGH_SHIFT = 8;

    private final Granule granule;
    private final int startLevel;
    private final int physicalAddressBits;
    private final boolean largePhysicalAddress;
    private final boolean lpa2;
    private final boolean hierarchicalPermissionsDisabled;
    private final boolean walksDisabled;
    private final MairLayout mair;
    private final long tableMask;
    private final long[] leafMask;
    private final Geometry geometry;

    /**
     * A half of a 48-bit-OA setup, or of 64K FEAT_LPA ({@code largePhysicalAddress}), with the
     * default MAIR.
     *
     * @param half the half whose descriptors this formats
     * @param physicalAddressBits the PA size (TCR_EL1.IPS), 32..48 or 52
     * @param largePhysicalAddress whether a 64K half has FEAT_LPA 52-bit output addresses
     * @throws IllegalArgumentException when the combination is not one TCR_EL1 can configure
     */
    public DescriptorFormat(
            TranslationHalf half, int physicalAddressBits, boolean largePhysicalAddress) {
        this(half, new TranslationSetup(half, half, physicalAddressBits, largePhysicalAddress));
    }

    /**
     * {@code half} as {@code setup} configures it (its output-address format, MAIR, HPD and EPD).
     *
     * @param half one of {@code setup}'s halves
     * @param setup the TCR_EL1 and MAIR_EL1 configuration
     */
    public DescriptorFormat(TranslationHalf half, TranslationSetup setup) {
        this.granule = half.granule();
        this.startLevel = half.startLevel();
        this.physicalAddressBits = setup.physicalAddressBits();
        boolean wide = setup.wideOutput(half);
        this.largePhysicalAddress = wide && granule == Granule.SIXTY_FOUR_KIB;
        this.lpa2 = wide && granule != Granule.SIXTY_FOUR_KIB;
        this.hierarchicalPermissionsDisabled = half.hierarchicalPermissionsDisabled();
        this.walksDisabled = half.walksDisabled();
        this.mair = setup.mair();
        long field = lpa2 ? OUTPUT_ADDRESS_50 : Descriptor.OUTPUT_ADDRESS_48;
        int levels = 4 - startLevel;
        this.tableMask = field & -granule.pageSize();
        this.leafMask = new long[levels];
        for (int level = 0; level < levels; level++) {
            int hardware = startLevel + level;
            leafMask[level] = field & -(1L << granule.shift(hardware));
        }
        this.geometry = levels(half, wide);
    }

    /**
     * The levels from the half's start level to L3, named L-1..L3 as the hardware names them: the
     * one statement of the half's shape. {@code wideOutput}: 52-bit output-address descriptors
     * (FEAT_LPA for 64K, DS=1 / FEAT_LPA2 for 4K and 16K), which allow a block one level higher
     * (64K L1, 4K L0, 16K L1).
     */
    static Geometry levels(TranslationHalf half, boolean wideOutput) {
        Granule granule = half.granule();
        List<LevelGeometry> levels = new ArrayList<>();
        int start = half.startLevel();
        for (int n = start; n <= 3; n++) {
            int entries = n == start ? half.firstTableEntries() : 1 << granule.stride();
            boolean leaf = n == 3 || granule.blockAllowed(n, wideOutput);
            levels.add(new LevelGeometry("L" + n, granule.shift(n), entries, 8, leaf));
        }
        return new Geometry(levels);
    }

    @Override
    public Geometry geometry() {
        return geometry;
    }

    /**
     * The translation granule of the half.
     *
     * @return the granule
     */
    public Granule granule() {
        return granule;
    }

    // ------------------------------------------------------------------ decoding

    @Override
    public EntryKind kind(int level, long raw) {
        if (walksDisabled) {
            return EntryKind
                    .INVALID; // TCR_EL1.EPDn: no walk, a translation fault at the first level
        }
        if ((raw & Descriptor.VALID) == 0) {
            return raw == 0
                    ? EntryKind.UNUSED
                    : raw == Descriptor.GUARD ? EntryKind.GUARD : EntryKind.INVALID;
        }
        boolean last = startLevel + level == 3;
        EntryKind kind;
        if ((raw & Descriptor.TABLE_OR_PAGE) != 0) {
            kind = last ? EntryKind.LEAF : EntryKind.TABLE;
        } else if (last || !geometry.level(level).leafAllowed()) {
            return EntryKind.INVALID;
        } else {
            kind = EntryKind.LEAF;
        }
        return outOfRange(raw) != 0 ? EntryKind.RESERVED : kind;
    }

    /**
     * The output-address bits at or above the PA size (an address size fault): desc[47:12] (or
     * [49:12] with DS=1) plus the high bits the 52-bit formats place elsewhere, OA = the field as
     * the hardware assembles it.
     */
    private long outOfRange(long raw) {
        // 52 bits: the fields hold no higher bit, so the mask leaves nothing
        long address = (raw & tableMask & -4096L) | highAddressBits(raw);
        return address & -(1L << physicalAddressBits);
    }

    @Override
    public long tableAddress(int level, long raw) {
        return (raw & tableMask) | highAddressBits(raw);
    }

    @Override
    public long leafAddress(int level, long raw) {
        return (raw & leafMask[level]) | highAddressBits(raw);
    }

    /**
     * FEAT_LPA (64K): desc[15:12] = OA[51:48]; DS=1 (4K/16K): desc[9:8] = OA[51:50]; otherwise
     * those bits are RES0 or shareability, not address.
     */
    private long highAddressBits(long raw) {
        if (largePhysicalAddress) {
            return ((raw & Descriptor.LPA_HIGH) >>> Descriptor.LPA_HIGH_SHIFT) << 48;
        }
        return lpa2 ? ((raw >>> LPA2_HIGH_SHIFT) & 3) << 50 : 0;
    }

    private long placeHighAddressBits(long pa) {
        if (largePhysicalAddress) {
            return ((pa >>> 48) & 0xF) << Descriptor.LPA_HIGH_SHIFT;
        }
        return lpa2 ? ((pa >>> 50) & 3) << LPA2_HIGH_SHIFT : 0;
    }

    /**
     * The MAIR_EL1 layout leaves' AttrIndx select from.
     *
     * @return the MAIR_EL1 layout
     */
    public MairLayout mair() {
        return mair;
    }

    @Override
    public MappingFlags leafFlags(int level, long raw) {
        return new MappingFlags(
                MappingAccessRights.ofBits(AccessPermissions.decode(raw)),
                mair.memoryType(
                        (int) ((raw & Descriptor.ATTR_INDX) >>> Descriptor.ATTR_INDX_SHIFT)),
                (raw & Descriptor.NOT_GLOBAL) == 0);
    }

    /**
     * APTable, UXNTable and PXNTable restrict everything below, unless TCR_EL1.HPDn disables them
     * for this half.
     */
    @Override
    public int tableRightsLimit(int level, long raw) {
        return hierarchicalPermissionsDisabled ? NO_RESTRICTION : AccessPermissions.tableLimit(raw);
    }

    @Override
    public int combineRights(int leafRights, int tableLimit) {
        return AccessPermissions.combine(leafRights, tableLimit);
    }

    /**
     * EL1 never executes an EL0 page: user leaves are written PXN, and EL0-writable memory is PXN
     * by rule.
     */
    @Override
    public boolean kernelExecutesUserPages() {
        return false;
    }

    @Override
    public boolean isGlobal(int level, long raw) {
        // nG means something only in a block or page; a table descriptor's bit 11 is ignored, and a
        // block where the
        // level holds none is no mapping at all
        return kind(level, raw) == EntryKind.LEAF && (raw & Descriptor.NOT_GLOBAL) == 0;
    }

    // ------------------------------------------------------------------ encoding

    @Override
    public long tableEntry(int level, long tablePhysicalAddress) {
        return (tablePhysicalAddress & tableMask)
                | placeHighAddressBits(tablePhysicalAddress)
                | Descriptor.TYPE_TABLE;
    }

    @Override
    public long leafTemplate(int level, MappingFlags flags) {
        // a level of the geometry, as the SPI asks of callers (the other formats do not check it)
        if (!geometry.level(level).leafAllowed()) {
            throw new RightsNotExpressibleException(
                    "AArch64 allows no block at "
                            + where(level)
                            + "; map with the block or page sizes this granule allows at lower levels");
        }
        long type = startLevel + level == 3 ? Descriptor.TYPE_PAGE : Descriptor.TYPE_BLOCK;
        return type
                | ((long) mair.attrIndex(flags.memoryType()) << Descriptor.ATTR_INDX_SHIFT)
                | (lpa2
                        ? 0
                        : Descriptor.SH_INNER) // with DS=1 bits 9:8 are OA[51:50]: the address goes
                // there
                | Descriptor
                        .AF // no hardware access-flag updates (TCR.HA=0): an AF=0 leaf would fault
                // on first use
                | (flags.global() ? 0 : Descriptor.NOT_GLOBAL)
                | AccessPermissions.encode(flags.rights(), this, level);
    }

    /** {@code L2 (4K granule)}, for messages. */
    String where(int level) {
        String name =
                level >= 0 && level < geometry.levelCount()
                        ? geometry.level(level).name()
                        : "L" + (startLevel + level);
        return name + " (" + granule.label().toUpperCase(Locale.ROOT) + " granule)";
    }

    @Override
    public long leafEntry(int level, long template, long physicalAddress) {
        return template
                | (physicalAddress & leafMask[level])
                | placeHighAddressBits(physicalAddress);
    }

    /**
     * Bits of a live leaf that a protect or a block split keeps (an override of the paging API's
     * {@code EntryFormat.retainedBits} where it exists): the software bits 58:55 and GP (BTI
     * guarded page). Not DBM, which would make a page protected read-only writable again under
     * TCR.HD; not Contiguous, which must describe the new run; not nT, a hint about the old block.
     */
    @Override
    public long retainedBits(int level, long raw) {
        return raw & (Descriptor.SOFTWARE | Descriptor.GP);
    }

    @Override
    public long guardEntry(int level) {
        return Descriptor.GUARD;
    }

    // ------------------------------------------------------------------ break-before-make

    /**
     * Reference §4: both descriptors valid and they differ in output address, AttrIndx, SH, block
     * size or table/block, the Contiguous bit, or nG goes 1 -> 0. AP, AF, DBM, PXN, UXN, the
     * software bits and nG 0 -> 1 may change in place. An invalid side (unused, guard, reserved
     * encodings) is the "break" itself.
     */
    @Override
    public boolean needsBreakBeforeMake(int level, long oldRaw, long newRaw) {
        EntryKind before = kind(level, oldRaw);
        EntryKind after = kind(level, newRaw);
        if (!isValid(before) || !isValid(after)) {
            return false;
        }
        if (before != after) {
            return true; // table <-> block: the translation's size changes
        }
        if (before == EntryKind.TABLE) {
            return tableAddress(level, oldRaw) != tableAddress(level, newRaw);
        }
        if (leafAddress(level, oldRaw) != leafAddress(level, newRaw)) {
            return true;
        }
        // with DS = 1 bits 9:8 are OA[51:50], not SH: a change there moved the output address above
        long attributes = Descriptor.ATTR_INDX | Descriptor.CONTIGUOUS | Descriptor.SH;
        if (((oldRaw ^ newRaw) & attributes) != 0) {
            return true;
        }
        return (oldRaw & Descriptor.NOT_GLOBAL) != 0 && (newRaw & Descriptor.NOT_GLOBAL) == 0;
    }

    private static boolean isValid(EntryKind kind) {
        return kind == EntryKind.TABLE || kind == EntryKind.LEAF;
    }

    // ------------------------------------------------------------------ reports

    @Override
    public String malformation(int level, long raw) {
        int hardware = startLevel + level;
        if ((raw & Descriptor.VALID) == 0) {
            return "invalid descriptor "
                    + Hex.of(raw)
                    + " at L"
                    + hardware
                    + " (bit 0 clear, neither zero nor the guard marker): a translation fault";
        }
        if ((raw & Descriptor.TYPE_MASK) == Descriptor.TYPE_BLOCK && hardware == 3) {
            return "bits[1:0] = 01 at L3 is a reserved encoding that behaves as invalid: a translation fault";
        }
        if ((raw & Descriptor.TYPE_MASK) == Descriptor.TYPE_BLOCK
                && !geometry.level(level).leafAllowed()) {
            return "a block descriptor at L"
                    + hardware
                    + ", where the "
                    + granule.label().toUpperCase(Locale.ROOT)
                    + " granule allows none: a translation fault";
        }
        if (walksDisabled) {
            return "TCR_EL1.EPDn = 1 disables walks of this half: a translation fault at the first level (L"
                    + startLevel
                    + ")";
        }
        if (outOfRange(raw) != 0) {
            return "output address bits "
                    + Hex.of(outOfRange(raw))
                    + " at or above the "
                    + physicalAddressBits
                    + "-bit physical address size (TCR_EL1.IPS): an address size fault";
        }
        return "descriptor " + Hex.of(raw) + " decodes at L" + hardware;
    }

    @Override
    public String describe(int level, long raw) {
        int hardware = startLevel + level;
        EntryKind kind = kind(level, raw);
        StringBuilder out = new StringBuilder("L").append(hardware).append(' ');
        switch (kind) {
            case UNUSED -> out.append("unused");
            case GUARD -> out.append("guard ").append(Hex.of(raw));
            case INVALID, RESERVED ->
                    out.append(kind.name().toLowerCase(Locale.ROOT))
                            .append(' ')
                            .append(Hex.of(raw))
                            .append(": ")
                            .append(malformation(level, raw));
            case TABLE -> {
                out.append("table -> ").append(Hex.of(tableAddress(level, raw)));
                appendIf(out, raw, Descriptor.PXN_TABLE, "PXNTable");
                appendIf(out, raw, Descriptor.UXN_TABLE, "UXNTable");
                appendIf(out, raw, Descriptor.AP_TABLE_NO_EL0, "APTable[0]");
                appendIf(out, raw, Descriptor.AP_TABLE_READ_ONLY, "APTable[1]");
                appendIf(out, raw, Descriptor.NS_TABLE, "NSTable");
            }
            case LEAF -> {
                out.append(hardware == 3 ? "page " : "block ")
                        .append(Hex.of(leafAddress(level, raw)))
                        .append(' ')
                        .append(leafFlags(level, raw))
                        .append(" AttrIndx=")
                        .append((raw & Descriptor.ATTR_INDX) >>> Descriptor.ATTR_INDX_SHIFT)
                        .append(" AP=")
                        .append((raw >>> 6) & 3)
                        .append(
                                lpa2
                                        ? " SH=TCR"
                                        : " SH="
                                                + Integer.toBinaryString(
                                                        (int)
                                                                ((raw & Descriptor.SH)
                                                                        >>> Descriptor.SH_SHIFT)));
                appendIf(out, raw, Descriptor.NS, "NS");
                appendIf(out, raw, Descriptor.AF, "AF");
                appendIf(out, raw, Descriptor.NOT_GLOBAL, "nG");
                appendIf(out, raw, Descriptor.NT, "nT");
                appendIf(out, raw, Descriptor.GP, "GP");
                appendIf(out, raw, Descriptor.DBM, "DBM");
                appendIf(out, raw, Descriptor.CONTIGUOUS, "Contiguous");
                appendIf(out, raw, Descriptor.PXN, "PXN");
                appendIf(out, raw, Descriptor.UXN, "UXN");
                if ((raw & Descriptor.SOFTWARE) != 0) {
                    out.append(" SW=").append(Hex.of((raw & Descriptor.SOFTWARE) >>> 55));
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        return out.toString();
    }

    private static void appendIf(StringBuilder out, long raw, long bit, String name) {
        if ((raw & bit) != 0) {
            out.append(' ').append(name);
        }
    }
}
