package io.pagoda.arch.aarch64;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.HardwareVector.Access;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors worked out by hand from hardware-formats.md §4 and the Arm ARM (D8, stage 1 EL1&amp;0)
 * that state what each leaf means, for any granule and VA size: size, rights for EL0 and EL1, the
 * memory type its AttrIndx selects under {@link MairLayout#MAIR_EL1} (0 WB, 1 Device-nGnRE, 2 NC, 3
 * WT, 5 NC named write-combining) and global, with the table restrictions (APTable, UXNTable,
 * PXNTable) and the break-before-make rule.
 *
 * <p>Each walk follows index 0 at every level but the top (index 1 for the restriction vectors, so
 * they get their own subtree) and the leaf's (its slot); the indices come from the reference's
 * formula (start level {@code 4 - (vaBits - 4) / (g - 3)}, level n indexes VA[g + s(3-n) + s - 1 :
 * g + s(3-n)]), never from this module. Table descriptors are {@code address | 0b11} plus the
 * restriction bits named. Leaves are literals:
 *
 * <pre>
 *  AP[2:1] = bits 7:6: 00 EL1 RW / EL0 none, 01 RW / RW, 10 RO / none, 11 RO / RO; SH = bits 9:8; AF = bit 10;
 *  nG = bit 11; AttrIndx = bits 4:2; GP = 50; Contiguous = 52; PXN = 53; UXN = 54; software 58:55.
 *  EL1 never executes an EL0-writable page (implicit PXN); a PXN page is not executed by EL1 either.
 * </pre>
 */
final class MeaningVectors {
    /**
     * PXN | frame 0x40000000 | nG AF SH=11 (0xF00) | AP=01 (0x40) | AttrIndx 0 | page (0b11): EL0
     * rwx, EL1 rw-.
     */
    static final long USER_RWX = 0x0020000040000F43L;

    /**
     * UXN | frame 0x40010000 | AF SH=11 (0x700) | AP=10 (0x80) | AttrIndx 3 (0x0C) | page: EL1 r-x
     * write-through, global.
     */
    static final long KERNEL_RX_WT = 0x004000004001078FL;

    /**
     * PXN UXN | frame 0x40020000 | nG AF SH (0xF00) | AP=11 (0xC0) | AttrIndx 5 (0x14) | page: EL0
     * and EL1 r--.
     */
    static final long USER_RO_WC = 0x0060000040020FD7L;

    /**
     * PXN UXN | frame 0x40030000 | AF SH (0x700) | AP=00 | AttrIndx 1 (0x04) | page: EL1 rw-
     * Device-nGnRE, global.
     */
    static final long KERNEL_RW_DEVICE = 0x0060000040030707L;

    /**
     * SW bit 56 | GP (50) | PXN UXN | frame 0x40040000 | nG AF SH | AP=01 | AttrIndx 2 (0x08) |
     * page: EL0/EL1 rw- NC.
     */
    static final long USER_RW_NC_KEPT = 0x0164000040040F4BL;

    /** PXN | frame 0x40050000 | nG AF SH | AP=11 | AttrIndx 0 | page: EL0 r-x; EL1 r-- (PXN). */
    static final long USER_RX = 0x0020000040050FC3L;

    /** UXN | frame 0x40060000 | AF SH | AP=00 | AttrIndx 0 | page: EL1 rwx, global. */
    static final long KERNEL_RWX = 0x0040000040060703L;

    /** PXN UXN | frame 0x40070000 | nG AF SH | AP=01 | AttrIndx 0 | page: EL0 and EL1 rw-. */
    static final long USER_RW = 0x0060000040070F43L;

    /**
     * PXN UXN | frame 0x80000000 | AF SH | AP=00 | AttrIndx 0 | block (0b01) at L2: EL1 rw-,
     * global.
     */
    static final long KERNEL_BLOCK = 0x0060000080000701L;

    /** {@link #KERNEL_BLOCK} without its frame: PXN UXN | AF SH | AP=00 | AttrIndx 0 | block. */
    static final long KERNEL_BLOCK_ATTRIBUTES = 0x0060000000000701L;

    private static final long PXN_TABLE = 1L << 59;
    private static final long UXN_TABLE = 1L << 60;
    private static final long AP_TABLE_NO_EL0 = 1L << 61;
    private static final long AP_TABLE_READ_ONLY = 1L << 62;
    private static final long OFFSET = 0x123;

    private MeaningVectors() {}

