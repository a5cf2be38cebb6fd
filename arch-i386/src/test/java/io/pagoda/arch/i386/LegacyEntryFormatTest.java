package io.pagoda.arch.i386;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.arch.x86.X86EntryBits;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryKind;
import org.junit.jupiter.api.Test;

/**
 * Decoding and encoding of the hardware-formats.md §1 entries. Expected values are the reference's.
 * Encoded leaves are compared with A and D masked off: Pagoda writes leaves with A/D clear and lets
 * the processor set them, while the reference entries were captured after use.
 */
class LegacyEntryFormatTest {
    private static final long AD = X86EntryBits.A | X86EntryBits.D;
    private static final long MEMORY_TYPE_4K =
            X86EntryBits.PWT | X86EntryBits.PCD | X86EntryBits.PAT_4K;
    private static final long MEMORY_TYPE_4M =
            X86EntryBits.PWT | X86EntryBits.PCD | X86EntryBits.PAT_LARGE;

    private final LegacyEntryFormat strict =
            new LegacyEntryFormat(ExecutePolicy.REFUSE_NON_EXECUTABLE, 36);
    private final LegacyEntryFormat widen =
            new LegacyEntryFormat(ExecutePolicy.WIDEN_TO_EXECUTABLE, 36);

    private long reencode(LegacyEntryFormat format, int level, long raw) {
        return format.leafEntry(
                level,
                format.leafTemplate(level, format.leafFlags(level, raw)),
                format.leafAddress(level, raw));
    }

    @Test
    void vector1DirectoryEntryLinksThePageTable() {
        long pde = 0x0020_0003L;
        assertEquals(EntryKind.TABLE, strict.kind(0, pde));
        assertEquals(0x0020_0000L, strict.tableAddress(0, pde));
        // P,RW without US: user access is cut below it, execution never is
        assertEquals(MappingAccessRights.parse("rwx-").bits(), strict.tableRightsLimit(0, pde));
        assertFalse(
                strict.isGlobal(0, pde | X86EntryBits.G),
                "bit 8 of a PDE linking a table is ignored");
    }

    @Test
    void vector1PageTableEntry() {
        long pte = 0x0ABC_D163L;
        assertEquals(EntryKind.LEAF, strict.kind(1, pte));
        assertEquals(0x0ABC_D000L, strict.leafAddress(1, pte));
        assertEquals(
                new MappingFlags(MappingAccessRights.parse("rwx-"), MemoryType.WRITE_BACK, true),
                strict.leafFlags(1, pte));
        assertTrue(strict.isGlobal(1, pte));
        assertEquals(pte & ~AD, reencode(strict, 1, pte));
    }

    @Test
    void vector2FourMegabytePage() {
        long pde = 0x12C0_00E7L;
        assertEquals(EntryKind.LEAF, strict.kind(0, pde));
        assertEquals(0x12C0_0000L, strict.leafAddress(0, pde));
        assertEquals(
                new MappingFlags(MappingAccessRights.parse("rwxu"), MemoryType.WRITE_BACK, false),
                strict.leafFlags(0, pde));
        assertFalse(strict.isGlobal(0, pde));
        assertEquals(pde & ~AD, reencode(strict, 0, pde));
    }

    @Test
    void vector3Pse36PageAboveFourGigabytes() {
        long pde = 0x4040_7095L;
        assertEquals(EntryKind.LEAF, strict.kind(0, pde));
        assertEquals(0x3_4040_0000L, strict.leafAddress(0, pde));
        assertEquals(
                X86EntryBits.PCD | X86EntryBits.PAT_LARGE,
                pde & MEMORY_TYPE_4M,
                "the reference calls it PAT index 6");
        MappingFlags flags = strict.leafFlags(0, pde);
        assertEquals(MappingAccessRights.parse("r-xu"), flags.rights());
        assertEquals(
                MemoryType.UNCACHED,
                flags.memoryType(),
                "index 6 is UC- in the power-on PAT (PA6 = PA2)");
        // UNCACHED is written as the lowest UC- index, 2 (PCD alone): only the PAT bit differs
        long encoded = reencode(strict, 0, pde);
        assertEquals(pde & ~AD & ~MEMORY_TYPE_4M, encoded & ~MEMORY_TYPE_4M);
        assertEquals(X86EntryBits.PCD, encoded & MEMORY_TYPE_4M);
    }

