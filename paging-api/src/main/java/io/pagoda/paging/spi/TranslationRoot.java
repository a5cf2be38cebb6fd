package io.pagoda.paging.spi;

import io.pagoda.paging.memory.PhysicalMemory;
import org.jspecify.annotations.Nullable;

/**
 * One root register and the hierarchy it points to: CR3 on x86 (one root for both canonical halves),
 * TTBR0 and TTBR1 on AArch64 (one per half, each with its own geometry).
 */
public interface TranslationRoot {

    /** The register's name: CR3, TTBR0_EL1, TTBR1_EL1. */
    String registerName();

    /** The levels of the hierarchy this register points to; by default the ones its {@link #format()} states. */
    default Geometry geometry() {
        return format().geometry();
    }

    EntryFormat format();

    /** Which virtual addresses this root translates. */
    CanonicalForm canonicalForm();

    /** The root table's physical address in a raw register value, masked as the hardware masks it. */
    long tableAddress(long registerValue);

    /** The address-space tag (PCID, ASID) in a raw register value; 0 when the register has none. */
    default int tag(long registerValue) {
        return 0;
    }

    /** The register value that loads {@code tablePhysicalAddress} with {@code tag}. */
    long registerValue(long tablePhysicalAddress, int tag);

    /** Alignment the hardware requires of the root table (PAE: 32 bytes; otherwise the table's size). */
    default long rootAlignment() {
        return geometry().level(0).tableBytes();
    }

    /** The first physical address the register cannot point a root table at (32-bit CR3: 4 GiB). */
    default long rootAddressLimit() {
        return Long.MAX_VALUE;
    }

    /**
     * Checks done when the root register is loaded, before any walk (PAE loads its four PDPTEs and raises
     * #GP on a reserved bit). Returns null when the load succeeds, or the reason it faults.
     */
    default @Nullable String rootLoadFault(PhysicalMemory memory, long tablePhysicalAddress) {
        return null;
    }
}
