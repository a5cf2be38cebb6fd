package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each reference descriptor decoded as §4 describes it, and re-encoded from its decoded flags.
 * Expected values are the reference's; where the encoder deliberately differs the mask says so.
 */
class ReferenceDescriptorTest {
    /** SH: the encoder always writes 11 (inner shareable); A3 carries 10. */
    private static final long SH = 0x300L;

    /** Bits 58:55 are software bits the encoder never sets; A3 carries bit 55. */
    private static final long SOFTWARE = 0x0780000000000000L;

    /**
     * PXN on a user page: the encoder always sets it (EL1 never executes user memory); A3 leaves it
     * clear.
     */
    private static final long PXN = 1L << 53;

    /**
     * UXN on a kernel page: the encoder always sets it (no EL0 execute-only); B1 and C3 leave it
     * clear.
     */
    private static final long UXN = 1L << 54;

    /**
     * AttrIndx: A3's index 4 is Device-nGnRnE, read as DEVICE, which the encoder writes as index 1
     * (nGnRE).
     */
    private static final long ATTR = 0x1CL;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // vector, variant, root, geometry level, raw, address, rights, memory type, global, bits
        // the encoder differs on
        "A1, aarch64,            0, 3, 0020000087654F47, 87654000,      rwxu, DEVICE,          false, 0",
        "A2, aarch64,            1, 2, 0060000080200789, 80200000,      r---, UNCACHED,        true,  0",
        "A3, aarch64,            0, 1, 008000C000000ED1, C000000000,    r-xu, DEVICE,          false, SH|SW|PXN|ATTR",
        "A4, aarch64-4k-39,      0, 2, 00400000BEEF0703, BEEF0000,      rwx-, WRITE_BACK,      true,  0",
        "B1, aarch64-16k-48,     0, 3, 000000012345C707, 12345C000,     rwx-, DEVICE,          true,  UXN",
        "B2, aarch64-16k-47,     0, 1, 00600000FE00078D, FE000000,      r---, WRITE_THROUGH,   true,  0",
        "C1, aarch64-64k-48,     0, 2, 00200000ABCD0F47, ABCD0000,      rwxu, DEVICE,          false, 0",
        "C2, aarch64-64k-42,     0, 0, 0060000060000701, 60000000,      rw--, WRITE_BACK,      true,  0",
        "C3, aarch64-64k-48-lpa, 0, 2, 000000001234F707, F000012340000, rwx-, DEVICE,          true,  UXN",
    })
    void leafDescriptorsDecodeAndReencode(
            String id,
            String name,
            int root,
            int level,
            String rawHex,
            String addressHex,
            String rights,
            MemoryType type,
            boolean global,
            String differs) {
        EntryFormat format = Variants.get(name).roots().get(root).format();
        long raw = Long.parseUnsignedLong(rawHex, 16);
        long pa = Long.parseLong(addressHex, 16);
        MappingFlags flags = new MappingFlags(MappingAccessRights.parse(rights), type, global);
        assertEquals(EntryKind.LEAF, format.kind(level, raw), id);
        assertEquals(pa, format.leafAddress(level, raw), id);
        assertEquals(flags, format.leafFlags(level, raw), id);
        assertEquals(global, format.isGlobal(level, raw), id);
        long ignore = 0;
        for (String part : differs.split("\\|")) {
            ignore |=
                    switch (part) {
                        case "SH" -> SH;
                        case "SW" -> SOFTWARE;
                        case "PXN" -> PXN;
                        case "UXN" -> UXN;
                        case "ATTR" -> ATTR;
                        default -> 0L;
                    };
        }
        long encoded = format.leafEntry(level, format.leafTemplate(level, flags), pa);
        assertEquals(Long.toHexString(raw & ~ignore), Long.toHexString(encoded & ~ignore), id);
        assertEquals(flags, format.leafFlags(level, encoded), id + " re-encoded");
    }

    @ParameterizedTest(name = "{0} {4}")
    @CsvSource({
        // vector, variant, root, geometry level, raw, next table
        "A1, aarch64,            0, 0, 0000000080001003, 80001000",
        "A1, aarch64,            0, 1, 0000000080002003, 80002000",
        "A1, aarch64,            0, 2, 0000000080003003, 80003000",
        "A2, aarch64,            1, 0, 0000000090001003, 90001000",
        "A2, aarch64,            1, 1, 0000000090002003, 90002000",
        "A4, aarch64-4k-39,      0, 0, 00000000A0001003, A0001000",
        "A4, aarch64-4k-39,      0, 1, 00000000A0002003, A0002000",
        "B1, aarch64-16k-48,     0, 0, 00000000C0004003, C0004000",
        "B1, aarch64-16k-48,     0, 1, 00000000C0008003, C0008000",
        "B1, aarch64-16k-48,     0, 2, 00000000C000C003, C000C000",
        "B2, aarch64-16k-47,     0, 0, 00000000C1004003, C1004000",
        "C1, aarch64-64k-48,     0, 0, 00000000D0010003, D0010000",
        "C1, aarch64-64k-48,     0, 1, 00000000D0020003, D0020000",
        "C3, aarch64-64k-48-lpa, 0, 0, 00000000D2010003, D2010000",
        "C3, aarch64-64k-48-lpa, 0, 1, 00000000D2020003, D2020000",
    })
    void tableDescriptorsDecodeAndReencode(
            String id, String name, int root, int level, String rawHex, String tableHex) {
        EntryFormat format = Variants.get(name).roots().get(root).format();
        long raw = Long.parseUnsignedLong(rawHex, 16);
        long table = Long.parseLong(tableHex, 16);
        assertEquals(EntryKind.TABLE, format.kind(level, raw), id);
        assertEquals(table, format.tableAddress(level, raw), id);
        int limit = format.tableRightsLimit(level, raw);
        for (MappingAccessRights rights : MappingAccessRights.all()) {
            assertEquals(
                    rights.bits(),
                    format.combineRights(rights.bits(), limit),
                    id + ": a plain table restricts nothing");
        }
        assertEquals(raw, format.tableEntry(level, table), id);
    }

    @Test
    void a3TableRemovesEl0AccessBelowIt() {
        EntryFormat format = Variants.get("aarch64").roots().get(0).format();
        long raw = 0x2000000080010003L; // APTable = 01
        assertEquals(EntryKind.TABLE, format.kind(0, raw));
        assertEquals(0x80010000L, format.tableAddress(0, raw));
        assertEquals(
                MappingAccessRights.ALL_BITS & ~MappingAccessRights.USER_ACCESSIBLE_BIT,
                format.combineRights(
                        MappingAccessRights.ALL_BITS, format.tableRightsLimit(0, raw)));
        // effective rights of A3 through the walker: the user page becomes EL1-only
        var result =
                ReferenceVectorTest.walk(
                        Variants.get("aarch64"),
                        ReferenceVectorTest.find(Variants.get("aarch64"), "A3"));
        assertEquals(MappingAccessRights.parse("r-x-"), result.flags().rights());
        assertEquals(MemoryType.DEVICE, result.flags().memoryType());
    }

    /**
     * §4 table attributes: APTable[1] removes write, APTable[0] EL0 access, UXNTable execution by
     * EL0 only and PXNTable execution by EL1 only.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "APTable[1] on a user page,      62, rwxu, r-xu",
        "APTable[1] on a kernel page,    62, rwx-, r-x-",
        "PXNTable on a kernel page,      59, r-x-, r---",
        "PXNTable leaves a user page,    59, r-xu, r-xu",
        "UXNTable on a user page,        60, r-xu, r--u",
        "UXNTable leaves a kernel page,  60, r-x-, r-x-",
        "APTable[0] on a user page,      61, rw-u, rw--",
    })
    void tableAttributeBitsLimitEverythingBelow(
            String what, int bit, String leaf, String effective) {
        EntryFormat format = Variants.get("aarch64").roots().get(0).format();
        int limit = format.tableRightsLimit(0, 0x80010003L | (1L << bit));
        assertEquals(
                MappingAccessRights.parse(effective).bits(),
                format.combineRights(MappingAccessRights.parse(leaf).bits(), limit),
                what);
    }

    @Test
    void allFourTableAttributesLeaveOnlyRead() {
        EntryFormat format = Variants.get("aarch64").roots().get(0).format();
        int limit = format.tableRightsLimit(0, 0x80010003L | (0xFL << 59));
        assertEquals(
                MappingAccessRights.READABLE_BIT,
                format.combineRights(MappingAccessRights.ALL_BITS, limit));
        assertEquals(
                MappingAccessRights.READABLE_BIT,
                format.combineRights(MappingAccessRights.parse("rwx-").bits(), limit));
    }

    @Test
    void mairLayoutMatchesTheIndices() {
        long mair = MairLayout.MAIR_EL1;
        int[] expected = {0xFF, 0x04, 0x44, 0xBB, 0x00, 0x44, 0x00, 0x00};
        for (int index = 0; index < 8; index++) {
            assertEquals(
                    expected[index], (int) ((mair >>> (8 * index)) & 0xFF), "MAIR byte " + index);
        }
        for (MemoryType type : MemoryType.values()) {
            assertEquals(type, MairLayout.DEFAULT.memoryType(MairLayout.DEFAULT.attrIndex(type)));
        }
        assertEquals(MemoryType.DEVICE, MairLayout.DEFAULT.memoryType(4));
        assertEquals(mair, Variants.get("aarch64").memoryAttributeRegister());
    }

    @Test
    void protectAndSplitKeepSoftwareAndGuardedPageBits() {
        DescriptorFormat format = Variants.get("aarch64").root(0).descriptorFormat();
        long a3 = 0x008000C000000ED1L;
        assertEquals(0x0080000000000000L, format.retainedBits(1, a3));
        long all = -1L;
        assertEquals(
                0x0780000000000000L | (1L << 50),
                format.retainedBits(3, all),
                "SW 58:55 and GP only: not DBM, Contiguous, nT");
    }

    @Test
    void descriptionsNameTheFields() {
        EntryFormat format = Variants.get("aarch64").roots().get(0).format();
        String text = format.describe(1, 0x008000C000000ED1L);
        assertTrue(text.startsWith("L1 block 0xC0_0000_0000"), text);
        assertTrue(
                text.contains("AttrIndx=4")
                        && text.contains("nG")
                        && text.contains("SW=0x1")
                        && text.contains("SH=10"),
                text);
        assertTrue(format.describe(0, 0x2000000080010003L).contains("APTable[0]"));
        assertTrue(format.describe(3, 0x0080000000000000L).contains("guard"));
    }
}
