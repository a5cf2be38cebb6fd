package io.pagoda.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Linux kernel booted under QEMU (TCG) with no disk and no initrd: it builds its own page
 * tables, finds no root file system and panics; with {@code panic=0} it then spins for ever with
 * its tables in place. The machine is watched through its serial log and driven through QMP on a
 * Unix socket in a private directory. Everything (the dump included) lives in that directory, which
 * {@link #close} deletes.
 */
final class LinuxGuest implements AutoCloseable {
    static final Duration LIMIT = Duration.ofSeconds(Long.getLong("pagoda.linux.seconds", 240));

    /**
     * The kernel command line's layout option: {@code nokaslr} keeps every run's tables the same,
     * so CI judges the same layout each time; {@code -Dpagoda.linux.kaslr=true} lets the kernel
     * randomize it (exploration).
     */
    static final String LAYOUT = Boolean.getBoolean("pagoda.linux.kaslr") ? "" : " nokaslr";

    /**
     * What the kernel prints once it has given up on a root file system; its tables are complete by
     * then.
     */
    private static final String PANIC = "Kernel panic - not syncing";

    private final Path dir;
    private final BoundedProcess qemu;
    private final QmpMonitor monitor;
    private final List<String> command;
    private final int gdbPort;

    private LinuxGuest(
            Path dir, BoundedProcess qemu, QmpMonitor monitor, List<String> command, int gdbPort) {
        this.dir = dir;
        this.qemu = qemu;
        this.monitor = monitor;
        this.command = command;
        this.gdbPort = gdbPort;
    }

    /**
     * Boots {@code kernel} on {@code machine} (e.g. -M pc -cpu max -m 256M) and returns once it has
     * panicked, stopped. With {@code withGdb}, QEMU's gdbstub listens on a loopback port for {@link
     * #gdb}.
     */
    static LinuxGuest bootUntilPanic(
            String label,
            Path qemuBinary,
            List<String> machine,
            Path kernel,
            String append,
            boolean withGdb) {
        Path dir;
        try {
            dir = Files.createTempDirectory("pagoda-linux-" + label + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory for QEMU", e);
        }
        List<String> command = new ArrayList<>();
        command.add(qemuBinary.toString());
        command.addAll(machine);
        command.addAll(
                List.of(
                        "-smp",
                        "1",
                        "-nodefaults",
                        "-display",
                        "none",
                        "-no-reboot",
                        "-kernel",
                        kernel.toString(),
                        "-append",
                        append,
                        "-serial",
                        "file:" + dir.resolve("serial.log"),
                        "-qmp",
                        "unix:" + dir.resolve("qmp.sock") + ",server=on,wait=off"));
        int gdbPort = withGdb ? QemuGdbRun.freeLoopbackPort() : -1;
        if (withGdb) {
            command.addAll(List.of("-gdb", "tcp:127.0.0.1:" + gdbPort));
        }
        BoundedProcess process = BoundedProcess.start("qemu", command, dir, LIMIT);
        QmpMonitor monitor = null;
        try {
            monitor = QmpMonitor.connect(dir.resolve("qmp.sock"), process, LIMIT);
            LinuxGuest guest = new LinuxGuest(dir, process, monitor, command, gdbPort);
            guest.awaitPanic();
            monitor.execute("{\"execute\":\"stop\"}");
            return guest;
        } catch (RuntimeException | Error e) {
            String log = serialTail(dir);
            if (monitor != null) {
                monitor.close();
            }
            process.close();
            QemuGdbRun.deleteQuietly(dir);
            if (e instanceof AssertionError) {
                throw e;
            }
            throw new AssertionError(
                    "booting "
                            + kernel
                            + " failed: "
                            + e
                            + "\nQEMU: "
                            + String.join(" ", command)
                            + "\nserial log tail:\n"
                            + log,
                    e);
        }
    }

    private void awaitPanic() {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!serial().contains(PANIC)) {
            if (!qemu.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the guest did not reach '"
                                + PANIC
                                + "' within "
                                + LIMIT.toSeconds()
                                + " s (QEMU alive: "
                                + qemu.isAlive()
                                + "; raise -Dpagoda.linux.seconds on a slow machine)\nQEMU: "
                                + String.join(" ", command)
                                + "\nQEMU stderr: "
                                + qemu.stderr()
                                + "\nserial log tail:\n"
                                + serialTail(dir));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while the guest booted", e);
            }
        }
    }

    /**
     * Runs a gdb script against the stopped guest; gdb detaches at the end, which resumes the
     * guest, so it is stopped again (its tables do not change meanwhile: a panicked kernel only
     * spins).
     */
    Transcript gdb(Path gdbBinary, GdbScript script) {
        if (gdbPort < 0) {
            throw new IllegalStateException("the guest was booted without a gdbstub");
        }
        Path file = dir.resolve("script.gdb");
        try {
            Files.writeString(file, script.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        List<String> gdbCommand =
                List.of(
                        gdbBinary.toString(),
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
                        "target remote 127.0.0.1:" + gdbPort,
                        "-x",
                        file.toString());
        try (BoundedProcess debugger =
                BoundedProcess.start("gdb", gdbCommand, dir, QemuGdbRun.LIMIT, true)) {
            boolean finished = debugger.awaitExit();
            Transcript transcript = new Transcript(debugger.stdout(), describe());
            if (!finished) {
                throw new AssertionError(
                        "gdb did not finish within "
                                + QemuGdbRun.LIMIT.toSeconds()
                                + " s\n"
                                + transcript);
            }
            monitor.execute("{\"execute\":\"stop\"}");
            return transcript;
        }
    }

    /** A human-monitor command's answer, split into lines without their {@code \r}. */
    List<String> hmp(String commandLine) {
        return monitor.hmp(commandLine).lines().toList();
    }

    /** The guest physical address {@code gva2gpa} gives, or -1 for "Unmapped". */
    long gva2gpa(long va) {
        String answer = monitor.hmp("gva2gpa 0x" + Long.toHexString(va)).strip();
        if (answer.startsWith("gpa: 0x")) {
            return Long.parseUnsignedLong(answer.substring("gpa: 0x".length()), 16);
        }
        if (answer.startsWith("Unmapped")) {
            return -1;
        }
        throw new AssertionError("gva2gpa 0x" + Long.toHexString(va) + " answered: " + answer);
    }

    /**
     * Has QEMU write an ELF core of all guest RAM into the work directory (deleted with it) and
     * returns its path.
     */
    Path dumpGuestMemory() {
        Path core = dir.resolve("core.elf");
        String answer = monitor.hmp("dump-guest-memory " + core).strip();
        if (!answer.isEmpty() || !Files.isRegularFile(core)) {
            throw new AssertionError(
                    "dump-guest-memory "
                            + core
                            + " answered '"
                            + answer
                            + "' and wrote "
                            + (Files.isRegularFile(core) ? "a file" : "nothing"));
        }
        return core;
    }

    String serial() {
        return read(dir.resolve("serial.log"));
    }

    String describe() {
        return "QEMU: " + String.join(" ", command) + "\nserial log tail:\n" + serialTail(dir);
    }

    private static String serialTail(Path dir) {
        String log = read(dir.resolve("serial.log"));
        return log.length() > 3000 ? log.substring(log.length() - 3000) : log;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file)
                    ? new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                    : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        monitor.close();
        qemu.close();
        QemuGdbRun.deleteQuietly(dir);
    }
}
