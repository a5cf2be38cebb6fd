package io.pagoda.arch.x86_64;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.AddressSpaceTagException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.TranslationRoot;

/**
 * CR3: one root for both canonical halves. Bits [M-1:12] hold the PML4 (PML5 with LA57) address.
 * Pagoda models CR4.PCIDE = 1 whenever a tag is used, so bits [11:0] are the PCID; with PCIDE = 0
 * the same bits would be PWT (3), PCD (4) and ignored bits, and a register built with tag 0 is
 * exactly such a value (the root table fetched write-back). Bit 63 ("do not flush" on MOV to CR3)
 * is never stored and is not produced.
 */
public final class Cr3Root implements TranslationRoot {
    /** PCID width: CR3[11:0]. */
    public static final int PCID_BITS = 12;

    private final X86_64EntryFormat format;
    private final CanonicalForm canonical;
    private final long addressMask;
    private final int physicalBits;

    /**
     * CR3 over {@code format}'s tables: its canonical width (48 or 57 bits) and MAXPHYADDR come
     * from the format.
     *
     * @param format the entry format of the tables CR3 points at
     */
    public Cr3Root(X86_64EntryFormat format) {
        this.format = format;
        // 48 or 57 bits, from the levels the format states
        this.canonical = CanonicalForm.signExtended(format.geometry().virtualBits());
        this.physicalBits = format.physicalBits();
        this.addressMask = EntryBits.addressMask(physicalBits);
    }

    @Override
    public String registerName() {
        return "CR3";
    }

    @Override
    public EntryFormat format() {
        return format;
    }

    @Override
    public CanonicalForm canonicalForm() {
        return canonical;
    }

    @Override
    public long tableAddress(long registerValue) {
        return registerValue & addressMask;
    }

    /** The PCID, CR3[11:0] (CR4.PCIDE assumed set). */
    @Override
    public int tag(long registerValue) {
        return (int) (registerValue & 0xFFF);
    }

    @Override
    public long registerValue(long tablePhysicalAddress, int tag) {
        if ((tablePhysicalAddress & 0xFFF) != 0) {
            throw new MisalignedAddressException(
                    "cannot load CR3 with root table "
                            + Hex.of(tablePhysicalAddress)
                            + ": it must be 4 KiB aligned; allocate the root from a frame allocator");
        }
        if ((tablePhysicalAddress & ~addressMask) != 0) {
            throw new PhysicalAddressException(
                    "cannot load CR3 with root table "
                            + Hex.of(tablePhysicalAddress)
                            + ": it lies above MAXPHYADDR "
                            + physicalBits
                            + "; place the root below "
                            + Hex.of(1L << physicalBits));
        }
        if (tag < 0 || tag > 0xFFF) {
            throw new AddressSpaceTagException(
                    "PCID "
                            + tag
                            + " for root "
                            + Hex.of(tablePhysicalAddress)
                            + " is outside 0..4095 (CR3[11:0]); use a 12-bit PCID");
        }
        return tablePhysicalAddress | tag;
    }

    @Override
    public String toString() {
        return "CR3 -> " + geometry() + ", canonical " + canonical;
    }
}
