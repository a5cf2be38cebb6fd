package io.pagoda.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.SimulatedTlb;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A TLB hit allocates nothing, counted by the JVM's per-thread allocation counter. Here rather than
 * beside {@code SimulatedTlbTest} because the paging-api module does not read {@code
 * jdk.management}.
 */
class TlbHitAllocationTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);

    @Test
    void aHitAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SimulatedTlb tlb = new SimulatedTlb();
        for (int i = 0; i < 32; i++) {
            tlb.fill(0x40_0000L + i * 0x1000L, 0x100_0000L + i * 0x1000L, 0x1000, 5, false, 3, RW);
        }
        tlb.fill(0x4000_0000L, 0x8000_0000L, 0x20_0000, 5, true, 2, RW);
        long sum = 0;
        for (int round = 0; round < 2; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                long va = (i & 1) == 0 ? 0x40_0000L + (i & 31) * 0x1000L : 0x4000_0000L + i;
                int slot = tlb.lookup(va, 5);
                sum += tlb.physicalAddress(slot, va);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertEquals(0, allocated, "bytes allocated by 100,000 hits");
            }
        }
        assertTrue(sum != 0);
        assertEquals(200_000, tlb.hits());
    }
}
