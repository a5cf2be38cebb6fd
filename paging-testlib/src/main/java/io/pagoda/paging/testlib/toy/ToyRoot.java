package io.pagoda.paging.testlib.toy;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.AddressSpaceTagException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;

/**
 * A toy root register: the table address in bits 12..39 (as {@link ToyFormat#ADDRESS}), an 8-bit
 * tag in bits 56..63; bits 0..11 are ignored, as x86's CR3 ignores its low bits.
 */
public final class ToyRoot implements TranslationRoot {
    /** Where the tag starts in the register. */
    public static final int TAG_SHIFT = 56;

    private final String register;
    private final Geometry geometry;
    private final ToyFormat format;
    private final CanonicalForm form;

    /**
     * A root whose entries are {@link ToyFormat}'s over {@code geometry}.
     *
     * @param register the register's name, as messages print it
     * @param geometry the geometry of the tables it points at
     * @param form which virtual addresses it translates
     */
    public ToyRoot(String register, Geometry geometry, CanonicalForm form) {
        this.register = register;
        this.geometry = geometry;
        this.format = new ToyFormat(geometry);
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

    /**
     * 4 KiB, whatever the root table's size: the register holds address bits 12..39 only, so a
     * smaller table must still start on a page.
     */
    @Override
    public long rootAlignment() {
        return 4096;
    }

    @Override
    public CanonicalForm canonicalForm() {
        return form;
    }

    @Override
    public long tableAddress(long registerValue) {
        return registerValue & ToyFormat.ADDRESS;
    }

    @Override
    public int tag(long registerValue) {
        return (int) (registerValue >>> TAG_SHIFT);
    }

    @Override
    public long registerValue(long table, int tag) {
        if ((table & (rootAlignment() - 1)) != 0) {
            throw new MisalignedAddressException(
                    register
                            + " cannot hold root table "
                            + Hex.of(table)
                            + ": it must be "
                            + rootAlignment()
                            + "-byte aligned");
        }
        if ((table & ~ToyFormat.ADDRESS) != 0) {
            throw new PhysicalAddressException(
                    register
                            + " cannot hold root table "
                            + Hex.of(table)
                            + ": it must lie below 2^"
                            + ToyArchitecture.PHYSICAL_BITS);
        }
        if (tag < 0 || tag > 0xFF) {
            throw new AddressSpaceTagException(register + " holds an 8-bit tag, not " + tag);
        }
        return table | ((long) tag << TAG_SHIFT);
    }
}
