package io.pagoda.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The AArch64 boot stub (resource {@code aarch64-boot-stub.S}), assembled once per test run with
 * the cross binutils, and patched per run with the register values it loads.
 */
final class Aarch64BootStub {
    /**
     * Where the stub is loaded: above the device tree QEMU's virt machine puts at the start of RAM.
     */
    static final long LOAD_ADDRESS = 0x4020_0000L;

    /**
     * Instructions from the entry to the point where the MMU is on, with margin (each step is one
     * instruction).
     */
    static final int STEPS = 32;

    private static final int PARAMETERS = 8;

    private static byte[] assembled;

    private Aarch64BootStub() {}

    /** The stub's bytes with the four register values in place. */
    static byte[] image(long mair, long tcr, long ttbr0, long ttbr1) {
        byte[] bytes = assembled().clone();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(PARAMETERS, mair);
        buffer.putLong(PARAMETERS + 8, tcr);
        buffer.putLong(PARAMETERS + 16, ttbr0);
        buffer.putLong(PARAMETERS + 24, ttbr1);
        return bytes;
    }

    private static synchronized byte[] assembled() {
        if (assembled == null) {
            assembled = assemble();
        }
        return assembled;
    }

    private static byte[] assemble() {
        try {
            Path dir = Files.createTempDirectory("pagoda-aarch64-stub-");
            Path source = dir.resolve("stub.S");
            try (InputStream in =
                    Aarch64BootStub.class.getResourceAsStream("aarch64-boot-stub.S")) {
                if (in == null) {
                    throw new IllegalStateException(
                            "resource aarch64-boot-stub.S is missing from the test class path");
                }
                Files.copy(in, source);
            }
            run(dir, List.of(HostTools.aarch64Assembler().toString(), "-o", "stub.o", "stub.S"));
            run(
                    dir,
                    List.of(
                            HostTools.aarch64Linker().toString(),
                            "-Ttext=0x" + Long.toHexString(LOAD_ADDRESS),
                            "-o",
                            "stub.elf",
                            "stub.o"));
            run(
                    dir,
                    List.of(
                            HostTools.aarch64Objcopy().toString(),
                            "-O",
                            "binary",
                            "stub.elf",
                            "stub.bin"));
            byte[] bytes = Files.readAllBytes(dir.resolve("stub.bin"));
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            // the first instruction must be the branch over the parameters (B: top six bits
            // 000101), which are zero
            if (bytes.length < PARAMETERS + 32
                    || (buffer.getInt(0) >>> 26) != 0b000101
                    || buffer.getLong(PARAMETERS) != 0
                    || buffer.getLong(PARAMETERS + 24) != 0) {
                throw new IllegalStateException(
                        "the assembled stub does not have the expected layout (branch, then four zero quadwords at offset 8)");
            }
            QemuGdbRun.deleteQuietly(dir);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble the AArch64 boot stub", e);
        }
    }

    private static void run(Path dir, List<String> command) {
        try (BoundedProcess tool =
                BoundedProcess.start(
                        Path.of(command.get(0)).getFileName().toString(),
                        command,
                        dir,
                        Duration.ofSeconds(30),
                        true)) {
            if (!tool.awaitExit() || tool.exitCode() != 0) {
                throw new AssertionError(
                        "'"
                                + String.join(" ", command)
                                + "' failed in "
                                + dir
                                + ":\n"
                                + tool.stdout());
            }
        }
    }
}
