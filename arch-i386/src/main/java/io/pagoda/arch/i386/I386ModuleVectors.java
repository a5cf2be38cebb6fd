package io.pagoda.arch.i386;

import io.pagoda.arch.x86.X86CpuStates;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.ModuleVectors.WriteVector;
import io.pagoda.paging.spi.RootSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU states for the conformance kit, one piece of evidence each, and the 32-bit paging mode the
 * Intel SDM Vol. 3A table 4-1 (§4.1.1) says they are in: CR0.PG = 1 outside IA-32e mode is 32-bit
 * paging with CR4.PAE = 0 and PAE paging with CR4.PAE = 1 (CR4.PSE only allows 4 MiB pages). Long
 * mode shows as {@code e_machine} EM_X86_64 or a code segment with the L bit. Worked out by hand,
 * never produced by this module's code.
 */
public final class I386ModuleVectors implements ModuleVectors {
    private static final String LEGACY = "i386";
    private static final String PAE = "i386-pae";

    private static final long CR0 = 0x8000_0011L; // PG (bit 31), ET, PE (bit 0)
    private static final long CR0_PG = 1L << 31;
    private static final long CR0_BOOT = 0x8001_0001L; // PG, WP (bit 16), PE
    // IA32_PAT at power-on: PA0 WB, PA1 WT, PA2 UC-, PA3 UC, repeated
    private static final long PAT = 0x0007_0406_0007_0406L;
    private static final long CR4_PSE = 1L << 4;
    private static final long CR4_PAE = 1L << 5;
    private static final long CR4_PGE = 1L << 7;
    // QEMU's segment-cache flags word holds descriptor bits 63:32 from bit 8: L (bit 53) is bit 21
    private static final long CS_32 = 0x00C0_9B00L; // G, D, P, S, type 0xB
    private static final long CS_64 = 0x00A0_9B00L; // G, L, P, S, type 0xB
    private static final int EM_386 = 3;
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final long CR3 = 0x0123_4000L;
    // a PAE CR3 names a 32-byte aligned PDPT
    private static final long CR3_PAE = 0x0123_4060L;

    /**
     * What a boot stub loads (SDM Vol. 3A §2.5, §4.3, §4.4): CR0.PG and PE with WP (the vectors'
     * kernel rights assume it); CR4.PSE for 32-bit paging's 4 MiB pages or CR4.PAE, and PGE for the
     * global leaves; with PAE, EFER.NXE (the XD bits are reserved without it); IA32_PAT the
     * power-on value the memory types are written for. CR3: the table, with PWT (bit 3) and PCD
     * (bit 4) for uncached walks under 32-bit paging.
     */
    @Override
    public List<BootVector> bootVectors() {
        long table = 0x20_0000L;
        Map<String, Long> legacy =
                Map.of("CR3", table, "CR4", CR4_PSE | CR4_PGE, "CR0", CR0_BOOT, "IA32_PAT", PAT);
        return List.of(
                new BootVector(
                        "i386 boot: 32-bit paging",
                        LEGACY,
                        List.of(table),
                        RootSettings.DEFAULT,
                        legacy),
                new BootVector(
                        "i386 boot: 32-bit paging, widening",
                        "i386-widen-exec",
                        List.of(table),
                        RootSettings.DEFAULT,
                        legacy),
                new BootVector(
                        "i386 boot: 32-bit paging, uncached walks",
                        LEGACY,
                        List.of(table),
                        new RootSettings(0, true, false),
                        Map.of("CR3", table | 0x18, "CR4", CR4_PSE | CR4_PGE)),
                new BootVector(
                        "i386 boot: PAE paging",
                        PAE,
                        List.of(table),
                        RootSettings.DEFAULT,
                        Map.of(
                                "CR3",
                                table,
                                "CR4",
                                CR4_PAE | CR4_PGE,
                                "EFER",
                                1L << 11,
                                "CR0",
                                CR0_BOOT,
                                "IA32_PAT",
                                PAT)));
    }

