package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.arch.x86.PatLayout;
import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryKind;
import org.junit.jupiter.api.Test;

/** Unused, guard, invalid and reserved entries; rights the format refuses. */
class EntryDecodingTest {
    private static final X86_64EntryFormat FOUR = X86_64Architecture.fourLevel().format();
    private static final X86_64EntryFormat FIVE = X86_64Architecture.fiveLevel().format();

    @Test
    void guardIsBit9AloneAtEveryLevel() {
        for (int level = 0; level < 4; level++) {
            assertEquals(0x200L, FOUR.guardEntry(level));
            assertEquals(EntryKind.GUARD, FOUR.kind(level, 0x200L));
        }
        for (int level = 0; level < 5; level++) {
            assertEquals(0x200L, FIVE.guardEntry(level));
            assertEquals(EntryKind.GUARD, FIVE.kind(level, 0x200L));
        }
    }

    @Test
    void accessedAndDirtyAloneAreUnusedKnightsLandingErratum() {
        for (long raw : new long[] {0, 0x20, 0x40, 0x60}) {
            for (int level = 0; level < 4; level++) {
                assertEquals(EntryKind.UNUSED, FOUR.kind(level, raw), Long.toHexString(raw));
            }
        }
        // a guard the erratum touched is still a guard
        assertEquals(EntryKind.GUARD, FOUR.kind(3, 0x260L));
    }

    @Test
    void otherNotPresentContentIsInvalid() {
        for (long raw :
                new long[] {
                    0x2L, 0x400L, 0x1000L, 0x1200L, 0x8000000000000000L, 0x0000000001001006L
                }) {
            assertEquals(EntryKind.INVALID, FOUR.kind(3, raw), Long.toHexString(raw));
        }
        assertTrue(FOUR.malformation(3, 0x1200L).contains("12"), FOUR.malformation(3, 0x1200L));
    }

    @Test
    void psInPml4eAndPml5eIsReserved() {
        assertEquals(EntryKind.RESERVED, FOUR.kind(0, 0x2083L));
        assertEquals(EntryKind.RESERVED, FIVE.kind(0, 0x2083L));
        assertEquals(EntryKind.RESERVED, FIVE.kind(1, 0x2083L));
        String why = FOUR.malformation(0, 0x2083L);
        assertTrue(why.contains("bit 7") && why.contains("PML4E"), why);
        assertTrue(FIVE.malformation(0, 0x2083L).contains("PML5E"));
    }

    @Test
    void lowReservedBitsOfLargeLeaves() {
        assertEquals(EntryKind.RESERVED, FOUR.kind(1, 0x40002083L));
        String why = FOUR.malformation(1, 0x40002083L);
        assertTrue(why.contains("13") && why.contains("1 GiB"), why);
        for (int bit = 13; bit <= 29; bit++) {
            assertEquals(
                    EntryKind.RESERVED,
                    FOUR.kind(1, 0x40000083L | (1L << bit)),
                    "1 GiB bit " + bit);
        }
        for (int bit = 13; bit <= 20; bit++) {
            assertEquals(
                    EntryKind.RESERVED, FOUR.kind(2, 0x200083L | (1L << bit)), "2 MiB bit " + bit);
        }
        assertTrue(FOUR.malformation(2, 0x202083L).contains("2 MiB"));
        // bit 12 is PAT in a large leaf, not reserved; in a table entry and a PTE it is an address
        // bit
        assertEquals(EntryKind.LEAF, FOUR.kind(1, 0x40001083L));
        assertEquals(EntryKind.LEAF, FOUR.kind(2, 0x201083L));
        assertEquals(EntryKind.TABLE, FOUR.kind(1, 0x2003L));
        assertEquals(EntryKind.TABLE, FOUR.kind(2, 0x2003L));
        // without PS the same bits are table-address bits
        assertEquals(EntryKind.TABLE, FOUR.kind(1, 0x40002003L));
    }

    @Test
    void pteBit7IsPatNotPs() {
        assertEquals(EntryKind.LEAF, FOUR.kind(3, 0x1083L));
        assertEquals(4, FOUR.patIndex(3, 0x1083L));
        assertEquals(0x1000L, FOUR.leafAddress(3, 0x1083L));
    }

    @Test
    void bitsAboveMaxPhysicalAreReservedWhenNarrower() {
        X86_64EntryFormat narrow = new X86_64EntryFormat(4, 46, PatLayout.LINUX);
        assertEquals(EntryKind.RESERVED, narrow.kind(3, 0x0000400000000003L));
        assertTrue(narrow.malformation(3, 0x0000400000000003L).contains("MAXPHYADDR"));
        assertEquals(EntryKind.LEAF, narrow.kind(3, 0x00003FFFFFFFF003L));
        // with M = 52 there is nothing between the address and the ignored bits 58:52
        assertEquals(EntryKind.LEAF, FOUR.kind(3, 0x07FFFFFFFFFFF003L));
        assertEquals(0x000FFFFFFFFFF000L, FOUR.leafAddress(3, 0x07FFFFFFFFFFF003L));
    }

