package io.pagoda.arch.x86_64;

import io.pagoda.arch.x86.PatLayout;
import io.pagoda.arch.x86.X86CpuStates;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.RootSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the conformance kit checks beyond each variant's hardware vectors, worked out by hand from
 * the Intel SDM Vol. 3A (never produced by this module's code): CPU states, one piece of evidence
 * each, and the IA-32e paging mode table 4-1 (§4.1.1) says they are in; and {@code x86_64} under
 * Linux's IA32_PAT (§11.12; arch/x86/mm/pat/memtype.c), whose entries, unlike the power-on ones,
 * differ between indices 0..3 and 4..7 and include write-combining.
 */
public final class X86_64ModuleVectors implements ModuleVectors {
    private static final String FOUR = "x86_64";
    private static final String FIVE = "x86_64-la57";

    // CR0.PE bit 0, CR0.PG bit 31; CR4.PAE bit 5, CR4.PGE bit 7, CR4.LA57 bit 12, CR4.PCIDE bit 17
    private static final long CR0 = 0x8000_0011L; // PG, ET, PE
    private static final long CR4 = 0x0000_00A0L; // PAE, PGE
    private static final long CR4_LA57 = 1L << 12;
    private static final long CR4_PCIDE = 1L << 17;
    // QEMU's segment-cache flags word holds descriptor bits 63:32 from bit 8: L (bit 53) is bit 21
    private static final long CS_LONG = 0x00A0_9B00L; // G, L, P, S, type 0xB
    private static final long CS_COMPAT = 0x00C0_9B00L; // G, D, P, S, type 0xB (L clear)
    private static final int EM_386 = 3;
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final long CR3 = 0x0123_4000L;

    /** Linux's IA32_PAT: 0 WB, 1 WC, 2 UC-, 3 UC, 4 WB, 5 WP, 6 UC-, 7 WT. */
    private static final long LINUX_PAT = 0x0407_0506_0007_0106L;

    /**
     * What a boot stub loads (SDM Vol. 3A §2.5, §4.1, §4.10.1): CR0.PG and PE with WP (the vectors'
     * kernel rights assume it); CR4.PAE, PGE (the vectors' global leaves), LA57 for 5-level only,
     * PCIDE exactly when CR3 carries a PCID; EFER.LME and NXE (the leaves' XD bits are reserved
     * without it); IA32_PAT the power-on value the memory types are written for. CR3: the table,
     * the PCID in bits 11:0, or PWT (bit 3) and PCD (bit 4) for uncached walks.
     */
    @Override
    public List<BootVector> bootVectors() {
        long cr0 = 0x8001_0001L;
        long efer = 0x900L; // LME bit 8, NXE bit 11
        long pat = 0x0007_0406_0007_0406L; // PA0 WB, PA1 WT, PA2 UC-, PA3 UC, repeated
        long table = 0x20_0000L;
        return List.of(
                boot(FOUR, "4-level", RootSettings.DEFAULT, table, CR4, cr0, efer, pat),
                boot(
                        FOUR,
                        "4-level, PCID 5",
                        new RootSettings(5, false, false),
                        table | 5,
                        CR4 | CR4_PCIDE,
                        cr0,
                        efer,
                        pat),
                boot(
                        FOUR,
                        "4-level, uncached walks",
                        new RootSettings(0, true, false),
                        table | 0x18,
                        CR4,
                        cr0,
                        efer,
                        pat),
                boot(FIVE, "5-level", RootSettings.DEFAULT, table, CR4 | CR4_LA57, cr0, efer, pat),
                boot(
                        FIVE,
                        "5-level, PCID 0xFFF",
                        new RootSettings(0xFFF, false, false),
                        table | 0xFFF,
                        CR4 | CR4_LA57 | CR4_PCIDE,
                        cr0,
                        efer,
                        pat));
    }

    private static BootVector boot(
            String variant,
            String what,
            RootSettings settings,
            long cr3,
            long cr4,
            long cr0,
            long efer,
            long pat) {
        return new BootVector(
                "x86_64 boot: " + what,
                variant,
                List.of(0x20_0000L),
                settings,
                Map.of("CR3", cr3, "CR4", cr4, "CR0", cr0, "EFER", efer, "IA32_PAT", pat));
    }

    /**
     * The layouts: 4-level tables split at PML4 entry 256 (user 0..0x7FFF_FFFF_FFFF, kernel from
     * 0xFFFF_8000_0000_0000; each entry 2^39 bytes), 5-level at PML5 entry 256 (2^48 bytes each,
     * kernel from 0xFF00_0000_0000_0000). The recursive slot takes its entry out of its half; the
     * direct map stays at Linux's base (0xFFFF_8880_0000_0000, LA57 0xFF11_0000_0000_0000).
     */
    @Override
    public List<LayoutVector> layoutVectors() {
        long dm4 = 0xFFFF_8880_0000_0000L;
        long dm5 = 0xFF11_0000_0000_0000L;
        X86_64Architecture four = X86_64Architecture.fourLevel();
        return List.of(
                // slot 511: the kernel range ends before entry 511, at 0xFFFF_FF80_0000_0000
                layout(
                        "4-level, slot 511",
                        four,
                        0,
                        0x7FFF_FFFF_FFFFL,
                        0xFFFF_8000_0000_0000L,
                        0xFFFF_FF7F_FFFF_FFFFL,
                        256,
                        510,
                        511,
                        dm4),
                // the direct map moved to the start of the kernel half: slot 511 stays where it was
                layout(
                        "4-level, slot 511, direct map at the kernel half's start",
                        four.withDirectMapBase(0xFFFF_8000_0000_0000L),
                        0,
                        0x7FFF_FFFF_FFFFL,
                        0xFFFF_8000_0000_0000L,
                        0xFFFF_FF7F_FFFF_FFFFL,
                        256,
                        510,
                        511,
                        0xFFFF_8000_0000_0000L),
                layout(
                        "4-level, slot 256",
                        four.withRecursiveSlot(256),
                        0,
                        0x7FFF_FFFF_FFFFL,
                        0xFFFF_8080_0000_0000L,
                        -1L,
                        257,
                        511,
                        256,
                        dm4),
                layout(
                        "4-level, slot 255",
                        four.withRecursiveSlot(255),
                        0,
                        0x7F7F_FFFF_FFFFL,
                        0xFFFF_8000_0000_0000L,
                        -1L,
                        256,
                        511,
                        255,
                        dm4),
                layout(
                        "4-level, slot 0",
                        four.withRecursiveSlot(0),
                        0x80_0000_0000L,
                        0x7FFF_FFFF_FFFFL,
                        0xFFFF_8000_0000_0000L,
                        -1L,
                        256,
                        511,
                        0,
                        dm4),
                layout(
                        "4-level, no slot",
                        four.withRecursiveSlot(-1),
                        0,
                        0x7FFF_FFFF_FFFFL,
                        0xFFFF_8000_0000_0000L,
                        -1L,
                        256,
                        511,
                        -1,
                        dm4),
                new LayoutVector(
                        "x86_64-la57 layout: slot 511",
                        FIVE,
                        X86_64Architecture.fiveLevel(),
                        new AddressLayout(
                                0,
                                0x00FF_FFFF_FFFF_FFFFL,
                                0xFF00_0000_0000_0000L,
                                0xFFFE_FFFF_FFFF_FFFFL,
                                256,
                                510,
                                511,
                                dm5)));
    }

    private static LayoutVector layout(
            String what,
            X86_64Architecture architecture,
            long userFirst,
            long userLast,
            long kernelFirst,
            long kernelLast,
            int kernelRootFirst,
            int kernelRootLast,
            int slot,
            long directMap) {
        return new LayoutVector(
                "x86_64 layout: " + what,
                FOUR,
                architecture,
                new AddressLayout(
                        userFirst,
                        userLast,
                        kernelFirst,
                        kernelLast,
                        kernelRootFirst,
                        kernelRootLast,
                        slot,
                        directMap));
    }

    @Override
    public List<DetectionVector> detectionVectors() {
        return List.of(
                vector("long mode, 4-level", EM_X86_64, CR0, CR3, CR4, CS_LONG, FOUR, FIVE),
                vector(
                        "CR4.LA57 = 1: 5-level",
                        EM_X86_64,
                        CR0,
                        CR3,
                        CR4 | CR4_LA57,
                        CS_LONG,
                        FIVE,
                        FOUR),
                // CR3 with PCIDE holds a PCID in bits 11:0; the root register is CR3 as it is
                vector(
                        "CR4.PCIDE = 1, PCID 5",
                        EM_X86_64,
                        CR0,
                        CR3 | 5,
                        CR4 | CR4_PCIDE,
                        CS_LONG,
                        FOUR,
                        FIVE),
                // compatibility mode: CS.L = 0 but EFER.LMA = 1 (QEMU: EM_X86_64); same tables
                vector("compatibility mode", EM_X86_64, CR0, CR3, CR4, CS_COMPAT, FOUR, FIVE),
                vector(
                        "compatibility mode, LA57",
                        EM_X86_64,
                        CR0,
                        CR3,
                        CR4 | CR4_LA57,
                        CS_COMPAT,
                        FIVE,
                        FOUR),
                // a 64-bit code segment runs only with LMA = 1, whatever e_machine says
                vector("CS.L = 1 under EM_386", EM_386, CR0, CR3, CR4, CS_LONG, FOUR, FIVE),
                vector(
                        "CS.L = 1 under EM_386, LA57",
                        EM_386,
                        CR0,
                        CR3,
                        CR4 | CR4_LA57,
                        CS_LONG,
                        FIVE,
                        FOUR),
                none("EM_386, CS.L = 0: protected mode", EM_386, CR0, CR3, CR4, CS_COMPAT),
                none("EM_386, no CS.L: protected mode", EM_386, CR0, CR3, CR4, -1),
                none("CR0.PG = 0: no paging", EM_X86_64, CR0 & ~(1L << 31), CR3, CR4, CS_LONG),
                none(
                        "CR4.PAE = 0: not IA-32e paging",
                        EM_X86_64,
                        CR0,
                        CR3,
                        CR4 & ~(1L << 5),
                        CS_LONG),
                none("an AArch64 core", EM_AARCH64, CR0, CR3, CR4, CS_LONG),
                none("no CR0", EM_X86_64, -1, CR3, CR4, CS_LONG),
                none("no CR3", EM_X86_64, CR0, -1, CR4, CS_LONG),
                none("no CR4", EM_X86_64, CR0, CR3, -1, CS_LONG));
    }

    /** The names arch-x86_64's README lists for each variant. */
    @Override
    public Map<String, String> documentedNames() {
        return Map.of(
                "amd64", FOUR,
                "x86-64", FOUR,
                "x86_64-4level", FOUR,
                "intel64", FOUR,
                "x86_64-5level", FIVE,
                "x86-64-la57", FIVE,
                "amd64-la57", FIVE,
                "la57", FIVE);
    }

    /**
     * The builders' edges. A recursive slot must not split the user half (0..255) or the kernel
     * half (256..511): only 0, 255, 256, 511 or none cut a half at its edge (README, "Layouts"). A
     * direct map must start at a canonical address: bits 63:47 (63:56 with LA57) all equal. A
     * format has 4 or 5 levels (SDM Vol. 3A §4.5) and MAXPHYADDR is 36 at least (SDM §4.1.4) and 52
     * at most. An IA32_PAT byte holds a 3-bit type, and types 2 and 3 are reserved (SDM §13.12.2).
     */
    @Override
    public List<BuildVector> buildVectors() {
        Class<IllegalArgumentException> refused = IllegalArgumentException.class;
        return List.of(
                BuildVector.refused(
                        "recursive slot 100 (inside the user half)",
                        FOUR,
                        () -> X86_64Architecture.fourLevel().withRecursiveSlot(100),
                        refused,
                        "recursive slot 100",
                        "user range in two",
                        "use 0 or 255"),
                BuildVector.refused(
                        "recursive slot 300 (inside the kernel half)",
                        FOUR,
                        () -> X86_64Architecture.fourLevel().withRecursiveSlot(300),
                        refused,
                        "recursive slot 300",
                        "kernel range in two"),
                BuildVector.refused(
                        "recursive slot 512 (past the table)",
                        FOUR,
                        () -> X86_64Architecture.fourLevel().withRecursiveSlot(512),
                        refused,
                        "outside 0..511"),
                BuildVector.refused(
                        "recursive slot -2",
                        FIVE,
                        () -> X86_64Architecture.fiveLevel().withRecursiveSlot(-2),
                        refused,
                        "outside 0..511"),
                BuildVector.refused(
                        "direct map at 0x0000_8000_0000_0000 (in the 4-level hole)",
                        FOUR,
                        () ->
                                X86_64Architecture.fourLevel()
                                        .withDirectMapBase(0x0000_8000_0000_0000L),
                        refused,
                        "0x8000_0000_0000",
                        "is not canonical"),
                BuildVector.accepted(
                        "direct map at 0xFF00_0000_0000_0000 (canonical with 57 bits)",
                        FIVE,
                        () ->
                                X86_64Architecture.fiveLevel()
                                        .withDirectMapBase(0xFF00_0000_0000_0000L)),
                BuildVector.refused(
                        "direct map at 0xFF00_0000_0000_0000 (not canonical with 48 bits)",
                        FOUR,
                        () ->
                                X86_64Architecture.fourLevel()
                                        .withDirectMapBase(0xFF00_0000_0000_0000L),
                        refused,
                        "is not canonical"),
                BuildVector.refused(
                        "direct map at 0x0100_0000_0000_0000 (bit 56 alone)",
                        FIVE,
                        () ->
                                X86_64Architecture.fiveLevel()
                                        .withDirectMapBase(0x0100_0000_0000_0000L),
                        refused,
                        "is not canonical"),
                BuildVector.refused(
                        "a 3-level format",
                        FOUR,
                        () -> new X86_64EntryFormat(3, 52, PatLayout.POWER_ON_MSR),
                        refused,
                        "4 or 5 levels"),
                BuildVector.refused(
                        "a 6-level format",
                        FIVE,
                        () -> new X86_64EntryFormat(6, 52, PatLayout.POWER_ON_MSR),
                        refused,
                        "4 or 5 levels"),
                BuildVector.refused(
                        "MAXPHYADDR 35",
                        FOUR,
                        () -> new X86_64EntryFormat(4, 35, PatLayout.POWER_ON_MSR),
                        refused,
                        "MAXPHYADDR 35",
                        "36..52"),
                BuildVector.accepted(
                        "MAXPHYADDR 36",
                        FOUR,
                        () -> new X86_64EntryFormat(4, 36, PatLayout.POWER_ON_MSR)),
                BuildVector.refused(
                        "MAXPHYADDR 53",
                        FIVE,
                        () -> new X86_64EntryFormat(5, 53, PatLayout.POWER_ON_MSR),
                        refused,
                        "MAXPHYADDR 53"),
                // the power-on IA32_PAT 0x0007040600070406 with byte 3 = 0x08 (bit 3 set)
                BuildVector.refused(
                        "IA32_PAT entry 3 = 0x08",
                        FOUR,
                        () -> X86_64Architecture.fourLevel().withPatMsr(0x0007_0406_0807_0406L),
                        refused,
                        "entry 3 has reserved bits"),
                // byte 5 = 0x02, a reserved type
                BuildVector.refused(
                        "IA32_PAT entry 5 = 2",
                        FOUR,
                        () -> X86_64Architecture.fourLevel().withPatMsr(0x0007_0206_0007_0406L),
                        refused,
                        "encoding 2 is reserved"));
    }

    @Override
    public List<ConfiguredVariant> configuredVariants() {
        return List.of(
                new ConfiguredVariant(
                        "x86_64 under Linux's IA32_PAT",
                        FOUR,
                        X86_64Architecture.fourLevel().withPatMsr(LINUX_PAT),
                        "IA32_PAT",
                        LINUX_PAT,
                        linuxPatVectors()));
    }

    /**
     * Kernel-half leaves of each PAT index that reads differently from the power-on layout, at 4
     * KiB, 2 MiB and 1 GiB. Tables: CR3 0x1000000; PML4[256] (0x1000800) = 0x1011003; PDPT[0]
     * (0x1011000) = 0x1012003; PD[1] (0x1012008) = 0x1013003 — all P RW, supervisor. Leaves: P RW A
     * D (0x63), supervisor, no XD, G clear; PWT bit 3, PCD bit 4, PAT bit 7 (4 KiB) or 12 (2 MiB, 1
     * GiB), index = PAT*4 + PCD*2 + PWT.
     */
    private static List<HardwareVector> linuxPatVectors() {
        return List.of(
                // PTE[1] = 0x500006B: PWT, index 1 = WC (power-on: WT)
                leaf(
                        "4 KiB, PWT: index 1 WC",
                        0xFFFF800000201000L,
                        0x1013008L,
                        0x500006BL,
                        0x5000000L,
                        0x1000,
                        3,
                        MemoryType.WRITE_COMBINING),
                // PTE[2] = 0x50010FB: PAT PCD PWT, index 7 = WT (power-on: UC)
                leaf(
                        "4 KiB, PAT PCD PWT: index 7 WT",
                        0xFFFF800000202000L,
                        0x1013010L,
                        0x50010FBL,
                        0x5001000L,
                        0x1000,
                        3,
                        MemoryType.WRITE_THROUGH),
                // PTE[3] = 0x50020F3: PAT PCD, index 6 = UC-
                leaf(
                        "4 KiB, PAT PCD: index 6 UC-",
                        0xFFFF800000203000L,
                        0x1013018L,
                        0x50020F3L,
                        0x5002000L,
                        0x1000,
                        3,
                        MemoryType.UNCACHED),
                // PTE[4] = 0x50030E3: PAT, index 4 = WB
                leaf(
                        "4 KiB, PAT: index 4 WB",
                        0xFFFF800000204000L,
                        0x1013020L,
                        0x50030E3L,
                        0x5003000L,
                        0x1000,
                        3,
                        MemoryType.WRITE_BACK),
                // PDE[2] = 0x60010FB: PS, PAT (bit 12) PCD PWT, index 7 = WT (power-on: UC)
                leaf(
                        "2 MiB, PAT PCD PWT: index 7 WT",
                        0xFFFF800000400000L,
                        0x1012010L,
                        0x60010FBL,
                        0x6000000L,
                        0x200000,
                        2,
                        MemoryType.WRITE_THROUGH),
                // PDE[3] = 0x62000EB: PS, PWT, index 1 = WC (power-on: WT)
                leaf(
                        "2 MiB, PWT: index 1 WC",
                        0xFFFF800000600000L,
                        0x1012018L,
                        0x62000EBL,
                        0x6200000L,
                        0x200000,
                        2,
                        MemoryType.WRITE_COMBINING),
                // PDPTE[1] = 0x400000FB: PS, PCD PWT, index 3 = UC
                leaf(
                        "1 GiB, PCD PWT: index 3 UC",
                        0xFFFF800040000000L,
                        0x1011008L,
                        0x400000FBL,
                        0x40000000L,
                        0x40000000,
                        1,
                        MemoryType.DEVICE),
                // PDPTE[2] = 0x800000EB: PS, PWT, index 1 = WC (power-on: WT)
                leaf(
                        "1 GiB, PWT: index 1 WC",
                        0xFFFF800080000000L,
                        0x1011010L,
                        0x800000EBL,
                        0x80000000L,
                        0x40000000,
                        1,
                        MemoryType.WRITE_COMBINING),
                // PDPTE[3] = 0xC00010E3: PS, PAT (bit 12), index 4 = WB
                leaf(
                        "1 GiB, PAT: index 4 WB",
                        0xFFFF8000C0000000L,
                        0x1011018L,
                        0xC00010E3L,
                        0xC0000000L,
                        0x40000000,
                        1,
                        MemoryType.WRITE_BACK));
    }

    private static HardwareVector leaf(
            String what,
            long va,
            long leafAddress,
            long leaf,
            long pa,
            long size,
            int level,
            MemoryType type) {
        Map<Long, Long> entries = new HashMap<>();
        entries.put(0x1000800L, 0x1011003L);
        if (level >= 2) {
            entries.put(0x1011000L, 0x1012003L);
        }
        if (level == 3) {
            entries.put(0x1012008L, 0x1013003L);
        }
        entries.put(leafAddress, leaf);
        return HardwareVector.translates(
                        "x86_64 Linux PAT: " + what,
                        0,
                        X86_64HardwareVectors.CR3_4LEVEL,
                        entries,
                        8,
                        va,
                        pa)
                .meaning(size, level, "---", "rwx", type, false);
    }

    private static DetectionVector vector(
            String what,
            int machine,
            long cr0,
            long cr3,
            long cr4,
            long cs,
            String detected,
            String notDetected) {
        return X86CpuStates.detected(
                "x86_64 detection: " + what, machine, cr0, cr3, cr4, cs, detected, notDetected);
    }

    private static DetectionVector none(
            String what, int machine, long cr0, long cr3, long cr4, long cs) {
        return X86CpuStates.undetected(
                "x86_64 detection: " + what, machine, cr0, cr3, cr4, cs, Set.of(FOUR, FIVE));
    }
}
