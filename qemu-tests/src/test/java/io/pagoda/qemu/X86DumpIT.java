package io.pagoda.qemu;

import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pagoda command on QEMU's own memory dumps: tables built by Pagoda (the X86PagodaAgreementIT
 * workload) are loaded into a halted guest, the paging mode is set through gdb with a CR3 that
 * carries PCID or PWT/PCD bits (the command must mask them as the CPU does), and QEMU writes {@code
 * dump-guest-memory} (an ELF core). Then {@code pagoda inspect --format qemu} on that core must
 * print QEMU's {@code info tlb} byte for byte, and {@code pagoda translate} must agree with {@code
 * gva2gpa} on every leaf and hole (see DumpAgreement).
 */
class X86DumpIT {
    private static final long TABLE_FRAMES = 0x0100_0000L;
    private static final long TABLE_FRAME_COUNT = 1024;
    private static final long DATA = 0x2000_0000L;

    /** CR4.PCIDE: with it, CR3 bits 11:0 are the PCID. */
    private static final long CR4_PCIDE = 1L << 17;

    private static final long PCID = 0x5A3;

    /** CR3.PWT and CR3.PCD, the flag bits of CR3 without PCIDE (ignored by PAE paging). */
    private static final long CR3_FLAGS = 0x18;

    private static final int CR0 = 27;
    private static final int CR3 = 29;
    private static final int CR4 = 30;
    private static final int EFER = 32;

