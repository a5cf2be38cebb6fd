package io.pagoda.paging.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import org.junit.jupiter.api.Test;

class SimulatedTlbTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);

    @Test
    void aBlockEntryAnswersEveryAddressInIt() {
        SimulatedTlb tlb = new SimulatedTlb(4);
        tlb.fill(0x20_1234, 0x4000_0000L, 0x20_0000, 1, false, 1, RW);
        int slot = tlb.lookup(0x3F_FFF8, 1);
        assertTrue(slot >= 0);
        assertEquals(0x401F_FFF8L, tlb.physicalAddress(slot, 0x3F_FFF8));
        assertEquals(-1, tlb.lookup(0x40_0000, 1));
        assertEquals(-1, tlb.lookup(0x20_0000, 2), "another tag does not see it");
    }

    @Test
    void leastRecentlyUsedIsEvicted() {
        SimulatedTlb tlb = new SimulatedTlb(2);
        tlb.fill(0x1000, 0xA000, 0x1000, 0, false, 2, RW);
        tlb.fill(0x2000, 0xB000, 0x1000, 0, false, 2, RW);
        tlb.lookup(0x1000, 0);
        tlb.fill(0x3000, 0xC000, 0x1000, 0, false, 2, RW);
        assertTrue(tlb.probe(0x1000, 0) >= 0);
        assertEquals(-1, tlb.probe(0x2000, 0));
        assertTrue(tlb.probe(0x3000, 0) >= 0);
        assertEquals(1, tlb.evictions());
    }

    @Test
    void globalEntriesSurviveTagDropsAndMatchEveryTag() {
        SimulatedTlb tlb = new SimulatedTlb(8);
        tlb.fill(0x1000, 0xA000, 0x1000, 0, true, 2, RW);
        tlb.fill(0x2000, 0xB000, 0x1000, 3, false, 2, RW);
        tlb.dropTag(3, false);
        assertTrue(tlb.probe(0x1000, 7) >= 0);
        assertEquals(-1, tlb.probe(0x2000, 3));
        tlb.dropPage(0x1000, 7, false, false);
        assertTrue(tlb.probe(0x1000, 7) >= 0, "a page drop without globals keeps a global entry");
        tlb.dropPage(0x1FFF, 7, false, true);
        assertEquals(-1, tlb.probe(0x1000, 7));
        assertEquals(2, tlb.pageInvalidations());
        assertEquals(1, tlb.tagInvalidations());
    }

    @Test
    void pageDropOfOneTagKeepsOthers() {
        SimulatedTlb tlb = new SimulatedTlb(8);
        tlb.fill(0x1000, 0xA000, 0x1000, 1, false, 2, RW);
        tlb.fill(0x1000, 0xB000, 0x1000, 2, false, 2, RW);
        tlb.dropPage(0x1000, 1, false, true);
        assertEquals(-1, tlb.probe(0x1000, 1));
        assertEquals(0xB000L, tlb.physicalAddress(tlb.probe(0x1000, 2), 0x1000));
        tlb.dropAll();
        assertEquals(0, tlb.occupancy());
        assertEquals(1, tlb.fullInvalidations());
    }
}