    @Test
    void pse36HighBitsAreEncodedFromTheAddress() {
        long template =
                strict.leafTemplate(
                        0,
                        new MappingFlags(
                                MappingAccessRights.parse("r-xu"), MemoryType.UNCACHED, false));
        // index 6 of the reference as raw bits: PCD | PAT(bit 12), with P, US, PS
        long reference = 0x4040_7095L;
        long withReferenceType =
                (template & ~MEMORY_TYPE_4M) | X86EntryBits.PCD | X86EntryBits.PAT_LARGE;
        assertEquals(reference, strict.leafEntry(0, withReferenceType, 0x3_4040_0000L));
    }

    @Test
    void reservedBitOfA4MegabytePageWithM36() {
        long pde = 0x4042_0081L;
        assertEquals(EntryKind.RESERVED, strict.kind(0, pde));
        assertEquals(0x003E_0000L, strict.largePageReservedMask());
        assertTrue(strict.malformation(0, pde).contains("0x20000"), strict.malformation(0, pde));
        assertTrue(strict.malformation(0, pde).contains("[21:17]"), strict.malformation(0, pde));
        // the same entry is a well-formed page at 0x10_4040_0000 where M' = 40
        LegacyEntryFormat wide = new LegacyEntryFormat(ExecutePolicy.REFUSE_NON_EXECUTABLE, 40);
        assertEquals(EntryKind.LEAF, wide.kind(0, pde));
        assertEquals(0x10_4040_0000L, wide.leafAddress(0, pde));
        // bit 7 of a PTE is PAT, never reserved (PAT supported), and PDE bits 21:13 mean nothing
        // without PS
        assertEquals(EntryKind.LEAF, strict.kind(1, 0x0020_0081L | 0x003E_0000L));
        assertEquals(EntryKind.TABLE, strict.kind(0, 0x0062_0001L));
    }

    @Test
    void unusedGuardAndInvalid() {
        assertEquals(EntryKind.UNUSED, strict.kind(0, 0));
        assertEquals(EntryKind.UNUSED, strict.kind(1, X86EntryBits.A));
        assertEquals(EntryKind.UNUSED, strict.kind(1, X86EntryBits.A | X86EntryBits.D));
        assertEquals(0x0000_0200L, strict.guardEntry(0));
        assertEquals(0x0000_0200L, strict.guardEntry(1));
        assertEquals(EntryKind.GUARD, strict.kind(0, 0x200));
        assertEquals(EntryKind.GUARD, strict.kind(1, 0x260));
        assertEquals(EntryKind.INVALID, strict.kind(1, 0x0ABC_D000L));
        assertEquals(
                EntryKind.INVALID, strict.kind(1, 0x1_0000_0001L), "a 4-byte entry has no bit 32");
    }

    @Test
    void tableEntriesArePermissive() {
        assertEquals(0x0020_0007L, strict.tableEntry(0, 0x0020_0000L));
        assertThrows(PhysicalAddressException.class, () -> strict.tableEntry(0, 0x1_0000_0000L));
        assertThrows(PhysicalAddressException.class, () -> strict.tableEntry(0, 0x0020_0800L));
    }

    @Test
    void strictVariantRefusesNonExecutableWithTheFix() {
        RightsNotExpressibleException e =
                assertThrows(
                        RightsNotExpressibleException.class,
                        () ->
                                strict.leafTemplate(
                                        1, MappingFlags.of(MappingAccessRights.KERNEL_RW)));
        assertTrue(e.getMessage().contains("rw--"), e.getMessage());
        assertTrue(e.getMessage().contains("EXECUTABLE"), e.getMessage());
        assertTrue(e.getMessage().contains("i386-widen-exec"), e.getMessage());
        assertTrue(e.getMessage().contains("level 1"), e.getMessage());
    }

