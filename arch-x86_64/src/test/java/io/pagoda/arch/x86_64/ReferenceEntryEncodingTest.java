package io.pagoda.arch.x86_64;

import static io.pagoda.arch.x86_64.RawAssert.assertRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.EntryKind;
import org.junit.jupiter.api.Test;

/**
 * Each entry of the hardware-formats.md §3 vectors, decoded and re-encoded. Expected values are the
 * reference's; where the encoder deliberately writes other bits, the test says which and why.
 */
class ReferenceEntryEncodingTest {
    private static final X86_64EntryFormat FOUR = X86_64Architecture.fourLevel().format();
    private static final X86_64EntryFormat FIVE = X86_64Architecture.fiveLevel().format();
    // levels of the 4-level hierarchy
    private static final int PML4 = 0;
    private static final int PDPT = 1;
    private static final int PD = 2;
    private static final int PT = 3;

    @Test
    void userTableEntriesAreExactlyWhatTheEncoderWrites() {
        // 4-level #1: P|RW|US tables, no A: the encoder's permissive table entry, bit for bit
        assertTable(FOUR, PML4, 0x0000000001001007L, 0x1001000L);
        assertTable(FOUR, PDPT, 0x0000000001002007L, 0x1002000L);
        assertTable(FOUR, PD, 0x0000000001003007L, 0x1003000L);
        assertRaw(0x0000000001001007L, FOUR.tableEntry(PML4, 0x1001000L));
        assertRaw(0x0000000001002007L, FOUR.tableEntry(PDPT, 0x1002000L));
        assertRaw(0x0000000001003007L, FOUR.tableEntry(PD, 0x1003000L));
        // 5-level #1..#3: every table entry is P|RW|US
        long[][] fiveLevel = {
            {0, 0x0000000002001007L},
            {1, 0x0000000002002007L},
            {2, 0x0000000002003007L},
            {3, 0x0000000002004007L},
            {0, 0x0000000002101007L},
            {1, 0x0000000002102007L},
            {2, 0x0000000002103007L},
            {3, 0x0000000002104007L},
            {0, 0x0000000002201007L},
            {1, 0x0000000002202007L},
            {2, 0x0000000002203007L}
        };
        for (long[] entry : fiveLevel) {
            int level = (int) entry[0];
            long address = entry[1] & ~0xFFFL;
            assertTable(FIVE, level, entry[1], address);
            assertRaw(entry[1], FIVE.tableEntry(level, address));
        }
    }

    @Test
    void kernelTableEntriesWithoutUsDecodeAndLimitUserAccess() {
        // 4-level #2 and #3: P|RW tables (US clear). The encoder's tables are permissive (P|RW|US)
        // and leave
        // the rights to the leaves, so US is the one bit it differs on.
        long[][] kernel = {
            {PML4, 0x0000000001011003L}, {PDPT, 0x0000000001012003L}, {PML4, 0x0000000001021003L}
        };
        for (long[] entry : kernel) {
            int level = (int) entry[0];
            long address = entry[1] & ~0xFFFL;
            assertTable(FOUR, level, entry[1], address);
            assertEquals(
                    MappingAccessRights.ALL_BITS & ~MappingAccessRights.USER_ACCESSIBLE_BIT,
                    FOUR.tableRightsLimit(level, entry[1]));
            assertRaw(entry[1], FOUR.tableEntry(level, address) & ~X86EntryBits.US);
        }
    }

    @Test
    void fourLevelVector1PteWithProtectionKey5() {
        long pte = 0xA800001234567067L;
        assertLeaf(FOUR, PT, pte, 0x1234567000L, "rw-u", MemoryType.WRITE_BACK, false);
        assertEquals(5, ProtectionKeys.key(pte));
        long template =
                ProtectionKeys.withKey(
                        FOUR.leafTemplate(PT, flags("rw-u", MemoryType.WRITE_BACK, false)), 5);
        assertRaw(pte, FOUR.leafEntry(PT, template, 0x1234567000L));
    }

