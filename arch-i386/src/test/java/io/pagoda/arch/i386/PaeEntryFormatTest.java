package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.TranslationRoot;
import org.junit.jupiter.api.Test;

/**
 * Decoding and encoding of the hardware-formats.md §2 entries. Encoded leaves are compared with A
 * and D masked off: Pagoda leaves them for the processor to set.
 */
class PaeEntryFormatTest {
    private static final long AD = X86EntryBits.A | X86EntryBits.D;
    private static final long MEMORY_TYPE_4K =
            X86EntryBits.PWT | X86EntryBits.PCD | X86EntryBits.PAT_4K;

    private final PaeArchitecture architecture = new PaeArchitecture();
    private final PaeEntryFormat format = architecture.format();
    private final TranslationRoot root = architecture.roots().get(0);

    private long reencode(int level, long raw) {
        return format.leafEntry(
                level,
                format.leafTemplate(level, format.leafFlags(level, raw)),
                format.leafAddress(level, raw));
    }

    @Test
    void vector1() {
        long pdpte = 0x0000_0001_2345_6001L;
        assertEquals(EntryKind.TABLE, format.kind(0, pdpte));
        assertEquals(0x1_2345_6000L, format.tableAddress(0, pdpte));
        assertEquals(MappingAccessRights.ALL_BITS, format.tableRightsLimit(0, pdpte));
        assertEquals(
                pdpte, format.tableEntry(0, 0x1_2345_6000L), "a PDPTE is just P and the address");

        long pde = 0x0000_0000_0ABC_D027L;
        assertEquals(EntryKind.TABLE, format.kind(1, pde));
        assertEquals(0x0ABC_D000L, format.tableAddress(1, pde));
        assertEquals(MappingAccessRights.ALL_BITS, format.tableRightsLimit(1, pde));

        long pte = 0x8000_000F_EDCB_A063L;
        assertEquals(EntryKind.LEAF, format.kind(2, pte));
        assertEquals(0xF_EDCB_A000L, format.leafAddress(2, pte));
        assertEquals(
                new MappingFlags(MappingAccessRights.parse("rw--"), MemoryType.WRITE_BACK, false),
                format.leafFlags(2, pte));
        assertEquals(pte & ~AD, reencode(2, pte));
    }

    @Test
    void vector2TwoMegabytePage() {
        long pdpte = 0x0000_0000_0011_1001L;
        assertEquals(pdpte, format.tableEntry(0, 0x0011_1000L));
        long pde = 0x0000_0002_0060_01E3L;
        assertEquals(EntryKind.LEAF, format.kind(1, pde));
        assertEquals(0x2_0060_0000L, format.leafAddress(1, pde));
        assertEquals(
                new MappingFlags(MappingAccessRights.parse("rwx-"), MemoryType.WRITE_BACK, true),
                format.leafFlags(1, pde));
        assertTrue(format.isGlobal(1, pde));
        assertEquals(pde & ~AD, reencode(1, pde));
    }

    @Test
    void vector3PatIndex5() {
        assertEquals(0x0000_0000_0022_2001L, format.tableEntry(0, 0x0022_2000L));
        long pde = 0x0000_0000_0033_3003L;
        assertEquals(EntryKind.TABLE, format.kind(1, pde));
        assertEquals(MappingAccessRights.parse("rwx-").bits(), format.tableRightsLimit(1, pde));
        long pte = 0x0000_0000_0009_F18BL;
        assertEquals(EntryKind.LEAF, format.kind(2, pte));
        assertEquals(0x0009_F000L, format.leafAddress(2, pte));
        assertEquals(
                X86EntryBits.PWT | X86EntryBits.PAT_4K,
                pte & MEMORY_TYPE_4K,
                "the reference calls it PAT index 5");
        MappingFlags flags = format.leafFlags(2, pte);
        assertEquals(MappingAccessRights.parse("rwx-"), flags.rights());
        assertTrue(flags.global());
        // index 5 is WT in the power-on PAT (PA5 = PA1); WRITE_THROUGH is written as index 1 (PWT
        // alone)
        assertEquals(MemoryType.WRITE_THROUGH, flags.memoryType());
        long encoded = reencode(2, pte);
        assertEquals(pte & ~MEMORY_TYPE_4K, encoded & ~MEMORY_TYPE_4K);
        assertEquals(X86EntryBits.PWT, encoded & MEMORY_TYPE_4K);
    }