    static List<HardwareVector> forSetup(TranslationSetup setup) {
        List<HardwareVector> out = new ArrayList<>();
        Walk lower = new Walk(setup.lower(), 0, 0L, 0x7000_0000L, setup.lpa2());
        Walk upper =
                new Walk(
                        setup.upper(),
                        1,
                        -(1L << setup.upper().vaBits()),
                        0x7800_0000L,
                        setup.lpa2());
        int page = lower.leafLevel();
        out.add(
                lower.page("EL0 rwx page", 0, 1, USER_RWX, 0)
                        .meaning(lower.pageSize, page, "rwx", "rw-", MemoryType.WRITE_BACK, false)
                        .rewrite(
                                "nG 1 -> 0",
                                page,
                                lower.leafAddress(0, 1),
                                0x0020000040000743L,
                                true));
        out.add(
                lower.page("EL1 r-x write-through page", 0, 2, KERNEL_RX_WT, 0)
                        .meaning(lower.pageSize, page, "---", "r-x", MemoryType.WRITE_THROUGH, true)
                        .faultingOn(false, Access.WRITE, FaultType.PROTECTION, page)
                        .faultingOn(true, Access.EXECUTE, FaultType.PROTECTION, page));
        out.add(
                lower.page("EL0 read-only write-combining page", 0, 3, USER_RO_WC, 0)
                        .meaning(
                                lower.pageSize,
                                page,
                                "r--",
                                "r--",
                                MemoryType.WRITE_COMBINING,
                                false)
                        .faultingOn(true, Access.WRITE, FaultType.PROTECTION, page));
        long device = lower.leafAddress(0, 4);
        out.add(
                lower.page("EL1 device page", 0, 4, KERNEL_RW_DEVICE, 0)
                        .meaning(lower.pageSize, page, "---", "rw-", MemoryType.DEVICE, true)
                        .faultingOn(true, Access.READ, FaultType.PROTECTION, page)
                        .rewrite("output address", page, device, 0x0060000040080707L, true)
                        .rewrite("AttrIndx 1 -> 0", page, device, 0x0060000040030703L, true)
                        .rewrite(
                                "shareability inner -> outer",
                                page,
                                device,
                                0x0060000040030607L,
                                true)
                        .rewrite("Contiguous set", page, device, 0x0070000040030707L, true)
                        .rewrite("AP: read-only", page, device, 0x0060000040030787L, false)
                        .rewrite("nG 0 -> 1", page, device, 0x0060000040030F07L, false)
                        .rewrite("PXN cleared", page, device, 0x0040000040030707L, false)
                        .rewrite("software bit 55 set", page, device, 0x00E0000040030707L, false)
                        .rewrite("invalidated", page, device, 0L, false)
                        .rewrite(
                                "top table entry pointing elsewhere",
                                0,
                                lower.rootTable,
                                0x0000000070F10003L,
                                true)
                        .rewrite(
                                "top table entry gaining UXNTable",
                                0,
                                lower.rootTable,
                                (lower.rootTable + 0x10000L) | 0b11 | UXN_TABLE,
                                false));
        out.add(
                lower.page(
                                "EL0 rw- non-cacheable page with GP and a software bit",
                                0,
                                5,
                                USER_RW_NC_KEPT,
                                0)
                        .meaning(lower.pageSize, page, "rw-", "rw-", MemoryType.UNCACHED, false)
                        .faultingOn(true, Access.EXECUTE, FaultType.PROTECTION, page)
                        .retains(0x0104000000000000L));
        out.add(
                lower.page("EL0 r-x page (PXN)", 0, 6, USER_RX, 0)
                        .meaning(lower.pageSize, page, "r-x", "r--", MemoryType.WRITE_BACK, false));
        out.add(
                lower.page("EL1 rwx page", 0, 7, KERNEL_RWX, 0)
                        .meaning(lower.pageSize, page, "---", "rwx", MemoryType.WRITE_BACK, true));
        // table restrictions, in the subtree of top index 1
        out.add(
                lower.page("APTable[0] over an EL0 rw- page", 1, 1, USER_RW, AP_TABLE_NO_EL0)
                        .meaning(lower.pageSize, page, "---", "rw-", MemoryType.WRITE_BACK, false)
                        .faultingOn(true, Access.READ, FaultType.PROTECTION, page));
        out.add(
                lower.page("APTable[1] over an EL0 rw- page", 1, 1, USER_RW, AP_TABLE_READ_ONLY)
                        .meaning(lower.pageSize, page, "r--", "r--", MemoryType.WRITE_BACK, false)
                        .faultingOn(false, Access.WRITE, FaultType.PROTECTION, page));
        out.add(
                lower.page("UXNTable over an EL0 rwx page", 1, 1, USER_RWX, UXN_TABLE)
                        .meaning(lower.pageSize, page, "rw-", "rw-", MemoryType.WRITE_BACK, false)
                        .faultingOn(true, Access.EXECUTE, FaultType.PROTECTION, page));
        out.add(
                lower.page("UXNTable over an EL1 rwx page", 1, 1, KERNEL_RWX, UXN_TABLE)
                        .meaning(lower.pageSize, page, "---", "rwx", MemoryType.WRITE_BACK, true));
        out.add(
                lower.page("PXNTable over an EL1 rwx page", 1, 1, KERNEL_RWX, PXN_TABLE)
                        .meaning(lower.pageSize, page, "---", "rw-", MemoryType.WRITE_BACK, true)
                        .faultingOn(false, Access.EXECUTE, FaultType.PROTECTION, page));
        out.add(
                lower.page("PXNTable over an EL0 rwx page", 1, 1, USER_RWX, PXN_TABLE)
                        .meaning(lower.pageSize, page, "rwx", "rw-", MemoryType.WRITE_BACK, false));
        out.add(
                lower.page(
                                "APTable=11, UXNTable and PXNTable over an EL0 rwx page",
                                1,
                                1,
                                USER_RWX,
                                AP_TABLE_NO_EL0 | AP_TABLE_READ_ONLY | UXN_TABLE | PXN_TABLE)
                        .meaning(lower.pageSize, page, "---", "r--", MemoryType.WRITE_BACK, false));
        // a block at L2 (2 MiB, 32 MiB or 512 MiB), slot 2 of the L2 table of the top-index-0 path
        int block = 2 - lower.start;
        long blockSize = 1L << lower.shift(2);
        long blockEntry = lower.entryAddress(2, 0, 2);
        out.add(
                lower.at("EL1 rw- block at L2", 0, 2, 2, KERNEL_BLOCK, 0)
                        .meaning(blockSize, block, "---", "rw-", MemoryType.WRITE_BACK, true)
                        .rewrite(
                                "block to table (size)",
                                block,
                                blockEntry,
                                0x0000000070F00003L,
                                true)
                        // a table at the block's own output address, bits 11:2 (ignored in a
                        // table) as the block's: only table <-> block differs (reference §4 BBM)
                        .rewrite(
                                "block to table at the same address",
                                block,
                                blockEntry,
                                0x0000000080000703L,
                                true)
                        .rewrite("AttrIndx 0 -> 2", block, blockEntry, 0x0060000080000709L, true)
                        .rewrite("Contiguous set", block, blockEntry, 0x0070000080000701L, true)
                        .rewrite("nG 0 -> 1", block, blockEntry, 0x0060000080000F01L, false)
                        .rewrite("AP: read-only", block, blockEntry, 0x0060000080000781L, false));
        // the largest block the granule allows (hardware-formats.md §4, "Where blocks are
        // allowed"): 4K at L1 (L0 with
        // DS=1), 16K at L2 (L1 with DS=1), 64K at L2 (L1 with a 52-bit PA, FEAT_LPA); one level
        // above it a block
        // descriptor (bits[1:0] = 01) is a translation fault at that level
        boolean wide = setup.lpa2() || setup.largePhysicalAddress();
        int largest =
                switch (setup.lower().granule()) {
                    case FOUR_KIB -> wide ? 0 : 1;
                    case SIXTEEN_KIB, SIXTY_FOUR_KIB -> wide ? 1 : 2;
                };
        if (largest < 2 && largest >= lower.start) {
            long size = 1L << lower.shift(largest);
            out.add(
                    lower.at(
                                    "EL1 rw- block at L"
                                            + largest
                                            + " (the largest this granule allows)",
                                    0,
                                    largest,
                                    3,
                                    KERNEL_BLOCK_ATTRIBUTES | size,
                                    0)
                            .meaning(
                                    size,
                                    largest - lower.start,
                                    "---",
                                    "rw-",
                                    MemoryType.WRITE_BACK,
                                    true));
        }
        if (largest - 1 >= lower.start) {
            int none = largest - 1;
            HardwareVector shape =
                    lower.at(
                            "block at L" + none + ", where the granule allows none",
                            0,
                            none,
                            3,
                            KERNEL_BLOCK_ATTRIBUTES | (1L << lower.shift(none)),
                            0);
            out.add(
                    HardwareVector.faults(
                            shape.id(),
                            0,
                            lower.rootTable,
                            shape.entries(),
                            8,
                            shape.virtualAddress(),
                            FaultType.NOT_PRESENT,
                            none - lower.start));
        }
        // invalid leaves: bit 55 alone is the guard marker; any other invalid value is a
        // translation fault
        out.add(lower.invalid("guard marker at L3", 8, 0x0080000000000000L, FaultType.GUARD));
        out.add(
                lower.invalid(
                        "invalid descriptor 0x4 at L3",
                        9,
                        0x0000000000000004L,
                        FaultType.NOT_PRESENT));
        // TTBR1
        int upperPage = upper.leafLevel();
        out.add(
                upper.page("TTBR1 EL1 r-x write-through page", 0, 2, KERNEL_RX_WT, 0)
                        .meaning(
                                upper.pageSize,
                                upperPage,
                                "---",
                                "r-x",
                                MemoryType.WRITE_THROUGH,
                                true));
        out.add(
                upper.page("TTBR1 EL1 device page", 0, 4, KERNEL_RW_DEVICE, 0)
                        .meaning(upper.pageSize, upperPage, "---", "rw-", MemoryType.DEVICE, true)
                        .faultingOn(true, Access.WRITE, FaultType.PROTECTION, upperPage));
        out.add(
                upper.page("TTBR1 PXNTable over an EL1 rwx page", 1, 1, KERNEL_RWX, PXN_TABLE)
                        .meaning(
                                upper.pageSize,
                                upperPage,
                                "---",
                                "rw-",
                                MemoryType.WRITE_BACK,
                                true));
        return out;
    }

