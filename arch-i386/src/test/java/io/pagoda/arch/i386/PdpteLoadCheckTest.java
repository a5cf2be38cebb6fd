package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.image.LoadedRoots;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.FaultType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PAE PDPTEs as the CPU holds them (hardware-formats.md §2, "PDPTE registers"): MOV CR3 checks
 * their reserved bits and loads them into registers, so bits set in memory afterwards (QEMU 7.2's
 * walker sets Accessed, bit 5) change nothing. The strict view (the simulated machine's) refuses
 * such a PDPT at the load; the loaded view of an image follows it, as QEMU does.
 */
class PdpteLoadCheckTest {
    private static final long CR3 = 0x0034_5FE0L;
    private final PaeArchitecture pae = new PaeArchitecture();
    private final PaeEntryFormat format = pae.format();

    @Test
    void onlyBits8To5And2To1OfAPresentPdpteAreLoadChecked() {
        // §2's PDPTE reserved mask is 0xFFF00000000001E6: bits 1, 2, 5, 6, 7, 8 are checked only by
        // the load
        for (int bit : new int[] {1, 2, 5, 6, 7, 8}) {
            assertEquals(1L << bit, format.loadCheckedBits(0, 0x1001L | 1L << bit), "bit " + bit);
        }
        assertEquals(0x1E6L, format.loadCheckedBits(0, 0x1001L | 0x1E6L));
        // 63:52 are reserved too, but QEMU's walker checks them on every walk: they stay per-walk
        // faults
        for (int bit : new int[] {52, 62, 63}) {
            assertEquals(0, format.loadCheckedBits(0, 0x1001L | 1L << bit), "bit " + bit);
        }
        assertEquals(
                0,
                format.loadCheckedBits(0, 0x1020L),
                "a not-present PDPTE is never loaded-checked");
        assertEquals(0, format.loadCheckedBits(1, 0x1023L), "a PDE's A is its own, walked bit");
        assertEquals(0, format.loadCheckedBits(2, 0x1063L));
    }

    /** §2 vector 2 with QEMU's Accessed bit in the PDPTE: 0x111001 | 0x20. */
    private SparseMemory vector2WithAccessedPdpte() {
        SparseMemory memory = new SparseMemory(52);
        memory.writeLong(0x0034_5FE8L, 0x0000_0000_0011_1021L);
        memory.writeLong(0x0011_1008L, 0x0000_0002_0060_01E3L);
        return memory;
    }

    @Test
    void theStrictWalkerFaultsAtTheLoadTheLoadedOneFollowsAsQemuDoes() {
        SparseMemory memory = vector2WithAccessedPdpte();
        WalkResult strict = new PageWalker(pae, memory).walk(0x4031_2345L, CR3);
        assertEquals(FaultType.ROOT_LOAD, strict.fault(), strict.toString());
        assertEquals(
                EntryKind.RESERVED, format.kind(0, 0x0011_1021L), "the format itself stays strict");

        Architecture loaded = LoadedRoots.asLoaded(pae);
        WalkResult followed = new PageWalker(loaded, memory).walk(0x4031_2345L, CR3);
        assertNull(followed.fault(), followed.toString());
        assertEquals(0x2_0071_2345L, followed.physicalAddress());
        assertEquals(EntryKind.TABLE, loaded.roots().get(0).format().kind(0, 0x0011_1021L));
        assertEquals(0x11_1000L, loaded.roots().get(0).format().tableAddress(0, 0x0011_1021L));

        List<LoadedRoots.LoadCheckedEntry> found = LoadedRoots.find(pae, memory, CR3);
        assertEquals(
                List.of(
                        new LoadedRoots.LoadCheckedEntry(
                                "CR3", 1, 0x0034_5FE8L, 0x0011_1021L, 0x20L)),
                found);
        assertEquals("CR3 entry 1 at 0x345FE8 = 0x111021 (bits 0x20)", found.get(0).describe());
    }

    @Test
    void aPdpteWithBit63StillFaultsPerWalkInTheLoadedView() {
        SparseMemory memory = vector2WithAccessedPdpte();
        memory.writeLong(0x0034_5FE8L, 0x8000_0000_0011_1021L);
        WalkResult result =
                new PageWalker(LoadedRoots.asLoaded(pae), memory).walk(0x4031_2345L, CR3);
        assertEquals(FaultType.RESERVED_BIT, result.fault(), result.toString());
        assertEquals(0, result.level());
    }

    @Test
    void withoutLoadCheckedBitsTheLoadedViewKeepsTheLoadCheck() {
        SparseMemory memory = new SparseMemory(52);
        memory.writeLong(
                CR3,
                0x8000_0000_0000_1001L); // bit 63 only: refused at the load, as the hardware does
        String fault = LoadedRoots.asLoaded(pae).roots().get(0).rootLoadFault(memory, CR3);
        assertNotNull(fault);
        assertTrue(fault.contains("#GP"), fault);
        assertTrue(LoadedRoots.find(pae, memory, CR3).isEmpty());
    }
}
