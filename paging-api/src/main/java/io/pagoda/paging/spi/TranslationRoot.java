package io.pagoda.paging.spi;

import io.pagoda.paging.memory.PhysicalMemory;
import org.jspecify.annotations.Nullable;

/**
 * One root register and the hierarchy it points to: CR3 on x86 (one root for both canonical
 * halves), TTBR0 and TTBR1 on AArch64 (one per half, each with its own geometry).
 */
public interface TranslationRoot {

    /**
     * The register's name: CR3, TTBR0_EL1, TTBR1_EL1.
     *
     * @return the register name, upper case
     */
    String registerName();

    /**
     * The levels of the hierarchy this register points to; by default the ones its {@link
     * #format()} states.
     *
     * @return the geometry, top level first
     */
    default Geometry geometry() {
        return format().geometry();
    }

    /**
     * How entries of this root's hierarchy are encoded.
     *
     * @return the entry format, paired with {@link #geometry()}
     */
    EntryFormat format();

    /**
     * Which virtual addresses this root translates.
     *
     * @return the canonical form of the addresses this root translates
     */
    CanonicalForm canonicalForm();

    /**
     * The root table's physical address in a raw register value, masked as the hardware masks it.
     *
     * @param registerValue the raw register value
     * @return the root table's physical address
     */
    long tableAddress(long registerValue);

    /**
     * The address-space tag (PCID, ASID) in a raw register value; 0 when the register has none.
     *
     * @param registerValue the raw register value
     * @return the tag, 0 when the register carries none
     */
    default int tag(long registerValue) {
        return 0;
    }

    /**
     * The register value that loads {@code tablePhysicalAddress} with {@code tag}.
     *
     * @param tablePhysicalAddress the root table's physical address, aligned to {@link
     *     #rootAlignment()}
     * @param tag the address-space tag, 0 when the architecture has none
     * @return the raw register value
     */
    long registerValue(long tablePhysicalAddress, int tag);

    /**
     * Alignment the hardware requires of the root table (PAE: 32 bytes; otherwise the table's
     * size).
     *
     * @return the alignment in bytes
     */
    default long rootAlignment() {
        return geometry().level(0).tableBytes();
    }

    /**
     * The first physical address the register cannot point a root table at (32-bit CR3: 4 GiB).
     *
     * @return the exclusive upper bound of a root table's physical address
     */
    default long rootAddressLimit() {
        return Long.MAX_VALUE;
    }

    /**
     * Checks done when the root register is loaded, before any walk (PAE loads its four PDPTEs and
     * raises #GP on a reserved bit). Returns null when the load succeeds, or the reason it faults.
     *
     * @param memory the physical memory holding the root table
     * @param tablePhysicalAddress the root table's physical address
     * @return null when the load succeeds, else the reason, in a sentence
     */
    default @Nullable String rootLoadFault(PhysicalMemory memory, long tablePhysicalAddress) {
        return null;
    }
}
