package io.pagoda.arch.i386;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.AddressSpaceTagException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.TranslationRoot;

/**
 * CR3 in 32-bit paging: bits [31:12] hold the page directory's address; PWT/PCD (bits 3, 4) only
 * set the cache type of the directory itself and are ignored here. No address-space tag (no PCID
 * outside IA-32e).
 */
final class LegacyCr3Root implements TranslationRoot {
    private static final long DIRECTORY = 0xFFFF_F000L;

    private final EntryFormat format;
    private final CanonicalForm canonical = CanonicalForm.lowerRange(32);

    LegacyCr3Root(EntryFormat format) {
        this.format = format;
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

    /** The root table's address must fit CR3[31:12]. */
    @Override
    public long rootAddressLimit() {
        return 1L << 32;
    }

    @Override
    public long tableAddress(long registerValue) {
        return registerValue & DIRECTORY;
    }

    @Override
    public long registerValue(long tablePhysicalAddress, int tag) {
        if (tag != 0) {
            throw new AddressSpaceTagException(
                    "32-bit paging has no address-space tag (PCID needs IA-32e paging); use tag 0, not "
                            + tag);
        }
        if ((tablePhysicalAddress & 0xFFF) != 0) {
            throw new MisalignedAddressException(
                    "page directory "
                            + Hex.of(tablePhysicalAddress)
                            + " cannot be loaded into CR3: it must be 4 KiB aligned (CR3[11:0] are no address bits); allocate it aligned");
        }
        if ((tablePhysicalAddress & ~DIRECTORY) != 0) {
            throw new PhysicalAddressException(
                    "page directory "
                            + Hex.of(tablePhysicalAddress)
                            + " cannot be loaded into CR3: it must lie below 4 GiB (CR3[31:12] hold the address)");
        }
        return tablePhysicalAddress;
    }
}