    /** The index arithmetic of one half, from the reference's formulas. */
    private static final class Walk {
        final int root;
        final long base;
        final long rootTable;
        final int pageShift;
        final int stride;
        final int start;
        final long pageSize;

        /**
         * DS=1: a leaf's bits 9:8 (written 0b11, inner shareable, in the literals) are OA[51:50]
         * instead.
         */
        final boolean lpa2;

        Walk(TranslationHalf half, int root, long base, long rootTable, boolean lpa2) {
            this.lpa2 = lpa2;
            this.root = root;
            this.base = base;
            this.rootTable = rootTable;
            this.pageShift = half.granule().pageShift();
            this.stride = pageShift - 3;
            this.start = 4 - (half.vaBits() - 4) / stride;
            this.pageSize = 1L << pageShift;
        }

        int leafLevel() {
            return 3 - start;
        }

        /** VA bit of the lowest index bit of hardware level {@code level}. */
        int shift(int level) {
            return pageShift + stride * (3 - level);
        }

        /**
         * The table of hardware level {@code level} on the path of top index {@code top}: 64 KiB
         * apart.
         */
        long table(int level, int top) {
            return level == start
                    ? rootTable
                    : rootTable + 0x100000L * top + 0x10000L * (level - start);
        }

        int index(int level, int top, int leafLevel, int slot) {
            return level == leafLevel ? slot : level == start ? top : 0;
        }

