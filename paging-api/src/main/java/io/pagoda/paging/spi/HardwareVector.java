package io.pagoda.paging.spi;

import java.util.Map;
import java.util.Objects;

/**
 * One verified translation from the hardware reference: memory holding entries, a root register value, a
 * virtual address, and what the hardware does: a physical address, or a fault. Architecture modules ship
 * them; the conformance kit walks each one.
 *
 * @param id              the reference's name for it (e.g. "x86_64 4-level #2", "A3")
 * @param rootIndex       which {@link Architecture#roots()} entry the register belongs to
 * @param registerValue   the raw root register (CR3, TTBRn) value
 * @param entries         physical address to raw entry value, each written with its level's entry size
 * @param entrySize       bytes per entry written (4 or 8)
 * @param virtualAddress  the address translated
 * @param physicalAddress the expected result, or -1 when a fault is expected
 * @param fault           the expected fault, or null when a physical address is expected
 */
public record HardwareVector(String id, int rootIndex, long registerValue, Map<Long, Long> entries, int entrySize,
                             long virtualAddress, long physicalAddress, FaultType fault) {

    public HardwareVector {
        Objects.requireNonNull(id, "id");
        entries = Map.copyOf(entries);
        if ((physicalAddress == -1) == (fault == null)) {
            throw new IllegalArgumentException("vector " + id + ": give either a physical address or a fault");
        }
    }

    public static HardwareVector translates(String id, int rootIndex, long register, Map<Long, Long> entries,
                                            int entrySize, long va, long pa) {
        return new HardwareVector(id, rootIndex, register, entries, entrySize, va, pa, null);
    }

    public static HardwareVector faults(String id, int rootIndex, long register, Map<Long, Long> entries,
                                        int entrySize, long va, FaultType fault) {
        return new HardwareVector(id, rootIndex, register, entries, entrySize, va, -1, fault);
    }

    public boolean expectsFault() {
        return fault != null;
    }
}