    @TempDir Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "x86_64,          0x0000001000000000, 0xFFFFFFFF80000000",
        "x86_64-la57,     0x0000900000000000, 0xFF00000000000000",
        "i386,            0x0000000000400000, 0x00000000C0000000",
        "i386-widen-exec, 0x0000000000400000, 0x00000000C0000000",
        "i386-pae,        0x0000000000400000, 0x00000000C0000000",
    })
    void pagodaReadsQemusCore(String name, String userBase, String kernelBase) throws Exception {
        Architecture architecture = Architectures.discover().get(name);
        X86Mode mode = modeOf(name);
        boolean longMode = (mode.efer() & X86Mode.EFER_LMA) != 0;
        SparseMemory memory = new SparseMemory(Math.min(architecture.physicalAddressBits(), 52));
        PagodaTables tables =
                new PagodaTables(
                        architecture,
                        0,
                        memory,
                        new BitmapFrameAllocator(TABLE_FRAMES, TABLE_FRAME_COUNT, 4096));
        long user = Long.decode(userBase);
        long kernel = Long.parseUnsignedLong(kernelBase.substring(2), 16);
        tables.runWorkload(user, DATA);
        tables.mapKernelPages(kernel, DATA + 0x10_0000L);

        List<PagodaTables.Present> present =
                new ArrayList<>(tables.present(user, tables.workloadSpan()));
        present.addAll(tables.present(kernel, 16 * tables.geometry().pageSize()));
        List<Long> asked = new ArrayList<>();
        for (PagodaTables.Present p : present) {
            asked.add(p.virtualAddress() + p.length() / 2 + 0x123);
            asked.add(p.virtualAddress());
        }
        asked.addAll(tables.holes);
        long[] addresses = asked.stream().mapToLong(Long::longValue).distinct().toArray();

        long cr4 = longMode ? mode.cr4() | CR4_PCIDE : mode.cr4();
        long cr3 = tables.register | (longMode ? PCID : CR3_FLAGS);
        Path core = work.resolve(name + ".elf");
        Path kdump = work.resolve(name + ".kdump");
        GdbScript script =
                new GdbScript()
                        .command("set remotetimeout 60")
                        .writeRegister(CR4, cr4)
                        .writeRegister(EFER, mode.efer())
                        .writeRegister(CR3, cr3)
                        .writeRegister(CR0, mode.cr0())
                        .section("cr3")
                        .readRegister(CR3)
                        .section("cr4")
                        .readRegister(CR4)
                        .section("tlb")
                        .monitor("info tlb");
        for (int i = 0; i < addresses.length; i++) {
            script.section("gva" + i).monitor("gva2gpa 0x" + Long.toHexString(addresses[i]));
        }
        script.section("dump").monitor("dump-guest-memory " + core);
        boolean withKdump = name.equals("x86_64");
        if (withKdump) {
            script.section("kdump").monitor("dump-guest-memory -z " + kdump);
        }
        script.section("end").command("kill");
        MemoryImage image = new MemoryImage();
        tables.dumpTo(image);
        Transcript transcript =
                QemuGdbRun.run(
                        name + "-dump",
                        HostTools.qemuX86(),
                        List.of("-M", "pc", "-cpu", "max", "-m", "256M"),
                        image,
                        HostTools.gdbX86(),
                        script);

        long heldCr3 = transcript.packetValue("cr3");
        long heldCr4 = transcript.packetValue("cr4");
        if (heldCr3 != cr3 || heldCr4 != cr4) {
            throw new AssertionError(
                    "QEMU holds CR3 0x"
                            + Long.toHexString(heldCr3)
                            + " and CR4 0x"
                            + Long.toHexString(heldCr4)
                            + ", written 0x"
                            + Long.toHexString(cr3)
                            + " and 0x"
                            + Long.toHexString(cr4)
                            + "\n"
                            + transcript);
        }
        if (!Files.isRegularFile(core) || Files.size(core) < (256L << 20)) {
            throw new AssertionError(
                    "QEMU wrote no full ELF core at "
                            + core
                            + "\n"
                            + transcript.section("dump")
                            + "\n"
                            + transcript);
        }
        long[] gpa = new long[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            gpa[i] = transcript.gpa("gva" + i);
        }
        List<String> tlb = DumpAgreement.tlbLines(transcript.section("tlb"));

        AgreementReport report =
                new AgreementReport(
                        name
                                + ": pagoda on QEMU's dump-guest-memory core vs QEMU (CR3 "
                                + PagodaCli.hex(heldCr3)
                                + ")");
        PagodaCli cli = new PagodaCli(name, heldCr3);
        if (name.equals("i386-pae")) {
            PaePdpteAccessed.check(cli, core, heldCr3, addresses[0], report);
        }
        DumpAgreement.check(cli, core, tlb, addresses, gpa, report);
        report.expect(
                tlb.size() == present.size(),
                "info tlb lists " + tlb.size() + " leaves, Pagoda mapped " + present.size());
        if (withKdump) {
            // QEMU 7.2 writes -z as a flattened makedumpfile stream: not memory, so the command
            // must refuse it by name
            // rather than read it as a raw dump
            PagodaCli.Result refused = cli.inspect("qemu", kdump);
            report.expect(
                    Files.isRegularFile(kdump),
                    "QEMU wrote no kdump-compressed file: " + transcript.section("kdump"));
            boolean namedAndRefused =
                    refused.status() == 2
                            && refused.out().isEmpty()
                            && refused.err()
                                    .matches(
                                            "(?s)pagoda: .* is a (flattened makedumpfile|kdump-compressed) dump.*not raw memory.*");
            report.expect(
                    namedAndRefused,
                    "pagoda inspect on a dump-guest-memory -z file: exit "
                            + refused.status()
                            + ", stderr "
                            + refused.err().strip());
        }
        report.assertAgreed(transcript);
        System.out.println(
                "[qemu] "
                        + name
                        + ": pagoda on QEMU's core agreed on all "
                        + report.checks()
                        + " checks ("
                        + tlb.size()
                        + " info tlb lines, "
                        + addresses.length
                        + " gva2gpa addresses)");
    }

    private static X86Mode modeOf(String name) {
        return switch (name) {
            case "x86_64" -> X86Mode.longMode4();
            case "x86_64-la57" -> X86Mode.longMode5();
            case "i386", "i386-widen-exec" -> X86Mode.legacy32();
            case "i386-pae" -> X86Mode.pae();
            default -> throw new IllegalArgumentException("no x86 paging mode for variant " + name);
        };
    }
}