    @Test
    void widenVariantMapsExecutableAndSaysSo() {
        long pte =
                widen.leafEntry(
                        1,
                        widen.leafTemplate(1, MappingFlags.of(MappingAccessRights.USER_RW)),
                        0x5000);
        assertEquals(0x5007L, pte);
        assertEquals(MappingAccessRights.parse("rwxu"), widen.leafFlags(1, pte).rights());
    }

    @Test
    void writeOnlyAndExecuteOnlyAreRefusedByBoth() {
        for (LegacyEntryFormat format : new LegacyEntryFormat[] {strict, widen}) {
            for (String rights : new String[] {"-w--", "--x-", "-wx-", "---u", "-wxu"}) {
                RightsNotExpressibleException e =
                        assertThrows(
                                RightsNotExpressibleException.class,
                                () ->
                                        format.leafTemplate(
                                                0,
                                                MappingFlags.of(
                                                        MappingAccessRights.parse(rights))));
                assertTrue(e.getMessage().contains("READABLE"), e.getMessage());
            }
        }
    }

    @Test
    void memoryTypesAndGlobal() {
        MappingFlags device =
                new MappingFlags(MappingAccessRights.KERNEL_RX, MemoryType.DEVICE, true);
        assertEquals(
                X86EntryBits.P | X86EntryBits.PWT | X86EntryBits.PCD | X86EntryBits.G,
                strict.leafTemplate(1, device));
        assertEquals(
                X86EntryBits.P
                        | X86EntryBits.PWT
                        | X86EntryBits.PCD
                        | X86EntryBits.G
                        | X86EntryBits.PS,
                strict.leafTemplate(0, device));
        MappingFlags writeThrough =
                new MappingFlags(MappingAccessRights.KERNEL_RX, MemoryType.WRITE_THROUGH, false);
        // power-on PA1 = WT: PWT alone, at both sizes
        assertEquals(X86EntryBits.PWT, strict.leafTemplate(1, writeThrough) & MEMORY_TYPE_4K);
        assertEquals(X86EntryBits.PWT, strict.leafTemplate(0, writeThrough) & MEMORY_TYPE_4M);
        MappingFlags combining =
                new MappingFlags(MappingAccessRights.KERNEL_RX, MemoryType.WRITE_COMBINING, false);
        assertThrows(
                RightsNotExpressibleException.class,
                () -> strict.leafTemplate(1, combining),
                "the power-on PAT has no WC");
    }

    @Test
    void framesOutOfReachAreRefused() {
        long template4k = strict.leafTemplate(1, MappingFlags.of(MappingAccessRights.KERNEL_RX));
        long template4m = strict.leafTemplate(0, MappingFlags.of(MappingAccessRights.KERNEL_RX));
        assertThrows(
                PhysicalAddressException.class,
                () -> strict.leafEntry(1, template4k, 0x1_0000_0000L));
        assertThrows(
                PhysicalAddressException.class,
                () -> strict.leafEntry(0, template4m, 0x10_0000_0000L));
        assertThrows(
                PhysicalAddressException.class,
                () -> strict.leafEntry(0, template4m, 0x0020_0000L));
        assertEquals(
                0xF_FFC0_0000L,
                strict.leafAddress(0, strict.leafEntry(0, template4m, 0xF_FFC0_0000L)));
    }

    @Test
    void describeNamesTheBits() {
        String text = strict.describe(0, 0x4040_7095L);
        assertTrue(text.startsWith("PDE leaf 4 MiB @ 0x3_4040_0000"), text);
        assertTrue(text.contains("PS"), text);
        assertTrue(strict.describe(1, 0x0ABC_D163L).contains("G"));
    }
}
