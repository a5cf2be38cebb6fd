package io.pagoda.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QEMU's TCG MMU itself as the x86-64 judge, for what its debug walkers do not check (reserved
 * bits, rights): the CPU is put in 64-bit mode through the gdbstub and runs {@code
 * x86-64-mmu-probe.S}, which reads or writes each probed address and records the exception it
 * raised (page fault with error code and CR2, or #GP). The tables under test must identity-map
 * linear {@code 0..IDENTITY_END} (GDT and IDT at 0, the stub at 0x8000, the probe list and results
 * above), executable and writable.
 */
final class X86MmuProbe {
    static final long IDENTITY_END = 0x30000;
    static final int MAX_PROBES = 4096;
    private static final long STUB = 0x8000;
    private static final long LIST = 0x10000;
    private static final long RESULTS = 0x20000;
    private static final long STACK_TOP = 0x7FF0;
    private static final int CR0 = 27;
    private static final int CR3 = 29;
    private static final int CR4 = 30;
    private static final int EFER = 32;
    private static final int CS = 18;
    private static final int RIP = 16;
    private static final int RSP = 7;
    private static final long CR0_WP = 1L << 16;

    /** One access: read, or write (CR0.WP is on, so supervisor writes honour R/W). */
    record Probe(long address, boolean write) {}

    /**
     * What the access did: went through, or raised {@code vector} with {@code errorCode} (and CR2
     * for #PF).
     */
    record Outcome(boolean faulted, int vector, long errorCode, long cr2) {
        static final Outcome PASSED = new Outcome(false, 0, 0, 0);

        static Outcome pageFault(long errorCode) {
            return new Outcome(true, 14, errorCode, 0);
        }

        @Override
        public String toString() {
            return !faulted
                    ? "no fault"
                    : vector == 14
                            ? "#PF error 0x" + Long.toHexString(errorCode)
                            : vector == 13 ? "#GP(" + errorCode + ")" : "vector " + vector;
        }

        /** Same exception and error code (CR2 is checked separately). */
        boolean sameAs(Outcome other) {
            return faulted == other.faulted
                    && vector == other.vector
                    && errorCode == other.errorCode;
        }
    }

    private record Stub(byte[] bytes, Map<String, Long> symbols) {}

    private static Stub stub;

    private X86MmuProbe() {}

    /**
     * Runs the probes with {@code tables} in memory and paging as {@code mode} (64-bit modes only)
     * with {@code cr3}.
     */
    static List<Outcome> run(
            String label, MemoryImage tables, X86Mode mode, long cr3, List<Probe> probes) {
        if ((mode.efer() & X86Mode.EFER_LMA) == 0) {
            throw new IllegalArgumentException(
                    "the MMU probe runs 64-bit code: give a long mode, not " + mode.name());
        }
        if (probes.size() > MAX_PROBES) {
            throw new IllegalArgumentException(
                    probes.size() + " probes; at most " + MAX_PROBES + " per run");
        }
        Stub code = stub();
        MemoryImage image = tables.with(systemPages(code, probes));
        long done = code.symbols().get("done");
        GdbScript script =
                new GdbScript()
                        .writeRegister(EFER, mode.efer())
                        .writeRegister(CR4, mode.cr4())
                        .writeRegister(CR3, cr3)
                        .writeRegister(CR0, mode.cr0() | CR0_WP)
                        .writeRegister32(
                                CS, 0x08) // read from the GDT at linear 0: a 64-bit code segment
                        .writeRegister(RIP, STUB)
                        .writeRegister(RSP, STACK_TOP)
                        .section("cs")
                        .readRegister(CS)
                        .command("hbreak *0x" + Long.toHexString(done))
                        .section("run")
                        .command("continue")
                        .section("pc")
                        .command("p/x $pc")
                        .section("results")
                        .monitor(
                                "xp /"
                                        + (2 * Math.max(1, probes.size()))
                                        + "gx 0x"
                                        + Long.toHexString(RESULTS))
                        .section("end")
                        .command("kill");
        List<String> machine = List.of("-M", "pc", "-cpu", "max", "-m", "256M", "-no-reboot");
        Transcript transcript =
                QemuGdbRun.run(
                        label, HostTools.qemuX86(), machine, image, HostTools.gdbX86(), script);
        if (transcript.printedValue("pc") != done) {
            throw new AssertionError(
                    "the MMU probe did not reach 'done' (0x"
                            + Long.toHexString(done)
                            + ")\n"
                            + transcript);
        }
        List<Long> words = new ArrayList<>();
        Pattern value = Pattern.compile("0x([0-9a-fA-F]{16})");
        for (String line : transcript.section("results")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            Matcher m = value.matcher(line.substring(colon + 1));
            while (m.find()) {
                words.add(Long.parseUnsignedLong(m.group(1), 16));
            }
        }
        if (words.size() < 2 * probes.size()) {
            throw new AssertionError(
                    "the MMU probe results are incomplete: "
                            + words.size() / 2
                            + " of "
                            + probes.size()
                            + "\n"
                            + transcript);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            long status = words.get(2 * i);
            if (status == 1) {
                outcomes.add(Outcome.PASSED);
            } else if (status < 0) {
                outcomes.add(
                        new Outcome(
                                true,
                                (int) ((status >>> 32) & 0xFF),
                                status & 0xFFFF_FFFFL,
                                words.get(2 * i + 1)));
            } else {
                throw new AssertionError(
                        "probe "
                                + i
                                + " left no result (0x"
                                + Long.toHexString(status)
                                + ")\n"
                                + transcript);
            }
        }
        return outcomes;
    }

    /**
     * Page 0 (a 64-bit code descriptor at GDT offset 8, IDT gates 13 and 14), the stub with its
     * count, the list.
     */
    private static MemoryImage systemPages(Stub code, List<Probe> probes) {
        MemoryImage image = new MemoryImage();
        image.put(0x8, 0x0020_9A00_0000_0000L, 8); // present, DPL 0, code, L = 1
        gate(image, 13, code.symbols().get("general_protection"));
        gate(image, 14, code.symbols().get("page_fault"));
        byte[] bytes = code.bytes().clone();
        ByteBuffer.wrap(bytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong((int) (code.symbols().get("count") - STUB), probes.size());
        image.putBytes(STUB, bytes);
        for (int i = 0; i < probes.size(); i++) {
            image.put(LIST + 16L * i, probes.get(i).address(), 8);
            image.put(LIST + 16L * i + 8, probes.get(i).write() ? 1 : 0, 8);
        }
        return image;
    }

    /**
     * A 64-bit interrupt gate: handler offset split over both quadwords, selector 8, type 0xE,
     * present.
     */
    private static void gate(MemoryImage image, int vector, long handler) {
        long low =
                (handler & 0xFFFF)
                        | (0x08L << 16)
                        | (0x8EL << 40)
                        | (((handler >>> 16) & 0xFFFF) << 48);
        image.put(vector * 16L, low, 8);
        image.put(vector * 16L + 8, handler >>> 32, 8);
    }

    private static synchronized Stub stub() {
        if (stub == null) {
            stub = assemble();
        }
        return stub;
    }

    private static Stub assemble() {
        try {
            Path dir = Files.createTempDirectory("pagoda-x86-probe-");
            try (InputStream in = X86MmuProbe.class.getResourceAsStream("x86-64-mmu-probe.S")) {
                if (in == null) {
                    throw new IllegalStateException(
                            "resource x86-64-mmu-probe.S is missing from the test class path");
                }
                Files.copy(in, dir.resolve("probe.S"));
            }
            tool(
                    dir,
                    List.of(
                            HostTools.hostBinutils("as").toString(),
                            "--64",
                            "-o",
                            "probe.o",
                            "probe.S"));
            tool(
                    dir,
                    List.of(
                            HostTools.hostBinutils("ld").toString(),
                            "-Ttext=0x" + Long.toHexString(STUB),
                            "-o",
                            "probe.elf",
                            "probe.o"));
            tool(
                    dir,
                    List.of(
                            HostTools.hostBinutils("objcopy").toString(),
                            "-O",
                            "binary",
                            "probe.elf",
                            "probe.bin"));
            String names = tool(dir, List.of(HostTools.hostBinutils("nm").toString(), "probe.elf"));
            Map<String, Long> symbols = new HashMap<>();
            for (String line : names.split("\n")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 3) {
                    symbols.put(parts[2], Long.parseUnsignedLong(parts[0], 16));
                }
            }
            for (String needed : List.of("done", "page_fault", "general_protection", "count")) {
                if (!symbols.containsKey(needed)) {
                    throw new IllegalStateException(
                            "the assembled MMU probe has no symbol '"
                                    + needed
                                    + "': "
                                    + symbols.keySet());
                }
            }
            byte[] bytes = Files.readAllBytes(dir.resolve("probe.bin"));
            if (bytes.length > LIST - STUB) {
                throw new IllegalStateException(
                        "the MMU probe ("
                                + bytes.length
                                + " bytes) overlaps the probe list at 0x10000");
            }
            QemuGdbRun.deleteQuietly(dir);
            return new Stub(bytes, symbols);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble the x86-64 MMU probe", e);
        }
    }

    private static String tool(Path dir, List<String> command) {
        try (BoundedProcess process =
                BoundedProcess.start(
                        Path.of(command.get(0)).getFileName().toString(),
                        command,
                        dir,
                        Duration.ofSeconds(30),
                        true)) {
            if (!process.awaitExit() || process.exitCode() != 0) {
                throw new AssertionError(
                        "'"
                                + String.join(" ", command)
                                + "' failed in "
                                + dir
                                + ":\n"
                                + process.stdout());
            }
            return process.stdout();
        }
    }
}
