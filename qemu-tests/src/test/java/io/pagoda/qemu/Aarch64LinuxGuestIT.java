package io.pagoda.qemu;

import static io.pagoda.qemu.AgreementReport.hex;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The pagoda command on a real AArch64 guest: Debian's arm64 kernel boots on QEMU's virt machine
 * (Cortex-A57, 4 KiB granule, 48-bit VAs) until it panics for lack of a root file system.
 * TTBR0_EL1, TTBR1_EL1 and TCR_EL1 are read through gdb-multiarch and passed raw ({@code --root},
 * {@code --root-upper}, {@code --tcr}) with the {@code dump-guest-memory} core. QEMU has no {@code
 * info tlb} for Arm, so {@code gva2gpa} is the judge: addresses on fixed grids over the linear map
 * and the kernel image (chosen without asking Pagoda), the PC and SP, plus addresses inside and
 * just past every range {@code pagoda inspect --format json} lists; every output format must run
 * cleanly.
 */
class Aarch64LinuxGuestIT {
    /**
     * Linux's linear map starts here for 48-bit VAs; RAM (512 MiB at 0x40000000) is mapped from it
     * on.
     */
    private static final long LINEAR_MAP = 0xFFFF_0000_0000_0000L;

    /** KIMAGE_VADDR with nokaslr: the kernel image, about 30 MiB. */
    private static final long KERNEL_IMAGE = 0xFFFF_8000_0800_0000L;

    private static final int RANGE_SAMPLES = 96;

    @Test
    void pagodaReadsALinuxGuestsCore() {
        readGuest("arm64", DebianKernel.arm64(), "cortex-a57", false);
    }

    /**
     * Debian's arm64-16k kernel on {@code -cpu max} (FEAT_LPA2), without {@code lpa2=off}: it runs
     * with TCR_EL1.DS = 1, 52-bit kernel VAs from level 0 of the 16K granule, 52-bit output
     * addresses in desc[9:8]. The grids follow the guest: the linear map from -(2^(64 - T1SZ)), the
     * kernel image around the PC.
     */
    @Test
    void pagodaReadsAnLpa2GuestsCore() {
        readGuest("arm64-16k", DebianKernel.arm64With16kPages(), "max", true);
    }

    private static void readGuest(String label, Path kernel, String cpu, boolean lpa2) {
        try (LinuxGuest guest =
                LinuxGuest.bootUntilPanic(
                        label,
                        HostTools.qemuAarch64(),
                        List.of("-M", "virt", "-cpu", cpu, "-m", "512M"),
                        kernel,
                        "console=ttyAMA0 panic=0" + LinuxGuest.LAYOUT,
                        true)) {
            GdbScript script =
                    new GdbScript()
                            .section("ttbr0")
                            .command("p/x $TTBR0_EL1")
                            .section("ttbr1")
                            .command("p/x $TTBR1_EL1")
                            .section("tcr")
                            .command("p/x $TCR_EL1")
                            .section("mair")
                            .command("p/x $MAIR_EL1")
                            .section("sctlr")
                            .command("p/x $SCTLR")
                            .section("pc")
                            .command("p/x $pc")
                            .section("sp")
                            .command("p/x $sp")
                            .section("end")
                            .command("detach");
            Transcript registers = guest.gdb(HostTools.gdbAarch64(), script);
            long ttbr0 = registers.printedValue("ttbr0");
            long ttbr1 = registers.printedValue("ttbr1");
            long tcr = registers.printedValue("tcr");
            long mair = registers.printedValue("mair");
            if ((registers.printedValue("sctlr") & 1) == 0) {
                throw new AssertionError("the guest's MMU is off (SCTLR_EL1.M = 0)\n" + registers);
            }
            boolean ds = (tcr & (1L << 59)) != 0;
            if (ds != lpa2) {
                throw new AssertionError(
                        "the "
                                + label
                                + " guest on -cpu "
                                + cpu
                                + " runs with TCR_EL1.DS = "
                                + (ds ? 1 : 0)
                                + " (TCR "
                                + hex(tcr)
                                + "), expected "
                                + (lpa2 ? 1 : 0)
                                + "\n"
                                + guest.describe());
            }
            long pc = registers.printedValue("pc");
            long linearMap = lpa2 ? -(1L << (64 - ((tcr >>> 16) & 0x3F))) : LINEAR_MAP;
            long kernelImage = lpa2 ? (pc & -(16L << 20)) - (16L << 20) : KERNEL_IMAGE;
            Path core = guest.dumpGuestMemory();
            PagodaCli cli =
                    new PagodaCli(
                            "aarch64",
                            ttbr0,
                            "--root-upper",
                            PagodaCli.hex(ttbr1),
                            "--tcr",
                            PagodaCli.hex(tcr),
                            "--mair",
                            PagodaCli.hex(mair));
            AgreementReport report =
                    new AgreementReport(
                            "Linux "
                                    + label
                                    + " guest (-cpu "
                                    + cpu
                                    + ", TTBR0 "
                                    + hex(ttbr0)
                                    + ", TTBR1 "
                                    + hex(ttbr1)
                                    + ", TCR "
                                    + hex(tcr)
                                    + "): pagoda on QEMU's core vs gva2gpa");

            PagodaCli.Result qemuFormat = cli.inspect("qemu", core);
            DumpAgreement.expectClean(cli, qemuFormat, report);
            report.expect(
                    qemuFormat.lines().size() > 100,
                    "pagoda --format qemu lists only " + qemuFormat.lines().size() + " leaves");
            List<long[]> ranges =
                    DumpAgreement.checkRangesAndJson(
                            cli,
                            core,
                            List.of(registers.printedValue("pc"), registers.printedValue("sp")),
                            report);
            int linearRanges = linearMapIsWriteBack(cli, core, mair, linearMap, report);

            Set<Long> asked = new LinkedHashSet<>();
            asked.add(registers.printedValue("pc"));
            asked.add(registers.printedValue("sp"));
            for (int k = 0; k <= 32; k++) {
                asked.add(linearMap + k * (16L << 20) + 0x4560); // the last one is past RAM
            }
            for (int k = 0; k < 48; k++) {
                asked.add(kernelImage + k * (1L << 20) + 0x7890);
            }
            asked.add(0L); // TTBR0: a kernel thread's empty user half
            asked.add(0x0000_FFFF_FFFF_F000L);
            asked.add(0x0001_0000_0000_0000L); // between the halves
            int step = Math.max(1, ranges.size() / RANGE_SAMPLES);
            for (int i = 0; i < ranges.size(); i += step) {
                long[] range = ranges.get(i);
                asked.add(range[0] + 0x10);
                asked.add(range[1] - 0xF);
                asked.add(range[1] + 0x11); // just past: a hole, or the next range
            }
            long[] addresses = asked.stream().mapToLong(Long::longValue).toArray();
            long[] gpa = new long[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                gpa[i] = guest.gva2gpa(addresses[i]);
            }
            DumpAgreement.compareTranslations(cli, core, addresses, gpa, report);
            report.expect(
                    Arrays.stream(gpa).filter(pa -> pa >= 0).count() > 50,
                    "gva2gpa found fewer than 50 of "
                            + addresses.length
                            + " addresses mapped: the samples missed the kernel's tables");
            pinTopByteIgnore(cli, core, guest, tcr, registers.printedValue("pc"), report);
            report.assertAgreed(guest.describe());
            long holes = Arrays.stream(gpa).filter(pa -> pa < 0).count();
            System.out.println(
                    "[qemu] Linux "
                            + label
                            + " guest (-cpu "
                            + cpu
                            + ", TCR "
                            + hex(tcr)
                            + "): pagoda agreed on all "
                            + report.checks()
                            + " checks ("
                            + qemuFormat.lines().size()
                            + " leaves, "
                            + ranges.size()
                            + " ranges, "
                            + addresses.length
                            + " gva2gpa addresses, "
                            + holes
                            + " unmapped; "
                            + linearRanges
                            + " linear-map ranges write-back under MAIR "
                            + hex(mair)
                            + ")");
        }
    }

