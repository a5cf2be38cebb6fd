package io.pagoda.arch.i386;

import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.paging.Hex;
import io.pagoda.paging.error.AddressSpaceTagException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.TranslationRoot;
import org.jspecify.annotations.Nullable;

/**
 * CR3 in PAE paging: bits [31:5] hold the 32-byte aligned PDPT's address (below 4 GiB); CR3[63:32]
 * and [4:0] are ignored. Loading CR3 loads the four PDPTEs into registers and raises #GP(0) when a
 * present one has a reserved bit set; {@link #rootLoadFault} reports exactly that, before any walk.
 */
final class PaeCr3Root implements TranslationRoot {
    private static final long PDPT = 0xFFFF_FFE0L;
    private static final int PDPT_ENTRIES = 4;

    private final PaeEntryFormat format;
    private final CanonicalForm canonical = CanonicalForm.lowerRange(32);

    PaeCr3Root(PaeEntryFormat format) {
        this.format = format;
    }

    @Override
    public String registerName() {
        return "CR3";
    }

    @Override
    public PaeEntryFormat format() {
        return format;
    }

    @Override
    public CanonicalForm canonicalForm() {
        return canonical;
    }

    /** The root table's address must fit CR3[31:5]. */
    @Override
    public long rootAddressLimit() {
        return 1L << 32;
    }

    @Override
    public long tableAddress(long registerValue) {
        return registerValue & PDPT;
    }

    @Override
    public long registerValue(long tablePhysicalAddress, int tag) {
        if (tag != 0) {
            throw new AddressSpaceTagException(
                    "PAE paging has no address-space tag (PCID needs IA-32e paging); use tag 0, not "
                            + tag);
        }
        if ((tablePhysicalAddress & 0x1F) != 0) {
            throw new MisalignedAddressException(
                    "PDPT "
                            + Hex.of(tablePhysicalAddress)
                            + " cannot be loaded into CR3: it must be 32-byte aligned (CR3[4:0] are no address bits); allocate it aligned");
        }
        if ((tablePhysicalAddress & ~PDPT) != 0) {
            throw new PhysicalAddressException(
                    "PDPT "
                            + Hex.of(tablePhysicalAddress)
                            + " cannot be loaded into CR3: it must lie below 4 GiB (CR3[31:5] hold the address)");
        }
        return tablePhysicalAddress;
    }

    @Override
    public long rootAlignment() {
        return 32;
    }

    @Override
    public @Nullable String rootLoadFault(PhysicalMemory memory, long tablePhysicalAddress) {
        for (int i = 0; i < PDPT_ENTRIES; i++) {
            long address = tablePhysicalAddress + 8L * i;
            long pdpte;
            try {
                pdpte = memory.readLong(address);
            } catch (PhysicalAddressException e) {
                return "MOV CR3 cannot load PDPTE "
                        + i
                        + " at "
                        + Hex.of(address)
                        + ": "
                        + e.getMessage();
            }
            long reserved = pdpte & PaeEntryFormat.PDPTE_RESERVED;
            if ((pdpte & X86EntryBits.P) != 0 && reserved != 0) {
                return "MOV CR3 raises #GP(0): present PDPTE "
                        + i
                        + " at "
                        + Hex.of(address)
                        + " = "
                        + Hex.of(pdpte)
                        + " has reserved bits "
                        + Hex.of(reserved)
                        + " set (mask "
                        + Hex.of(PaeEntryFormat.PDPTE_RESERVED)
                        + "); clear them (a PDPTE holds only P, PWT, PCD, the address and bits 11:9)";
            }
        }
        return null;
    }
}
