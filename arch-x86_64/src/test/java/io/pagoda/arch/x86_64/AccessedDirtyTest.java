package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.cpu.SimulatedTlb;
import io.pagoda.paging.memory.SparseMemory;
import org.junit.jupiter.api.Test;

/**
 * With hardware accessed/dirty updates on, the simulated CPU sets A in every entry of a walk and D
 * in the leaf on a write, as §3 describes. The tables are §3 4-level vector #1 with A and D
 * cleared.
 */
class AccessedDirtyTest {
    private static final long A = 1L << 5;
    private static final long D = 1L << 6;
    private static final long PML4E = 0x10007F0L;
    private static final long PDPTE = 0x1001240L;
    private static final long PDE = 0x1002D10L;
    private static final long PTE = 0x1003B38L;
    private static final long LEAF_WITHOUT_AD = 0xA800001234567067L & ~(A | D);

    @Test
    void aReadSetsAccessedAlongTheWalkAndAWriteSetsDirtyInTheLeaf() {
        SparseMemory memory = new SparseMemory(52);
        memory.writeLong(PML4E, 0x0000000001001007L);
        memory.writeLong(PDPTE, 0x0000000001002007L);
        memory.writeLong(PDE, 0x0000000001003007L);
        memory.writeLong(PTE, LEAF_WITHOUT_AD);
        SimulatedCpu cpu =
                new SimulatedCpu(
                        X86_64Architecture.fourLevel(), memory, new SimulatedTlb(16), false);
        cpu.setAccessedDirtyUpdates(true);
        cpu.loadRoot(0, 0x01000000L);

        cpu.readLong(0x00007F1234567898L, true);
        assertEquals(0x0000000001001007L | A, memory.readLong(PML4E));
        assertEquals(0x0000000001002007L | A, memory.readLong(PDPTE));
        assertEquals(0x0000000001003007L | A, memory.readLong(PDE));
        assertEquals(LEAF_WITHOUT_AD | A, memory.readLong(PTE), "a read sets A, not D");

        cpu.writeLong(0x00007F1234567898L, 42, true);
        assertEquals(LEAF_WITHOUT_AD | A | D, memory.readLong(PTE));
        assertEquals(
                0x0000000001003007L | A, memory.readLong(PDE), "a table entry has no dirty flag");
        assertEquals(42, memory.readLong(0x0000001234567898L));
    }
}
