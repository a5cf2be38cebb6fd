package io.pagoda.conformance.testarch;

import io.pagoda.paging.error.AddressSpaceTagException;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;

/** A kit-toy root register: table address in bits 12..47, tag in bits 48..55. */
final class KitToyRoot implements TranslationRoot {
    private final String register;
    private final Geometry geometry;
    private final EntryFormat format;
    private final CanonicalForm form;

    KitToyRoot(String register, Geometry geometry, CanonicalForm form, Defect defect) {
        this.register = register;
        this.geometry = geometry;
        this.format = new KitToyFormat(geometry, defect);
        this.form = form;
    }

    @Override
    public String registerName() {
        return register;
    }

    @Override
    public Geometry geometry() {
        return geometry;
    }

    @Override
    public EntryFormat format() {
        return format;
    }

    @Override
    public CanonicalForm canonicalForm() {
        return form;
    }

    @Override
    public long tableAddress(long registerValue) {
        return registerValue & KitToyFormat.ADDRESS;
    }

    @Override
    public int tag(long registerValue) {
        return (int) ((registerValue >>> 48) & 0xFF);
    }

    @Override
    public long registerValue(long table, int tag) {
        if ((table & (rootAlignment() - 1)) != 0) {
            throw new io.pagoda.paging.error.MisalignedAddressException(register + " cannot hold root table 0x" + Long.toHexString(table)
                    + ": it must be " + rootAlignment() + "-byte aligned");
        }
        if ((table & ~KitToyFormat.ADDRESS) != 0 || table >= 1L << 40) {
            throw new io.pagoda.paging.error.PhysicalAddressException(register + " cannot hold root table 0x" + Long.toHexString(table)
                    + ": it must lie below 2^40");
        }
        if (tag < 0 || tag > 0xFF) {
            throw new AddressSpaceTagException(register + " holds an 8-bit tag, not " + tag);
        }
        return table | ((long) tag << 48);
    }
}