        long entryAddress(int level, int top, int slot) {
            return table(level, top) + 8L * slot;
        }

        long leafAddress(int top, int slot) {
            return entryAddress(3, top, slot);
        }

        /** The top-index-0 path with L3 slot {@code slot} holding the invalid value {@code raw}. */
        HardwareVector invalid(String what, int slot, long raw, FaultType fault) {
            HardwareVector valid = page(what, 0, slot, raw | 0b11, 0);
            Map<Long, Long> entries = new HashMap<>(valid.entries());
            entries.put(leafAddress(0, slot), raw);
            return HardwareVector.faults(
                    "aarch64 " + what,
                    root,
                    rootTable,
                    entries,
                    8,
                    valid.virtualAddress(),
                    fault,
                    leafLevel());
        }

        HardwareVector page(String what, int top, int slot, long leaf, long topTableBits) {
            return at(what, top, 3, slot, leaf, topTableBits);
        }

        HardwareVector at(
                String what, int top, int leafLevel, int slot, long leaf, long topTableBits) {
            Map<Long, Long> entries = new HashMap<>();
            long va = base + OFFSET;
            for (int level = start; level <= leafLevel; level++) {
                int index = index(level, top, leafLevel, slot);
                va += (long) index << shift(level);
                long address = table(level, top) + 8L * index;
                entries.put(
                        address,
                        level == leafLevel
                                ? leaf
                                : table(level + 1, top)
                                        | 0b11
                                        | (level == start ? topTableBits : 0));
            }
            long frame =
                    lpa2
                            ? (leaf & 0x0003FFFFFFFFF000L & -(1L << shift(leafLevel)))
                                    | ((leaf >>> 8) & 3) << 50
                            : leaf & 0x0000FFFFFFFFF000L & -(1L << shift(leafLevel));
            return HardwareVector.translates(
                    "aarch64 " + what + " (" + Long.toHexString(leaf) + ")",
                    root,
                    rootTable,
                    entries,
                    8,
                    va,
                    frame + OFFSET);
        }
    }
}
