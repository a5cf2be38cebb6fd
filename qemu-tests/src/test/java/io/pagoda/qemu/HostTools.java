package io.pagoda.qemu;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host programs the cross-checks drive. A missing one fails the test with the package to
 * install: the qemu profile only runs where {@code .ci/long-run} installed them, so skipping would
 * hide a broken CI.
 */
final class HostTools {
    static final String INSTALL_HINT =
            " (run .ci/long-run as root, or: apt-get install qemu-system-x86 qemu-system-arm"
                    + " gdb gdb-multiarch binutils binutils-aarch64-linux-gnu)";

    private HostTools() {}

    static Path qemuX86() {
        return require("qemu-system-x86_64", "qemu-system-x86");
    }

    static Path qemuAarch64() {
        return require("qemu-system-aarch64", "qemu-system-arm");
    }

    /** gdb for the x86 gdbstub; the multi-architecture build also does. */
    static Path gdbX86() {
        Path gdb = find("gdb");
        return gdb != null ? gdb : require("gdb-multiarch", "gdb-multiarch");
    }

    /**
     * The host gdb knows only the host architecture, so AArch64 needs the multi-architecture build.
     */
    static Path gdbAarch64() {
        return require("gdb-multiarch", "gdb-multiarch");
    }

    static Path aarch64Assembler() {
        return require("aarch64-linux-gnu-as", "binutils-aarch64-linux-gnu");
    }

    static Path aarch64Linker() {
        return require("aarch64-linux-gnu-ld", "binutils-aarch64-linux-gnu");
    }

    static Path aarch64Objcopy() {
        return require("aarch64-linux-gnu-objcopy", "binutils-aarch64-linux-gnu");
    }

    /** The major version {@code --version} reports, e.g. 7 for Debian 12's QEMU 7.2. */
    static int majorVersion(Path program) {
        try (BoundedProcess version =
                BoundedProcess.start(
                        "version",
                        List.of(program.toString(), "--version"),
                        Path.of(System.getProperty("java.io.tmpdir")),
                        Duration.ofSeconds(10),
                        true)) {
            version.awaitExit();
            Matcher m = Pattern.compile("version (\\d+)\\.").matcher(version.stdout());
            if (!m.find()) {
                throw new AssertionError(
                        "cannot read the version of " + program + " from: " + version.stdout());
            }
            return Integer.parseInt(m.group(1));
        }
    }

    /**
     * The host's x86-64 assembler, linker, objcopy and nm (Debian package binutils) for the MMU
     * probe.
     */
    static Path hostBinutils(String tool) {
        return require(tool, "binutils");
    }

    static Path require(String command, String debianPackage) {
        Path found = find(command);
        if (found == null) {
            throw new AssertionError(
                    "the QEMU cross-check needs '"
                            + command
                            + "' on the PATH but it is missing:"
                            + " install the Debian package "
                            + debianPackage
                            + INSTALL_HINT);
        }
        return found;
    }

    private static Path find(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
