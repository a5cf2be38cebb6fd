package io.pagoda.conformance;

import io.pagoda.paging.cpu.SimulatedTlb;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.testlib.FaultInjectingFrameAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * A booted simulated machine for the MMU areas, with its allocator wrapped so tests can inject
 * failures.
 *
 * @param mmu the machine
 * @param allocator the allocator the machine allocates from
 */
public record InstrumentedMachine(Machine mmu, FaultInjectingFrameAllocator allocator) {

    /**
     * What the TLB holds now, slot by slot, as comparable text (for all-or-nothing checks of the
     * TLB view).
     *
     * @return one line per TLB slot
     */
    public List<String> tlbView() {
        SimulatedTlb tlb = mmu.cpu().tlb();
        List<String> view = new ArrayList<>();
        for (int slot = 0; slot < tlb.capacity(); slot++) {
            if (tlb.isValid(slot)) {
                view.add(
                        slot
                                + ":"
                                + Long.toHexString(tlb.base(slot))
                                + "+"
                                + Long.toHexString(tlb.size(slot))
                                + "->"
                                + Long.toHexString(tlb.leafPhysicalAddress(slot))
                                + " tag "
                                + tlb.tag(slot)
                                + (tlb.isGlobal(slot) ? " g " : " ")
                                + tlb.flags(slot));
            }
        }
        return view;
    }
}
