package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import org.junit.jupiter.api.Test;

/** Memory types through Linux's PAT layout: 0 WB, 1 WC, 2 UC-, 3 UC, 4 WB, 5 WP, 6 UC-, 7 WT. */
class MemoryTypeTest {
    private static final X86_64EntryFormat FORMAT = X86_64Architecture.fourLevel().format();

    @Test
    void memoryTypesSelectTheLowestMatchingIndex() {
        assertEquals(0, PatLayout.LINUX.indexOf(MemoryType.WRITE_BACK));
        assertEquals(1, PatLayout.LINUX.indexOf(MemoryType.WRITE_COMBINING));
        assertEquals(2, PatLayout.LINUX.indexOf(MemoryType.UNCACHED));
        assertEquals(3, PatLayout.LINUX.indexOf(MemoryType.DEVICE));
        assertEquals(7, PatLayout.LINUX.indexOf(MemoryType.WRITE_THROUGH));
    }

    @Test
    void everyIndexDecodes() {
        MemoryType[] expected = {MemoryType.WRITE_BACK, MemoryType.WRITE_COMBINING, MemoryType.UNCACHED, MemoryType.DEVICE,
            MemoryType.WRITE_BACK, MemoryType.WRITE_THROUGH, MemoryType.UNCACHED, MemoryType.WRITE_THROUGH};
        for (int index = 0; index < 8; index++) {
            assertEquals(expected[index], PatLayout.LINUX.memoryTypeOf(index), "index " + index);
        }
    }

    @Test
    void patBitsSitAtBit7InPtesAndBit12InLargeLeaves() {
        long[] bits = {0, EntryBits.PWT, EntryBits.PCD, EntryBits.PCD | EntryBits.PWT};
        for (int index = 0; index < 8; index++) {
            long pte = 0x1003L | bits[index & 3] | ((index & 4) != 0 ? EntryBits.PAT_4K : 0);
            long pde = 0x200083L | bits[index & 3] | ((index & 4) != 0 ? EntryBits.PAT_LARGE : 0);
            assertEquals(index, FORMAT.patIndex(3, pte));
            assertEquals(index, FORMAT.patIndex(2, pde));
            assertEquals(PatLayout.LINUX.memoryTypeOf(index), FORMAT.leafFlags(3, pte).memoryType());
            assertEquals(0x200000L, FORMAT.leafAddress(2, pde));
        }
        long wtPte = FORMAT.leafTemplate(3, MappingFlags.of(MappingAccessRights.KERNEL_RW).withMemoryType(MemoryType.WRITE_THROUGH));
        assertEquals(EntryBits.PAT_4K | EntryBits.PCD | EntryBits.PWT, wtPte & (EntryBits.PAT_4K | EntryBits.PCD | EntryBits.PWT));
        long wtPde = FORMAT.leafTemplate(2, MappingFlags.of(MappingAccessRights.KERNEL_RW).withMemoryType(MemoryType.WRITE_THROUGH));
        assertEquals(EntryBits.PAT_LARGE | EntryBits.PCD | EntryBits.PWT | EntryBits.PS,
                wtPde & (EntryBits.PAT_LARGE | EntryBits.PCD | EntryBits.PWT | EntryBits.PS));
        long device = FORMAT.leafTemplate(3, MappingFlags.of(MappingAccessRights.KERNEL_RW).withMemoryType(MemoryType.DEVICE));
        assertEquals(EntryBits.PCD | EntryBits.PWT, device & (EntryBits.PAT_4K | EntryBits.PCD | EntryBits.PWT));
    }

    @Test
    void aLayoutWithoutATypeRefusesIt() {
        PatLayout powerOn = new PatLayout(PatLayout.POWER_ON_MSR);
        assertEquals(1, powerOn.indexOf(MemoryType.WRITE_THROUGH));
        RightsNotExpressibleException e = assertThrows(RightsNotExpressibleException.class,
                () -> powerOn.indexOf(MemoryType.WRITE_COMBINING));
        assertEquals(true, e.getMessage().contains("PAT"), e.getMessage());
        X86_64EntryFormat format = X86_64Architecture.fourLevel().withPatLayout(powerOn).format();
        assertThrows(RightsNotExpressibleException.class, () -> format.leafTemplate(3,
                MappingFlags.of(MappingAccessRights.KERNEL_RW).withMemoryType(MemoryType.WRITE_COMBINING)));
        assertThrows(IllegalArgumentException.class, () -> new PatLayout(0x02L));
    }
}
