package io.pagoda.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One QEMU machine, halted before its first instruction with its gdbstub on a loopback port, and
 * one {@code gdb -batch} that attaches, runs a script and kills the machine. Both processes are
 * bounded in time ({@code pagoda.qemu.seconds}, default 30); nothing listens on anything but
 * 127.0.0.1.
 */
final class QemuGdbRun {
    static final Duration LIMIT = Duration.ofSeconds(Long.getLong("pagoda.qemu.seconds", 30));

    private QemuGdbRun() {}

    static Transcript run(
            String label,
            Path qemu,
            List<String> machine,
            MemoryImage image,
            Path gdb,
            GdbScript script) {
        Path dir;
        try {
            dir = Files.createTempDirectory("pagoda-qemu-" + label + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for QEMU", e);
        }
        int port = freeLoopbackPort();
        List<String> qemuCommand = new ArrayList<>();
        qemuCommand.add(qemu.toString());
        qemuCommand.addAll(machine);
        qemuCommand.addAll(
                List.of(
                        "-nodefaults",
                        "-nographic",
                        "-display",
                        "none",
                        "-monitor",
                        "none",
                        "-serial",
                        "none",
                        "-S",
                        "-gdb",
                        "tcp:127.0.0.1:" + port));
        qemuCommand.addAll(image.loaderArguments(dir, "image"));

        Path scriptFile = dir.resolve("script.gdb");
        try {
            Files.writeString(scriptFile, script.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + scriptFile, e);
        }
        List<String> gdbCommand =
                List.of(
                        gdb.toString(),
                        "-batch",
                        "-nx",
                        "-ex",
                        "set pagination off",
                        "-ex",
                        "set confirm off",
                        "-ex",
                        "set width 0",
                        "-ex",
                        "set tcp connect-timeout 20",
                        "-ex",
                        "target remote 127.0.0.1:" + port,
                        "-x",
                        scriptFile.toString());

        try (BoundedProcess machineProcess = BoundedProcess.start("qemu", qemuCommand, dir, LIMIT);
                BoundedProcess debugger =
                        BoundedProcess.start("gdb", gdbCommand, dir, LIMIT, true)) {
            boolean finished = debugger.awaitExit();
            machineProcess.stop(Duration.ofSeconds(3));
            String diagnostics =
                    "work directory "
                            + dir
                            + "\nQEMU: "
                            + String.join(" ", qemuCommand)
                            + "\nQEMU stderr: "
                            + machineProcess.stderr().strip()
                            + (finished
                                    ? ""
                                    : "\ngdb did not finish within "
                                            + LIMIT.toSeconds()
                                            + " s and was killed");
            // gdb prints monitor answers on stderr and its echo markers on stdout: one merged
            // stream keeps their order
            Transcript transcript = new Transcript(debugger.stdout(), diagnostics);
            if (!finished) {
                throw new AssertionError("QEMU/gdb run '" + label + "' timed out\n" + transcript);
            }
            deleteQuietly(dir);
            return transcript;
        }
    }

    /**
     * A successful run leaves nothing behind; a failed one keeps its directory for the message to
     * point at.
     */
    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // leftovers in the temporary directory are harmless
        }
    }

    /** A port nobody listens on right now, on the loopback interface only. */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the gdbstub", e);
        }
    }
}