    @Test
    void pdpteWithReservedBitFaultsAtRootLoad() {
        SparseMemory memory = new SparseMemory(52);
        long pdpt = 0x0034_5FE0L;
        assertNull(root.rootLoadFault(memory, pdpt), "an empty PDPT loads");
        memory.writeLong(pdpt + 8, 0x0011_1001L);
        assertNull(root.rootLoadFault(memory, pdpt));
        memory.writeLong(pdpt + 16, 0x1002L);
        assertNull(root.rootLoadFault(memory, pdpt), "a not-present PDPTE is not checked");
        memory.writeLong(pdpt, 0x1003L);
        String reason = root.rootLoadFault(memory, pdpt);
        assertNotNull(reason);
        assertTrue(
                reason.contains("#GP") && reason.contains("PDPTE 0") && reason.contains("0x2"),
                reason);
        assertEquals(EntryKind.RESERVED, format.kind(0, 0x1003L));
        for (long bit :
                new long[] {
                    1L << 1, 1L << 2, 1L << 5, 1L << 6, 1L << 7, 1L << 8, 1L << 52, 1L << 62,
                    1L << 63
                }) {
            assertEquals(EntryKind.RESERVED, format.kind(0, 0x1001L | bit), Long.toHexString(bit));
        }
        for (long bit : new long[] {1L << 3, 1L << 4, 1L << 9, 1L << 10, 1L << 11, 1L << 51}) {
            assertEquals(EntryKind.TABLE, format.kind(0, 0x1001L | bit), Long.toHexString(bit));
        }
    }

    @Test
    void bits62To52AreReservedNotIgnored() {
        assertEquals(EntryKind.RESERVED, format.kind(2, 0x0010_0000_0000_1003L));
        assertEquals(EntryKind.RESERVED, format.kind(2, 0x4000_0000_0000_1003L));
        assertEquals(EntryKind.RESERVED, format.kind(1, 0x4000_0000_0000_1003L));
        assertEquals(
                EntryKind.RESERVED,
                format.kind(1, 0x0000_0000_0020_2083L),
                "bit 13 of a 2 MiB PDE");
        assertEquals(
                EntryKind.LEAF, format.kind(2, 0x8000_0000_0000_1003L), "XD is allowed with NXE=1");
        assertTrue(format.malformation(2, 0x4000_0000_0000_1003L).contains("62:52"));
    }

    @Test
    void pdptCannotHoldLeavesAndRightsAreFullyExpressible() {
        assertThrows(
                RightsNotExpressibleException.class,
                () -> format.leafTemplate(0, MappingFlags.of(MappingAccessRights.KERNEL_RW)));
        long kernelData = format.leafTemplate(2, MappingFlags.of(MappingAccessRights.KERNEL_RW));
        assertEquals(X86EntryBits.XD | X86EntryBits.RW | X86EntryBits.P, kernelData);
        assertEquals(
                X86EntryBits.US | X86EntryBits.P | X86EntryBits.PS,
                format.leafTemplate(1, MappingFlags.of(MappingAccessRights.USER_RX)));
        assertThrows(
                RightsNotExpressibleException.class,
                () -> format.leafTemplate(2, MappingFlags.of(MappingAccessRights.parse("-w-u"))));
    }

    @Test
    void tableRightsCombine() {
        // a PDE without RW, US and with XD limits everything below to read-only kernel data
        long pde = 0x8000_0000_0033_3001L;
        assertEquals(MappingAccessRights.READABLE_BIT, format.tableRightsLimit(1, pde));
    }

    @Test
    void unusedAndGuard() {
        assertEquals(EntryKind.UNUSED, format.kind(0, 0));
        assertEquals(EntryKind.UNUSED, format.kind(2, 0x60));
        assertEquals(0x200L, format.guardEntry(0));
        assertEquals(EntryKind.GUARD, format.kind(0, 0x200));
        assertEquals(EntryKind.GUARD, format.kind(1, 0x200));
        assertEquals(EntryKind.INVALID, format.kind(2, 0x8000_0000_0000_0000L));
        assertFalse(format.isGlobal(1, 0x0033_3103L), "bit 8 of a PDE linking a table is ignored");
    }

    @Test
    void rootRegister() {
        assertEquals(0x0034_5FE0L, root.tableAddress(0xFFFF_FFFF_0034_5FFFL));
        assertEquals(32, root.rootAlignment());
        assertEquals(0x0034_5FE0L, root.registerValue(0x0034_5FE0L, 0));
        assertThrows(MisalignedAddressException.class, () -> root.registerValue(0x0034_5FF0L, 0));
        assertThrows(PhysicalAddressException.class, () -> root.registerValue(0x1_0000_0000L, 0));
        assertEquals("CR3", root.registerName());
    }

    @Test
    void framesOutOfReachAreRefused() {
        long template = format.leafTemplate(1, MappingFlags.of(MappingAccessRights.KERNEL_RW));
        assertThrows(
                PhysicalAddressException.class, () -> format.leafEntry(1, template, 0x0010_0000L));
        assertThrows(
                PhysicalAddressException.class,
                () -> format.leafEntry(1, template, 0x10_0000_0000_0000L));
        assertThrows(PhysicalAddressException.class, () -> format.tableEntry(0, 0x0010_0800L));
    }
}
