package io.pagoda.qemu;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process that cannot outlive its time limit: output goes to files (no pipe can fill up and
 * stall it), and on expiry it and its descendants are killed. Only processes started here are ever
 * killed.
 */
final class BoundedProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final long deadlineNanos;

    private BoundedProcess(String name, Process process, Path stdout, Path stderr, Duration limit) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.deadlineNanos = System.nanoTime() + limit.toNanos();
    }

    static BoundedProcess start(String name, List<String> command, Path workDir, Duration limit) {
        return start(name, command, workDir, limit, false);
    }

    /**
     * With {@code mergeErrors}, stderr goes into the stdout file, keeping the order the two were
     * written in.
     */
    static BoundedProcess start(
            String name, List<String> command, Path workDir, Duration limit, boolean mergeErrors) {
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                        .redirectOutput(out.toFile());
        if (mergeErrors) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(err.toFile());
        }
        try {
            return new BoundedProcess(name, builder.start(), out, err, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    private static File nullDevice() {
        return new File("/dev/null");
    }

    /**
     * Waits until the process ends or its time is up; returns false (after killing it) on time-out.
     */
    boolean awaitExit() {
        long left = deadlineNanos - System.nanoTime();
        try {
            if (left > 0 && process.waitFor(left, TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        return false;
    }

    /** Gives the process a short grace period to end by itself, then kills it. */
    void stop(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    String name() {
        return name;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
