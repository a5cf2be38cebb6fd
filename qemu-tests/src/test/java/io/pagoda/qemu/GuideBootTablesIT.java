package io.pagoda.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The QEMU steps of docs/guide/boot-tables.md on the chapter's own layout files: {@code pagoda
 * build}, tables.bin loaded at its base, the CPU switched (x86: with the {@code maint packet} lines
 * copied from the chapter; AArch64: the boot stub with the registers from manifest.json), the
 * answers the chapter quotes, then {@code dump-guest-memory} and {@code pagoda inspect} on the
 * core, which must print what it prints for tables.bin.
 */
class GuideBootTablesIT {
    private static final Path CHAPTER = Path.of("..", "docs", "guide", "boot-tables.md");
    private static final Path LAYOUTS = Path.of("..", "docs", "guide", "layouts");

    @Test
    void x86_64ChapterSteps() throws IOException {
        Path work = Files.createTempDirectory("pagoda-guide-x86-");
        Path out = work.resolve("x86_64");
        PagodaCli.run(
                        "build",
                        "--layout",
                        LAYOUTS.resolve("x86_64-higher-half.json").toString(),
                        "--out",
                        out.toString())
                .requireClean();
        MemoryImage image = new MemoryImage();
        image.putBytes(0x10_0000L, Files.readAllBytes(out.resolve("tables.bin")));

        GdbScript script = new GdbScript().command("set remotetimeout 60");
        List<String> packets = chapterPackets();
        if (packets.size() != 4) {
            throw new AssertionError(
                    "the chapter's gdb line should write CR4, EFER, CR3 and CR0: found " + packets);
        }
        packets.forEach(script::command);
        Path core = work.resolve("guest.elf");
        script.section("cr0")
                .readRegister(0x1b)
                .section("cr3")
                .readRegister(0x1d)
                .section("tlb")
                .monitor("info tlb")
                .section("gva0")
                .monitor("gva2gpa 0xffffffff80001234")
                .section("gva1")
                .monitor("gva2gpa 0xffffffff807f0000")
                .section("dump")
                .monitor("dump-guest-memory " + core)
                .section("end")
                .command("kill");
        Transcript transcript =
                QemuGdbRun.run(
                        "guide-x86_64",
                        HostTools.qemuX86(),
                        List.of("-M", "pc", "-cpu", "max", "-m", "256M"),
                        image,
                        HostTools.gdbX86(),
                        script);

        AgreementReport report = new AgreementReport("x86_64 chapter steps");
        report.expect(
                transcript.packetValue("cr0") == 0x8001_0011L,
                "CR0 reads back "
                        + Long.toHexString(transcript.packetValue("cr0"))
                        + ", the chapter says 0x80010011");
        report.expect(
                transcript.packetValue("cr3") == 0x10_0000L,
                "CR3 reads back " + Long.toHexString(transcript.packetValue("cr3")));
        report.expect(
                transcript.gpa("gva0") == 0x20_1234L,
                "gva2gpa 0xffffffff80001234 = " + Long.toHexString(transcript.gpa("gva0")));
        report.expect(transcript.gpa("gva1") == -1, "the stack guard is not Unmapped");
        List<TlbLine> tlb = new ArrayList<>();
        transcript
                .section("tlb")
                .forEach(
                        l -> {
                            TlbLine parsed = TlbLine.parse(l.trim());
                            if (parsed != null) {
                                tlb.add(parsed);
                            }
                        });
        long identity =
                tlb.stream()
                        .filter(
                                l ->
                                        Long.compareUnsigned(l.virtualAddress(), 1L << 30) < 0
                                                && l.has('P'))
                        .count();
        long text =
                tlb.stream()
                        .filter(
                                l ->
                                        l.virtualAddress() >= 0xFFFF_FFFF_8000_0000L
                                                && l.virtualAddress() < 0xFFFF_FFFF_8040_0000L
                                                && l.has('G')
                                                && !l.has('W'))
                        .count();
        long stack =
                tlb.stream()
                        .filter(l -> l.virtualAddress() >= 0xFFFF_FFFF_8080_0000L && !l.has('P'))
                        .count();
        report.expect(
                identity == 512,
                "info tlb: "
                        + identity
                        + " large leaves of the identity map, the chapter says 512");
        report.expect(text == 2, "info tlb: " + text + " global read-only leaves of kernel text");
        report.expect(
                stack == 16, "info tlb: " + stack + " pages of the stack, the chapter says 16");
        report.expect(tlb.size() == 512 + 2 + 1 + 16, "info tlb lists " + tlb.size() + " leaves");
        compareInspections(
                report,
                new String[] {"--arch", "x86_64", "--root", "0x100000"},
                core,
                out.resolve("tables.bin"),
                "0x100000");
        report.assertAgreed(transcript);
        System.out.println(
                "[qemu] guide x86_64: "
                        + report.checks()
                        + " checks ("
                        + tlb.size()
                        + " info tlb leaves; pagoda inspect on "
                        + "QEMU's core == on tables.bin)");
        QemuGdbRun.deleteQuietly(work);
    }

