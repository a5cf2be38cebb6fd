package io.pagoda.qemu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What gdb printed during one run, cut into the sections the {@link GdbScript} marked. */
final class Transcript {
    private static final Pattern RECEIVED = Pattern.compile("received: \"([0-9a-fA-F]*)\"");
    private static final Pattern VALUE = Pattern.compile("^\\$\\d+ = (0x[0-9a-fA-F]+|\\d+)");
    // QEMU prints the answer with "%#" HWADDR_PRIx, and C's '#' flag writes zero as a bare "0"
    private static final Pattern GPA = Pattern.compile("^gpa: (0x[0-9a-fA-F]+|0)$");

    private final Map<String, List<String>> sections = new LinkedHashMap<>();
    private final String raw;
    private final String diagnostics;

    Transcript(String gdbOutput, String diagnostics) {
        this.raw = gdbOutput;
        this.diagnostics = diagnostics;
        List<String> current = null;
        for (String line : gdbOutput.split("\n")) {
            if (line.startsWith(GdbScript.MARKER)) {
                current = new ArrayList<>();
                sections.put(line.substring(GdbScript.MARKER.length()).trim(), current);
            } else if (current != null) {
                current.add(line);
            }
        }
    }

    List<String> section(String key) {
        List<String> lines = sections.get(key);
        if (lines == null) {
            throw new AssertionError(
                    "gdb printed no section '" + key + "': the run stopped early\n" + this);
        }
        return lines;
    }

    /** The value of a raw 'p' packet answer in the section. */
    long packetValue(String key) {
        for (String line : section(key)) {
            Matcher m = RECEIVED.matcher(line);
            if (m.find() && !m.group(1).isEmpty() && !m.group(1).startsWith("E")) {
                return GdbScript.fromLittleEndianHex(m.group(1));
            }
        }
        throw new AssertionError(
                "no register value in section '" + key + "': " + section(key) + "\n" + this);
    }

    /** The value of a {@code p/x $reg} answer in the section. */
    long printedValue(String key) {
        for (String line : section(key)) {
            Matcher m = VALUE.matcher(line.trim());
            if (m.find()) {
                String value = m.group(1);
                // unsigned: kernel addresses and TCR/SCTLR values have bit 63 set, which
                // Long.decode refuses
                return value.startsWith("0x")
                        ? Long.parseUnsignedLong(value.substring(2), 16)
                        : Long.parseUnsignedLong(value);
            }
        }
        throw new AssertionError(
                "no printed value in section '" + key + "': " + section(key) + "\n" + this);
    }

    /** The guest physical address of a {@code gva2gpa} answer, or -1 for "Unmapped". */
    long gpa(String key) {
        for (String line : section(key)) {
            String trimmed = line.trim();
            Matcher m = GPA.matcher(trimmed);
            if (m.find()) {
                return m.group(1).equals("0")
                        ? 0
                        : Long.parseUnsignedLong(m.group(1).substring(2), 16);
            }
            if (trimmed.startsWith("Unmapped")) {
                return -1;
            }
        }
        throw new AssertionError(
                "no gva2gpa answer in section '" + key + "': " + section(key) + "\n" + this);
    }

    @Override
    public String toString() {
        String shown =
                raw.length() > 4000
                        ? raw.substring(0, 2000) + "\n...\n" + raw.substring(raw.length() - 2000)
                        : raw;
        return "--- gdb output ---\n" + shown + "\n--- diagnostics ---\n" + diagnostics;
    }
}