    /**
     * What the formats write and refuse (hardware-formats.md §1, §2; SDM Vol. 3A tables 4-4 to 4-6,
     * 4-8 to 4-11), and the execute policy each legacy variant documents. 32-bit paging: a PDE
     * holds a page table's address in bits 31:12 and a PTE a frame's in bits 31:12, so neither
     * reaches 4 GiB and both need 4 KiB alignment; a 4 MiB PDE holds PA[31:22] and, with PSE-36 at
     * M' = 36, PA[35:32] in bits 16:13, so 2^36 is out of reach and the frame is 4 MiB aligned; a
     * PTE links no table. There is no execute-disable bit: {@code i386} refuses a leaf without
     * EXECUTABLE, {@code i386-widen-exec} writes it executable (their documented policies), both
     * refuse write-only rights (every present x86 page is readable). PAE: addresses are bits 51:12
     * (2 MiB frames 51:21), so 2^52 is out of reach; a PTE links no table; with NX, {@code rw-} is
     * written exactly.
     */
    @Override
    public List<WriteVector> writeVectors() {
        List<WriteVector> out = new ArrayList<>();
        MappingFlags kernelRw = MappingFlags.of(MappingAccessRights.parse("rw-"));
        MappingFlags kernelRwx = MappingFlags.of(MappingAccessRights.parse("rwx"));
        MappingFlags writeOnly = MappingFlags.of(MappingAccessRights.parse("-w-"));
        MappingFlags userRx =
                new MappingFlags(MappingAccessRights.parse("r-xu"), MemoryType.WRITE_THROUGH, true);
        for (String variant : List.of(LEGACY, "i386-widen-exec")) {
            String id = variant + " write: ";
            out.add(
                    WriteVector.refusedTable(
                            id + "PDE to a page table at 4 GiB", variant, 0, 1L << 32));
            out.add(
                    WriteVector.refusedTable(
                            id + "PDE to a page table off 4 KiB", variant, 0, 0x0020_0800L));
            out.add(
                    WriteVector.refusedTable(
                            id + "a PTE links no table", variant, 1, 0x0020_0000L));
            out.add(
                    WriteVector.refusedLeaf(
                            id + "4 KiB page at 4 GiB", variant, 1, kernelRwx, 1L << 32));
            out.add(
                    WriteVector.refusedLeaf(
                            id + "4 KiB page off 4 KiB", variant, 1, kernelRwx, 0x0020_0800L));
            out.add(
                    WriteVector.refusedLeaf(
                            id + "4 MiB page at 2^36 (M' = 36)", variant, 0, kernelRwx, 1L << 36));
            out.add(
                    WriteVector.refusedLeaf(
                            id + "4 MiB page off 4 MiB", variant, 0, kernelRwx, 0x0020_0000L));
            out.add(
                    WriteVector.refusedLeaf(
                            id + "write-only", variant, 1, writeOnly, 0x0020_0000L));
            out.add(
                    WriteVector.leaf(
                            id + "highest 4 MiB frame",
                            variant,
                            0,
                            kernelRwx,
                            0xF_FFC0_0000L,
                            kernelRwx));
            out.add(
                    WriteVector.leaf(
                            id + "user r-x WT global page",
                            variant,
                            1,
                            userRx,
                            0xFFFF_F000L,
                            userRx));
        }
        out.add(
                WriteVector.refusedLeaf(
                        "i386 write: rw- refused (no execute-disable bit)",
                        LEGACY,
                        1,
                        kernelRw,
                        0x0020_0000L));
        out.add(
                WriteVector.leaf(
                        "i386-widen-exec write: rw- widened to rwx",
                        "i386-widen-exec",
                        1,
                        kernelRw,
                        0x0020_0000L,
                        kernelRwx));
        String id = "i386-pae write: ";
        out.add(WriteVector.refusedTable(id + "a PTE links no table", PAE, 2, 0x0020_0000L));
        out.add(WriteVector.refusedTable(id + "PDE to a page table at 2^52", PAE, 1, 1L << 52));
        out.add(
                WriteVector.refusedTable(
                        id + "PDE to a page table off 4 KiB", PAE, 1, 0x0020_0800L));
        out.add(WriteVector.refusedLeaf(id + "4 KiB page at 2^52", PAE, 2, kernelRw, 1L << 52));
        out.add(
                WriteVector.refusedLeaf(
                        id + "2 MiB page off 2 MiB", PAE, 1, kernelRw, 0x0010_1000L));
        out.add(WriteVector.refusedLeaf(id + "write-only", PAE, 2, writeOnly, 0x0020_0000L));
        out.add(
                WriteVector.leaf(
                        id + "rw- written exactly (NX)", PAE, 2, kernelRw, 0x0020_0000L, kernelRw));
        out.add(
                WriteVector.leaf(
                        id + "highest 2 MiB frame",
                        PAE,
                        1,
                        kernelRw,
                        0xF_FFFF_FFE0_0000L,
                        kernelRw));
        return out;
    }

