package io.pagoda.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints PIT's result per architecture module: mutants the kit detected (killed, timed out,
 * crashed) out of all mutants of the module's classes. Run by the {@code mutation} profile after
 * PIT; reads PIT's mutations.xml.
 */
public final class MutationScore {
    private static final Pattern MUTATION =
            Pattern.compile(
                    "<mutation\\b[^>]*\\bdetected='(true|false)'[^>]*\\bstatus='([A-Z_]+)'[^>]*>(.*?)</mutation>",
                    Pattern.DOTALL);
    private static final Pattern CLASS =
            Pattern.compile("<mutatedClass>io\\.pagoda\\.arch\\.([a-z0-9_]+)\\.");

    private MutationScore() {}

    public static void main(String[] args) throws IOException {
        Path report = Path.of(args.length > 0 ? args[0] : "target/pit-reports/mutations.xml");
        Map<String, int[]> byModule = score(Files.readString(report, StandardCharsets.UTF_8));
        StringBuilder out =
                new StringBuilder(
                        "Mutants of the architecture modules the conformance kit detects (killed/total):\n");
        byModule.forEach(
                (module, counts) ->
                        out.append(
                                String.format(
                                        "  arch-%-8s %5d/%-5d %5.1f%%  (%d survived, %d not covered)%n",
                                        module,
                                        counts[0],
                                        counts[1],
                                        100.0 * counts[0] / Math.max(1, counts[1]),
                                        counts[2],
                                        counts[3])));
        System.out.print(out);
    }

    /** Per module (the package below io.pagoda.arch): detected, total, survived, not covered. */
    static Map<String, int[]> score(String xml) {
        Map<String, int[]> byModule = new TreeMap<>();
        Matcher mutation = MUTATION.matcher(xml);
        while (mutation.find()) {
            Matcher type = CLASS.matcher(mutation.group(3));
            if (!type.find()) {
                continue;
            }
            int[] counts = byModule.computeIfAbsent(type.group(1), m -> new int[4]);
            counts[1]++;
            if (mutation.group(1).equals("true")) {
                counts[0]++;
            } else if (mutation.group(2).equals("NO_COVERAGE")) {
                counts[3]++;
            } else {
                counts[2]++;
            }
        }
        return byModule;
    }
}