    @Test
    void fourLevelVector2LargePageWithPatBit12() {
        long pde = 0x00000003FFE011E3L;
        assertEquals(4, FOUR.patIndex(PD, pde));
        // PAT index 4 is write-back in Linux's PAT layout, like index 0
        assertLeaf(FOUR, PD, pde, 0x3FFE00000L, "rwx-", MemoryType.WRITE_BACK, true);
        long encoded =
                FOUR.leafEntry(
                        PD,
                        FOUR.leafTemplate(PD, flags("rwx-", MemoryType.WRITE_BACK, true)),
                        0x3FFE00000L);
        // the encoder picks the lowest PAT index for a type (0 for WB), so bit 12 is the one bit it
        // differs on
        assertRaw(pde & ~X86EntryBits.PAT_LARGE, encoded);
    }

    @Test
    void fourLevelVector3OneGibLeaf() {
        long pdpte = 0x800000FFC00001E3L;
        assertLeaf(FOUR, PDPT, pdpte, 0xFFC0000000L, "rw--", MemoryType.WRITE_BACK, true);
        assertRaw(
                pdpte,
                FOUR.leafEntry(
                        PDPT,
                        FOUR.leafTemplate(PDPT, flags("rw--", MemoryType.WRITE_BACK, true)),
                        0xFFC0000000L));
    }

    @Test
    void fiveLevelVector1PteNeverWritten() {
        long pte = 0x0000000000ABC027L;
        assertLeaf(FIVE, 4, pte, 0xABC000L, "rwxu", MemoryType.WRITE_BACK, false);
        long encoded =
                FIVE.leafEntry(
                        4,
                        FIVE.leafTemplate(4, flags("rwxu", MemoryType.WRITE_BACK, false)),
                        0xABC000L);
        // the encoder pre-sets D on writable leaves (so the MMU never has to); the reference page
        // was never written
        assertRaw(pte, encoded & ~X86EntryBits.D);
        assertEquals(X86EntryBits.D, encoded ^ pte);
    }

    @Test
    void fiveLevelVector2GlobalNoExecutePte() {
        long pte = 0x8000000765432163L;
        assertLeaf(FIVE, 4, pte, 0x765432000L, "rw--", MemoryType.WRITE_BACK, true);
        assertRaw(
                pte,
                FIVE.leafEntry(
                        4,
                        FIVE.leafTemplate(4, flags("rw--", MemoryType.WRITE_BACK, true)),
                        0x765432000L));
    }

    @Test
    void fiveLevelVector3TwoMibUserLeaf() {
        long pde = 0x000000007FE000E7L;
        assertLeaf(FIVE, 3, pde, 0x7FE00000L, "rwxu", MemoryType.WRITE_BACK, false);
        assertRaw(
                pde,
                FIVE.leafEntry(
                        3,
                        FIVE.leafTemplate(3, flags("rwxu", MemoryType.WRITE_BACK, false)),
                        0x7FE00000L));
    }

    @Test
    void levelsAreNamedAfterTheHardware() {
        assertEquals("PML4E", FOUR.entryName(0));
        assertEquals("PTE", FOUR.entryName(3));
        assertEquals("PML5E", FIVE.entryName(0));
        assertEquals("PML4E", FIVE.entryName(1));
        assertTrue(
                FOUR.describe(PT, 0xA800001234567067L).contains("PK=5"),
                FOUR.describe(PT, 0xA800001234567067L));
        assertTrue(FOUR.describe(PD, 0x00000003FFE011E3L).contains("PAT"));
    }

    private static void assertTable(X86_64EntryFormat format, int level, long raw, long address) {
        assertEquals(EntryKind.TABLE, format.kind(level, raw), format.describe(level, raw));
        assertEquals(address, format.tableAddress(level, raw));
        assertFalse(format.isGlobal(level, raw));
    }

    private static void assertLeaf(
            X86_64EntryFormat format,
            int level,
            long raw,
            long address,
            String rights,
            MemoryType type,
            boolean global) {
        assertEquals(EntryKind.LEAF, format.kind(level, raw), format.describe(level, raw));
        assertEquals(address, format.leafAddress(level, raw));
        assertEquals(flags(rights, type, global), format.leafFlags(level, raw));
        assertEquals(global, format.isGlobal(level, raw));
    }

    private static MappingFlags flags(String rights, MemoryType type, boolean global) {
        return new MappingFlags(MappingAccessRights.parse(rights), type, global);
    }
}