    @Test
    void aarch64ChapterSteps() throws IOException {
        Path work = Files.createTempDirectory("pagoda-guide-aarch64-");
        Path out = work.resolve("aarch64");
        PagodaCli.run(
                        "build",
                        "--layout",
                        LAYOUTS.resolve("aarch64-higher-half.json").toString(),
                        "--out",
                        out.toString())
                .requireClean();
        String manifest = Files.readString(out.resolve("manifest.json"));
        Aarch64Regime regime =
                new Aarch64Regime(
                        BootLayouts.register(manifest, "MAIR_EL1"),
                        BootLayouts.register(manifest, "TCR_EL1"),
                        BootLayouts.register(manifest, "TTBR0_EL1"),
                        BootLayouts.register(manifest, "TTBR1_EL1"));
        MemoryImage image = new MemoryImage();
        image.putBytes(0x4080_0000L, Files.readAllBytes(out.resolve("tables.bin")));
        Path core = work.resolve("guest.elf");
        long[] asked = {0xFFFF_0000_0000_1234L, 0x0900_0000L, 0xFFFF_0000_007F_0000L};
        Aarch64Verdict verdict =
                Aarch64Machine.judge(
                        "guide-aarch64",
                        image,
                        regime,
                        asked,
                        script ->
                                script.command("set remotetimeout 60")
                                        .section("dump")
                                        .monitor(
                                                "dump-guest-memory "
                                                        + core
                                                        + " 0x40800000 0x100000"));

        AgreementReport report = new AgreementReport("aarch64 chapter steps");
        report.expect(
                verdict.gpaOf(asked[0]) == 0x4020_1234L,
                "gva2gpa 0xffff000000001234 = " + Long.toHexString(verdict.gpaOf(asked[0])));
        report.expect(
                verdict.gpaOf(asked[1]) == 0x0900_0000L,
                "gva2gpa 0x9000000 = " + Long.toHexString(verdict.gpaOf(asked[1])));
        report.expect(verdict.gpaOf(asked[2]) == -1, "the stack guard is not Unmapped");
        report.expect(
                regime.tcr() == 0x15_B510_3510L,
                "TCR_EL1 " + Long.toHexString(regime.tcr()) + ", the chapter says 0x15b5103510");
        compareInspections(
                report,
                new String[] {
                    "--arch",
                    "aarch64",
                    "--root",
                    "0x40800000",
                    "--root-upper",
                    "0x40801000",
                    "--tcr",
                    "0x15b5103510"
                },
                core,
                out.resolve("tables.bin"),
                "0x40800000");
        report.assertAgreed(verdict.transcript());
        System.out.println(
                "[qemu] guide aarch64: "
                        + report.checks()
                        + " checks (gva2gpa as quoted; pagoda inspect on QEMU's core == on tables.bin)");
        QemuGdbRun.deleteQuietly(work);
    }

    /**
     * {@code pagoda inspect} on QEMU's core prints what it prints on tables.bin (read as raw memory
     * at its base).
     */
    private static void compareInspections(
            AgreementReport report, String[] target, Path core, Path tables, String base) {
        List<String> onCore = new ArrayList<>(List.of("inspect"));
        onCore.addAll(List.of(target));
        onCore.add(core.toString());
        List<String> onTables = new ArrayList<>(List.of("inspect"));
        onTables.addAll(List.of(target));
        onTables.addAll(List.of("--base", base, tables.toString()));
        PagodaCli.Result fromCore = PagodaCli.run(onCore.toArray(String[]::new)).requireClean();
        PagodaCli.Result fromTables = PagodaCli.run(onTables.toArray(String[]::new)).requireClean();
        report.expect(
                fromCore.out().equals(fromTables.out()) && !fromCore.out().isBlank(),
                "pagoda inspect on QEMU's core:\n"
                        + fromCore.out()
                        + "on tables.bin:\n"
                        + fromTables.out());
    }

    /** The {@code maint packet P..=..} commands of the chapter's gdb line, in order. */
    private static List<String> chapterPackets() throws IOException {
        Matcher m =
                Pattern.compile("'(maint packet P[0-9a-f]+=[0-9a-f]{16})'")
                        .matcher(Files.readString(CHAPTER));
        List<String> packets = new ArrayList<>();
        while (m.find()) {
            packets.add(m.group(1));
        }
        return packets;
    }
}