    @Test
    void protectionKeyBitsAreNeverReserved() {
        for (int key = 0; key < 16; key++) {
            long pte = ProtectionKeys.withKey(0x1003L, key);
            assertEquals(EntryKind.LEAF, FOUR.kind(3, pte));
            assertEquals(key, ProtectionKeys.key(pte));
            assertEquals(0x1000L, FOUR.leafAddress(3, pte));
        }
        assertThrows(IllegalArgumentException.class, () -> ProtectionKeys.withKey(0x1003L, 16));
    }

    @Test
    void refusesRightsWithoutRead() {
        for (MappingAccessRights rights : MappingAccessRights.all()) {
            if (rights.bits() != 0 && !rights.isReadable()) {
                RightsNotExpressibleException e =
                        assertThrows(
                                RightsNotExpressibleException.class,
                                () -> FOUR.leafTemplate(3, MappingFlags.of(rights)));
                assertTrue(
                        e.getMessage().contains(rights.toString())
                                && e.getMessage().contains("READABLE")
                                && e.getMessage().contains("level 3"),
                        e.getMessage());
            }
        }
    }

    @Test
    void refusesLeavesAboveThePdpt() {
        RightsNotExpressibleException e =
                assertThrows(
                        RightsNotExpressibleException.class,
                        () -> FIVE.leafTemplate(1, MappingFlags.of(MappingAccessRights.KERNEL_RW)));
        assertTrue(e.getMessage().contains("PML4E"), e.getMessage());
    }

    @Test
    void rightsMapToTheirBits() {
        MappingFlags userCode =
                new MappingFlags(MappingAccessRights.USER_RX, MemoryType.WRITE_BACK, false);
        long template = FOUR.leafTemplate(3, userCode);
        assertEquals(0L, template & X86EntryBits.XD);
        assertEquals(X86EntryBits.US, template & X86EntryBits.US);
        assertEquals(
                0L,
                template
                        & (X86EntryBits.RW
                                | X86EntryBits.D)); // no D on a read-only leaf (CET shadow stack)
        long kernelData =
                FOUR.leafTemplate(
                        2,
                        new MappingFlags(
                                MappingAccessRights.KERNEL_RW, MemoryType.WRITE_BACK, true));
        assertEquals(
                X86EntryBits.XD
                        | X86EntryBits.G
                        | X86EntryBits.PS
                        | X86EntryBits.RW
                        | X86EntryBits.D
                        | X86EntryBits.A
                        | X86EntryBits.P,
                kernelData);
        assertFalse(FOUR.isGlobal(2, 0x1103L)); // bit 8 of a table entry is ignored
    }

    @Test
    void tableRightsCombine() {
        assertEquals(MappingAccessRights.ALL_BITS, FOUR.tableRightsLimit(0, 0x1007L));
        assertEquals(
                MappingAccessRights.ALL_BITS & ~MappingAccessRights.WRITABLE_BIT,
                FOUR.tableRightsLimit(0, 0x1005L));
        assertEquals(
                MappingAccessRights.ALL_BITS & ~MappingAccessRights.EXECUTABLE_BIT,
                FOUR.tableRightsLimit(0, 0x8000000000001007L));
        assertEquals(
                MappingAccessRights.READABLE_BIT, FOUR.tableRightsLimit(0, 0x8000000000001001L));
    }

    @Test
    void leafEntriesTakeOnlyTheFrameField() {
        long template = FOUR.leafTemplate(2, MappingFlags.of(MappingAccessRights.KERNEL_RW));
        // bit 12 of a misaligned 2 MiB frame would read as PAT, bits 20:13 as reserved
        assertEquals(
                FOUR.leafEntry(2, template, 0x200000L), FOUR.leafEntry(2, template, 0x3FF000L));
        assertEquals(EntryKind.LEAF, FOUR.kind(2, FOUR.leafEntry(2, template, 0x3FF000L)));
        assertEquals(0x000FFFFFC0000000L, FOUR.leafAddress(1, -1L));
        assertEquals(0x000FFFFFFFE00000L, FOUR.leafAddress(2, -1L));
        assertEquals(0x000FFFFFFFFFF000L, FOUR.leafAddress(3, -1L));
        assertEquals(0x000FFFFFFFFFF000L, FOUR.tableAddress(0, -1L));
    }

    @Test
    void describesEveryKind() {
        assertTrue(FOUR.describe(3, 0).contains("unused"));
        assertTrue(FOUR.describe(3, 0x200L).contains("guard"));
        assertTrue(FOUR.describe(0, 0x2083L).contains("reserved"));
        assertTrue(FOUR.describe(3, 0x1200L).contains("invalid"));
        String table = FOUR.describe(0, 0x8000000001001007L);
        assertTrue(
                table.startsWith("PML4E")
                        && table.contains("table -> 0x1001000")
                        && table.contains("XD"),
                table);
        String leaf = FIVE.describe(3, 0x000000007FE000E7L);
        assertTrue(
                leaf.startsWith("PDE") && leaf.contains("PS") && leaf.contains("WRITE_BACK"), leaf);
    }
}
