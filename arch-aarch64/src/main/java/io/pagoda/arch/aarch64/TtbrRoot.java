package io.pagoda.arch.aarch64;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.AddressSpaceTagException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import org.jspecify.annotations.Nullable;

/**
 * TTBR0_EL1 or TTBR1_EL1 with the half it translates: its own geometry and descriptor format (the
 * halves may use different granules and sizes). Register layout: [63:48] ASID, [47:1] BADDR, [0]
 * CnP; with 52-bit output addresses (FEAT_LPA with 64K, or DS=1 with 4K/16K), BADDR[51:48] in
 * [5:2]. The first table is aligned to its own size, and to at least 64 bytes.
 */
public final class TtbrRoot implements TranslationRoot {
    private static final int ASID_SHIFT = 48;
    private static final long BADDR = 0x0000FFFFFFFFFFFEL;

    private final String registerName;
    private final DescriptorFormat format;
    private final CanonicalForm canonicalForm;
    private final boolean largePhysicalAddress;
    private final long alignment;
    private final long baseMask;
    private final int physicalAddressBits;

    TtbrRoot(
            String registerName,
            TranslationHalf half,
            CanonicalForm canonicalForm,
            TranslationSetup setup) {
        boolean largePhysicalAddress = setup.wideOutput(half);
        int physicalAddressBits = setup.physicalAddressBits();
        this.registerName = registerName;
        this.format = new DescriptorFormat(half, setup);
        Geometry geometry = format.geometry();
        this.canonicalForm = canonicalForm;
        this.largePhysicalAddress = largePhysicalAddress;
        this.alignment = Math.max(64, geometry.level(0).tableBytes());
        this.baseMask = BADDR & -alignment;
        this.physicalAddressBits = physicalAddressBits;
    }

    @Override
    public String registerName() {
        return registerName;
    }

    @Override
    public EntryFormat format() {
        return format;
    }

    /**
     * The same format, typed: granule and hardware levels.
     *
     * @return the format
     */
    public DescriptorFormat descriptorFormat() {
        return format;
    }

    @Override
    public CanonicalForm canonicalForm() {
        return canonicalForm;
    }

    @Override
    public long rootAlignment() {
        return alignment;
    }

    @Override
    public long tableAddress(long registerValue) {
        long high = largePhysicalAddress ? ((registerValue >>> 2) & 0xF) << 48 : 0;
        return (registerValue & baseMask) | high;
    }

    /**
     * A base address at or above the PA size (TCR_EL1.IPS) is an address size fault before the
     * first descriptor is read (the ARM pseudocode's {@code !IsZero(baseregister<47:outputsize>)}).
     */
    @Override
    public @Nullable String rootLoadFault(PhysicalMemory memory, long tablePhysicalAddress) {
        if ((tablePhysicalAddress >>> physicalAddressBits) != 0) {
            return registerName
                    + " base "
                    + Hex.of(tablePhysicalAddress)
                    + " is at or above the "
                    + physicalAddressBits
                    + "-bit physical address size (TCR_EL1.IPS): an address size fault at level 0";
        }
        return null;
    }

    /** The ASID, TTBR[63:48] (16-bit ASIDs, TCR_EL1.AS = 1). */
    @Override
    public int tag(long registerValue) {
        return (int) (registerValue >>> ASID_SHIFT);
    }

    @Override
    public long registerValue(long tablePhysicalAddress, int tag) {
        if ((tablePhysicalAddress & (alignment - 1)) != 0) {
            throw new MisalignedAddressException(
                    "cannot load "
                            + registerName
                            + " with table "
                            + Hex.of(tablePhysicalAddress)
                            + ": the first table must be aligned to "
                            + Hex.size(alignment)
                            + "; allocate it aligned");
        }
        long limit = largePhysicalAddress ? 1L << 52 : 1L << 48;
        if (tablePhysicalAddress < 0 || tablePhysicalAddress >= limit) {
            throw new PhysicalAddressException(
                    "table "
                            + Hex.of(tablePhysicalAddress)
                            + " does not fit "
                            + registerName
                            + "'s base address field (below "
                            + Hex.of(limit)
                            + ")");
        }
        if (tag < 0 || tag > 0xFFFF) {
            throw new AddressSpaceTagException(
                    "ASID " + tag + " does not fit " + registerName + "[63:48]; use 0..65535");
        }
        long high = largePhysicalAddress ? ((tablePhysicalAddress >>> 48) & 0xF) << 2 : 0;
        return ((long) tag << ASID_SHIFT) | (tablePhysicalAddress & BADDR) | high;
    }

    @Override
    public String toString() {
        return registerName + " " + canonicalForm.describeRanges() + ": " + geometry();
    }
}