    /** The names arch-i386's README lists for each variant. */
    @Override
    public Map<String, String> documentedNames() {
        return Map.of(
                "ia32", LEGACY,
                "i386-32bit", LEGACY,
                "ia32-widen-exec", "i386-widen-exec",
                "ia32-pae", PAE,
                "pae", PAE);
    }

    /**
     * The legacy format's PSE-36 width M' (the physical width of a 4 MiB page): 32 without PSE-36,
     * at most 40 (SDM Vol. 3A §4.3, the PDE's bits 20:13 hold address bits 39:32).
     */
    @Override
    public List<BuildVector> buildVectors() {
        return List.of(
                BuildVector.refused(
                        "M' = 31",
                        LEGACY,
                        () -> new LegacyEntryFormat(ExecutePolicy.REFUSE_NON_EXECUTABLE, 31),
                        IllegalArgumentException.class,
                        "M' = 31",
                        "32..40"),
                BuildVector.accepted(
                        "M' = 32 (no PSE-36)",
                        LEGACY,
                        () -> new LegacyEntryFormat(ExecutePolicy.REFUSE_NON_EXECUTABLE, 32)),
                BuildVector.accepted(
                        "M' = 40",
                        LEGACY,
                        () -> new LegacyEntryFormat(ExecutePolicy.REFUSE_NON_EXECUTABLE, 40)),
                BuildVector.refused(
                        "M' = 41",
                        LEGACY,
                        () -> new LegacyEntryFormat(ExecutePolicy.REFUSE_NON_EXECUTABLE, 41),
                        IllegalArgumentException.class,
                        "M' = 41"));
    }

    @Override
    public List<DetectionVector> detectionVectors() {
        return List.of(
                vector("32-bit paging", EM_386, CR0, CR3, CR4_PGE, CS_32, LEGACY, PAE),
                vector(
                        "32-bit paging, PSE",
                        EM_386,
                        CR0,
                        CR3,
                        CR4_PSE | CR4_PGE,
                        CS_32,
                        LEGACY,
                        PAE),
                vector("32-bit paging, no CS", EM_386, CR0, CR3, 0, -1, LEGACY, PAE),
                vector("PAE paging", EM_386, CR0, CR3_PAE, CR4_PAE | CR4_PGE, CS_32, PAE, LEGACY),
                vector(
                        "PAE paging, PSE set too",
                        EM_386,
                        CR0,
                        CR3_PAE,
                        CR4_PAE | CR4_PSE,
                        CS_32,
                        PAE,
                        LEGACY),
                none("CR0.PG = 0: no paging", EM_386, CR0 & ~CR0_PG, CR3, CR4_PAE, CS_32),
                none("CR0.PG = 0, CR4.PAE = 0", EM_386, CR0 & ~CR0_PG, CR3, 0, CS_32),
                // IA-32e mode: 4- or 5-level paging, not these
                none("EM_X86_64 (EFER.LMA = 1)", EM_X86_64, CR0, CR3, CR4_PAE, CS_32),
                none("CS.L = 1: 64-bit code", EM_386, CR0, CR3, CR4_PAE, CS_64),
                none("an AArch64 core", EM_AARCH64, CR0, CR3, CR4_PAE, CS_32),
                none("no CR0", EM_386, -1, CR3, CR4_PAE, CS_32),
                none("no CR3", EM_386, CR0, -1, CR4_PAE, CS_32),
                none("no CR4", EM_386, CR0, CR3, -1, CS_32));
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
                "i386 detection: " + what, machine, cr0, cr3, cr4, cs, detected, notDetected);
    }

    private static DetectionVector none(
            String what, int machine, long cr0, long cr3, long cr4, long cs) {
        return X86CpuStates.undetected(
                "i386 detection: " + what, machine, cr0, cr3, cr4, cs, Set.of(LEGACY, PAE));
    }
}
