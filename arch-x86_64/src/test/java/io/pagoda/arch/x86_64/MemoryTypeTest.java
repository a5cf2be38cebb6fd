package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import org.junit.jupiter.api.Test;

/**
 * Memory types of the x86-64 variants: by default through the SDM's power-on PAT (0 WB, 1 WT, 2
 * UC-, 3 UC, repeated), and through another IA32_PAT when the variant is built for one (Linux's: 0
 * WB, 1 WC, 2 UC-, 3 UC, 4 WB, 5 WP, 6 UC-, 7 WT).
 */
class MemoryTypeTest {
    private static final X86_64EntryFormat FORMAT = X86_64Architecture.fourLevel().format();
    private static final long LINUX_MSR = 0x0407050600070106L;
    private static final long TYPE_4K = X86EntryBits.PAT_4K | X86EntryBits.PCD | X86EntryBits.PWT;
    private static final long TYPE_LARGE =
            X86EntryBits.PAT_LARGE | X86EntryBits.PCD | X86EntryBits.PWT;

    private static long template(X86_64EntryFormat format, int level, MemoryType type) {
        return format.leafTemplate(
                level, MappingFlags.of(MappingAccessRights.KERNEL_RW).withMemoryType(type));
    }

    @Test
    void patBitsSitAtBit7InPtesAndBit12InLargeLeaves() {
        long[] bits = {0, X86EntryBits.PWT, X86EntryBits.PCD, X86EntryBits.PCD | X86EntryBits.PWT};
        MemoryType[] powerOn = {
            MemoryType.WRITE_BACK, MemoryType.WRITE_THROUGH, MemoryType.UNCACHED, MemoryType.DEVICE
        };
        for (int index = 0; index < 8; index++) {
            long pte = 0x1003L | bits[index & 3] | ((index & 4) != 0 ? X86EntryBits.PAT_4K : 0);
            long pde =
                    0x200083L | bits[index & 3] | ((index & 4) != 0 ? X86EntryBits.PAT_LARGE : 0);
            assertEquals(index, FORMAT.patIndex(3, pte));
            assertEquals(index, FORMAT.patIndex(2, pde));
            assertEquals(
                    powerOn[index & 3],
                    FORMAT.leafFlags(3, pte).memoryType(),
                    "PA4..PA7 repeat PA0..PA3");
            assertEquals(powerOn[index & 3], FORMAT.leafFlags(2, pde).memoryType());
            assertEquals(0x200000L, FORMAT.leafAddress(2, pde));
        }
    }

    @Test
    void aLinuxPatMovesWriteThroughAndAddsWriteCombining() {
        X86_64EntryFormat linux = X86_64Architecture.fourLevel().withPatMsr(LINUX_MSR).format();
        assertEquals(
                TYPE_4K,
                template(linux, 3, MemoryType.WRITE_THROUGH) & TYPE_4K,
                "WT is index 7 under Linux's PAT");
        assertEquals(
                TYPE_LARGE | X86EntryBits.PS,
                template(linux, 2, MemoryType.WRITE_THROUGH) & (TYPE_LARGE | X86EntryBits.PS));
        assertEquals(
                X86EntryBits.PWT,
                template(linux, 3, MemoryType.WRITE_COMBINING) & TYPE_4K,
                "WC is index 1");
        assertEquals(
                X86EntryBits.PCD | X86EntryBits.PWT,
                template(linux, 3, MemoryType.DEVICE) & TYPE_4K);
        assertEquals(
                MemoryType.WRITE_THROUGH,
                linux.leafFlags(3, 0x1003L | X86EntryBits.PAT_4K | X86EntryBits.PWT).memoryType(),
                "index 5 is WP, which reads back as write-through");
    }

    @Test
    void thePowerOnPatHasNoWriteCombining() {
        RightsNotExpressibleException e =
                assertThrows(
                        RightsNotExpressibleException.class,
                        () -> template(FORMAT, 3, MemoryType.WRITE_COMBINING));
        assertTrue(e.getMessage().contains("PAT"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> X86_64Architecture.fourLevel().withPatMsr(0x08L));
    }
}
