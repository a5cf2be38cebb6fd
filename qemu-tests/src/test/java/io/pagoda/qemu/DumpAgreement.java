package io.pagoda.qemu;

import static io.pagoda.qemu.AgreementReport.hex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks every QEMU core goes through, whoever wrote the tables in it: {@code pagoda inspect
 * --format qemu} prints QEMU's {@code info tlb} byte for byte, {@code pagoda translate} agrees with
 * {@code gva2gpa} on every asked address, and {@code --format ranges} and {@code --format json} run
 * cleanly and cover every leaf QEMU lists.
 */
final class DumpAgreement {
    static final Pattern TEXT_RANGE =
            Pattern.compile("^\\S+\\s+0x([0-9a-f]{16})-0x([0-9a-f]{16,17})\\s+\\S+\\s+(\\S+)");

    /** JSON ranges end at their inclusive last address (the command never prints 2^64). */
    static final Pattern JSON_RANGE =
            Pattern.compile(
                    "\"first\":\"0x([0-9a-f]+)\",\"last\":\"0x([0-9a-f]+)\",\"size\":\\d+,\"state\":\"(present|guarded)\"");

    private static final int SHOWN = 25;

    private DumpAgreement() {}

    /**
     * The leaf lines of an {@code info tlb} answer, exactly as QEMU printed them (line ends and
     * blank lines dropped).
     */
    static List<String> tlbLines(List<String> answer) {
        List<String> lines = new ArrayList<>();
        for (String line : answer) {
            String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!text.isEmpty()) {
                lines.add(text);
            }
        }
        return lines;
    }

    /**
     * Runs every check and records each disagreement in {@code report}.
     *
     * @param qemuTlb QEMU's info tlb lines, in its order
     * @param addresses the asked virtual addresses; {@code qemuGpa} QEMU's gva2gpa answers (-1 for
     *     Unmapped)
     */
    static void check(
            PagodaCli cli,
            Path core,
            List<String> qemuTlb,
            long[] addresses,
            long[] qemuGpa,
            AgreementReport report) {
        PagodaCli.Result qemu = cli.inspect("qemu", core);
        expectClean(cli, qemu, report);
        compareLines(qemuTlb, qemu.lines(), report);
        compareTranslations(cli, core, addresses, qemuGpa, report);
        List<Long> leaves = new ArrayList<>();
        for (String line : qemuTlb) {
            TlbLine parsed = TlbLine.parse(line);
            if (parsed != null) {
                leaves.add(parsed.virtualAddress());
            }
        }
        checkRangesAndJson(cli, core, leaves, report);
    }

    /**
     * {@code pagoda translate} of every address against QEMU's gva2gpa answers (-1 for Unmapped).
     */
    static void compareTranslations(
            PagodaCli cli, Path core, long[] addresses, long[] qemuGpa, AgreementReport report) {
        Map<Long, Long> translated = cli.translate(core, addresses);
        for (int i = 0; i < addresses.length; i++) {
            long pagoda = translated.get(addresses[i]);
            report.expect(
                    pagoda == qemuGpa[i],
                    "gva2gpa "
                            + hex(addresses[i])
                            + " = "
                            + answer(qemuGpa[i])
                            + ", pagoda translate "
                            + answer(pagoda));
        }
    }

    /**
     * {@code --format ranges} and {@code --format json} run cleanly, and their present ranges cover
     * every leaf.
     */
    static List<long[]> checkRangesAndJson(
            PagodaCli cli, Path core, List<Long> leaves, AgreementReport report) {
        PagodaCli.Result ranges = cli.inspect("ranges", core);
        expectClean(cli, ranges, report);
        covers("ranges", presentRanges(ranges.lines(), TEXT_RANGE), leaves, report);
        PagodaCli.Result json = cli.inspect("json", core);
        expectClean(cli, json, report);
        report.expect(
                json.out().strip().endsWith("],\"complete\":true}"),
                "pagoda inspect --format json does not end with"
                        + " \"complete\":true: ..."
                        + tail(json.out()));
        List<long[]> present = presentRanges(json.lines(), JSON_RANGE);
        covers("json", present, leaves, report);
        return present;
    }

    static void expectClean(PagodaCli cli, PagodaCli.Result result, AgreementReport report) {
        report.expect(
                result.status() == 0 && cli.stderrAccepted(result.err()),
                "pagoda "
                        + String.join(" ", result.arguments())
                        + " exited "
                        + result.status()
                        + " with stderr: "
                        + result.err().strip());
    }

    /**
     * Line for line, in order; on a difference, the first differing lines and what each side has
     * alone.
     */
    static void compareLines(List<String> qemu, List<String> pagoda, AgreementReport report) {
        report.expect(
                qemu.size() == pagoda.size(),
                "info tlb has " + qemu.size() + " lines, pagoda --format qemu " + pagoda.size());
        int shown = 0;
        for (int i = 0; i < Math.min(qemu.size(), pagoda.size()); i++) {
            if (!qemu.get(i).equals(pagoda.get(i))) {
                if (shown++ < SHOWN) {
                    report.expect(
                            false,
                            "line "
                                    + (i + 1)
                                    + ": info tlb '"
                                    + qemu.get(i)
                                    + "', pagoda '"
                                    + pagoda.get(i)
                                    + "'");
                }
            }
        }
        Set<String> onlyQemu = new LinkedHashSet<>(qemu);
        onlyQemu.removeAll(new HashSet<>(pagoda));
        Set<String> onlyPagoda = new LinkedHashSet<>(pagoda);
        onlyPagoda.removeAll(new HashSet<>(qemu));
        onlyQemu.stream()
                .limit(SHOWN)
                .forEach(l -> report.expect(false, "only in info tlb: '" + l + "'"));
        onlyPagoda.stream()
                .limit(SHOWN)
                .forEach(l -> report.expect(false, "only in pagoda --format qemu: '" + l + "'"));
        report.expect(
                shown == 0,
                shown
                        + " of "
                        + Math.min(qemu.size(), pagoda.size())
                        + " lines differ in place; "
                        + onlyQemu.size()
                        + " lines are only in info tlb, "
                        + onlyPagoda.size()
                        + " only in pagoda's output");
    }

    /**
     * {first, last} (inclusive, so a range ending at 2^64 needs no 65th bit) of every present
     * range.
     */
    static List<long[]> presentRanges(List<String> lines, Pattern pattern) {
        List<long[]> ranges = new ArrayList<>();
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find() && !m.group(3).equals("guard") && !m.group(3).equals("guarded")) {
                long first = Long.parseUnsignedLong(m.group(1), 16);
                String end = m.group(2);
                // text ranges end exclusively (0x1_0000_0000_0000_0000 at the top), JSON ranges at
                // their last address
                long last =
                        pattern == JSON_RANGE
                                ? Long.parseUnsignedLong(end, 16)
                                : end.length() == 17 ? -1L : Long.parseUnsignedLong(end, 16) - 1;
                ranges.add(new long[] {first, last});
            }
        }
        return ranges;
    }

    private static void covers(
            String format, List<long[]> ranges, List<Long> leaves, AgreementReport report) {
        report.expect(!ranges.isEmpty(), "pagoda --format " + format + " lists no present range");
        int missing = 0;
        for (long va : leaves) {
            boolean covered = false;
            for (long[] range : ranges) {
                if (Long.compareUnsigned(va, range[0]) >= 0
                        && Long.compareUnsigned(va, range[1]) <= 0) {
                    covered = true;
                    break;
                }
            }
            if (!covered && missing++ < SHOWN) {
                report.expect(
                        false,
                        "pagoda --format "
                                + format
                                + ": no present range covers the info tlb leaf "
                                + hex(va));
            }
        }
        report.expect(
                missing == 0,
                "pagoda --format "
                        + format
                        + " misses "
                        + missing
                        + " of "
                        + leaves.size()
                        + " leaves");
    }

    private static String answer(long pa) {
        return pa < 0 ? "unmapped" : hex(pa);
    }

    private static String tail(String text) {
        return text.length() <= 200 ? text : text.substring(text.length() - 200);
    }
}
