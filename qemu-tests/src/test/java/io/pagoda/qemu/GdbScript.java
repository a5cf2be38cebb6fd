package io.pagoda.qemu;

import java.util.ArrayList;
import java.util.List;

/**
 * The gdb commands of one run. Each answer gdb prints is preceded by a marker line ({@code @@key})
 * so the transcript can be cut into one section per question, whatever else gdb chooses to print.
 */
final class GdbScript {
    static final String MARKER = "@@";

    private final List<String> lines = new ArrayList<>();

    /** Starts a section: everything gdb prints until the next marker belongs to {@code key}. */
    GdbScript section(String key) {
        if (!key.matches("[A-Za-z0-9_.:-]+")) {
            throw new IllegalArgumentException(
                    "marker key '" + key + "' must be letters, digits or _.:-");
        }
        lines.add("echo " + MARKER + key + "\\n");
        return this;
    }

    GdbScript command(String command) {
        lines.add(command);
        return this;
    }

    /** A HMP monitor command, sent through the gdbstub (qRcmd). */
    GdbScript monitor(String command) {
        return command("monitor " + command);
    }

    /**
     * Writes a register by its remote number with a raw 'P' packet (gdb's typed registers refuse
     * some writes).
     */
    GdbScript writeRegister(int remoteNumber, long value) {
        return command(
                "maint packet P"
                        + Integer.toHexString(remoteNumber)
                        + "="
                        + littleEndianHex(value));
    }

    /** Writes a 32-bit register (x86 segment selectors, eflags) by its remote number. */
    GdbScript writeRegister32(int remoteNumber, int value) {
        return command(
                "maint packet P"
                        + Integer.toHexString(remoteNumber)
                        + "="
                        + littleEndianHex(value).substring(0, 8));
    }

    /**
     * Reads a register by its remote number with a raw 'p' packet, bypassing gdb's register cache.
     */
    GdbScript readRegister(int remoteNumber) {
        return command("maint packet p" + Integer.toHexString(remoteNumber));
    }

    static String littleEndianHex(long value) {
        StringBuilder out = new StringBuilder(16);
        for (int i = 0; i < 8; i++) {
            out.append(String.format("%02x", (value >>> (8 * i)) & 0xFF));
        }
        return out.toString();
    }

    static long fromLittleEndianHex(String hex) {
        long value = 0;
        for (int i = 0; i + 1 < hex.length() && i < 16; i += 2) {
            value |= Long.parseLong(hex.substring(i, i + 2), 16) << (4 * i);
        }
        return value;
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }
}
