package io.pagoda.example.riscv;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.AddressSpaceTagException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.TranslationRoot;

/**
 * The satp register (RV64): MODE in bits 60..63, ASID in 44..59, the root table's PPN in 0..43. One
 * root for both halves.
 */
final class SatpRoot implements TranslationRoot {
    static final int ASID_SHIFT = 44;
    static final long PPN_MASK = (1L << 44) - 1;

    private final SvMode mode;
    private final EntryFormat format;
    private final CanonicalForm canonicalForm;

    SatpRoot(SvMode mode) {
        this.mode = mode;
        this.format = new SvFormat(mode);
        // geometry() is the format's (the TranslationRoot default), and the canonical width follows
        // from it
        this.canonicalForm = CanonicalForm.signExtended(format.geometry().virtualBits());
    }

    @Override
    public String registerName() {
        return "satp";
    }

    @Override
    public EntryFormat format() {
        return format;
    }

    @Override
    public CanonicalForm canonicalForm() {
        return canonicalForm;
    }

    @Override
    public long tableAddress(long registerValue) {
        return (registerValue & PPN_MASK) << 12;
    }

    @Override
    public int tag(long registerValue) {
        return (int) ((registerValue >>> ASID_SHIFT) & 0xFFFF);
    }

    @Override
    public long registerValue(long tablePhysicalAddress, int tag) {
        if ((tablePhysicalAddress & 0xFFF) != 0) {
            throw new MisalignedAddressException(
                    "the root table "
                            + Hex.of(tablePhysicalAddress)
                            + " cannot be loaded into satp: it must be 4 KiB aligned");
        }
        if ((tablePhysicalAddress >>> 12) > PPN_MASK) {
            throw new PhysicalAddressException(
                    "the root table "
                            + Hex.of(tablePhysicalAddress)
                            + " cannot be loaded into satp: its PPN does not fit satp[43:0] (56-bit physical addresses)");
        }
        if (tag < 0 || tag > 0xFFFF) {
            throw new AddressSpaceTagException(
                    "ASID " + tag + " does not fit satp[59:44]; use 0..65535");
        }
        return (mode.satpMode << 60) | ((long) tag << ASID_SHIFT) | (tablePhysicalAddress >>> 12);
    }
}