    /**
     * With the guest's MAIR_EL1 ({@code --mair}) the linear map, normal memory (Linux's
     * MT_NORMAL_TAGGED, AttrIndx 1, 0xFF or 0xF0: write-back), reads as write-back in every range,
     * where Pagoda's fixed MAIR would call index 1 Device-nGnRE. Returns how many ranges were
     * checked.
     */
    private static int linearMapIsWriteBack(
            PagodaCli cli, Path core, long mair, long linearMap, AgreementReport report) {
        int checked = 0;
        for (String line : cli.inspect("ranges", core).lines()) {
            Matcher m = DumpAgreement.TEXT_RANGE.matcher(line);
            if (m.find()
                    && Long.compareUnsigned(
                                    Long.parseUnsignedLong(m.group(1), 16),
                                    linearMap + (512L << 20))
                            < 0
                    && Long.compareUnsigned(Long.parseUnsignedLong(m.group(1), 16), linearMap)
                            >= 0) {
                checked++;
                report.expect(
                        line.contains(" write_back "),
                        "linear-map range under MAIR_EL1 "
                                + hex(mair)
                                + " is not write-back: "
                                + line);
            }
        }
        report.expect(checked > 0, "pagoda --format ranges lists no linear-map range");
        return checked;
    }

    /**
     * Linux sets TCR_EL1.TBI1, so the top byte of a TTBR1 address is a tag that QEMU (like the
     * hardware, for data accesses) ignores; Pagoda's variant built from that TCR ignores it too, so
     * a tagged kernel address translates exactly as QEMU's gva2gpa says, and as its untagged twin.
     */
    private static void pinTopByteIgnore(
            PagodaCli cli, Path core, LinuxGuest guest, long tcr, long pc, AgreementReport report) {
        if ((tcr & (1L << 38)) == 0) {
            return;
        }
        long tagged = (pc & 0x00FF_FFFF_FFFF_FFFFL) | (0x12L << 56);
        long qemu = guest.gva2gpa(tagged);
        Map<Long, Long> pagoda = cli.translate(core, new long[] {tagged, pc});
        report.expect(
                qemu != -1 && qemu == pagoda.get(pc) && pagoda.get(tagged) == qemu,
                "TBI1: gva2gpa "
                        + hex(tagged)
                        + " = "
                        + hex(qemu)
                        + " (the untagged PC "
                        + hex(pc)
                        + " gives "
                        + hex(pagoda.get(pc))
                        + "), pagoda translate "
                        + hex(pagoda.get(tagged)));
    }
}
