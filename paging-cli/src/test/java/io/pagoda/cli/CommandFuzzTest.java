package io.pagoda.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fuzz tier: seeded, replayable generators of hostile raw images, hostile ELF cores and bad
 * command lines, each case run in-process through {@link Main#run} and held to the command's
 * contract (paging-cli/README.md): an exit status from the documented set, no stack trace, no
 * {@link Error}, at most a few lines on stderr ending in a {@code pagoda: } line when the status is
 * not 0, and bounded output and time (each case far under {@link #CASE_BOUND_NANOS}: a bound that
 * catches a hang, not a performance measure).
 *
 * <p>{@code verify} runs {@value #DEFAULT_CASES} cases per generator; the long CI run sets {@code
 * -Dpagoda.fuzz.cases}. A failure names its seed: replay it with {@code -Dpagoda.fuzz.seed=SEED
 * -Dpagoda.fuzz.cases=1}.
 */
class CommandFuzzTest {
    static final int DEFAULT_CASES = 24;
    private static final long CASE_BOUND_NANOS = 20_000_000_000L;
    private static final long MOST_OUTPUT_CHARS = WalkBounds.MIN_LEAVES * 250;
    private static final Set<Integer> DOCUMENTED = Set.of(Main.OK, Main.USER_ERROR, Main.CUT_SHORT);
    private static final String[] ARCHS = {
        "x86_64",
        "x86_64-la57",
        "i386",
        "i386-pae",
        "aarch64",
        "aarch64-4k-39",
        "aarch64-16k-47",
        "aarch64-64k-42",
        "aarch64-64k-48-lpa",
        "toy-cli",
        "toy-split"
    };
    private static final String[] FORMATS = {"ranges", "qemu", "json", "dot"};

    @TempDir Path dir;

    private static int cases() {
        return Integer.getInteger("pagoda.fuzz.cases", DEFAULT_CASES);
    }

    private static long firstSeed(long salt) {
        Long given = Long.getLong("pagoda.fuzz.seed");
        return given != null ? given : salt;
    }

    @Test
    void hostileRawImages() throws IOException {
        fuzz(
                0x13_0000L,
                (random, seed) -> {
                    Path image = write("raw-" + seed, hostileTables(random));
                    return targetCommand(random, image);
                });
    }

    @Test
    void hostileElfCores() throws IOException {
        fuzz(
                0x13_1000L,
                (random, seed) -> {
                    Path image = write("core-" + seed, hostileCore(random));
                    return targetCommand(random, image);
                });
    }

    @Test
    void badCommandLines() throws IOException {
        Path image = write("good.raw", hostileTables(new Random(1)));
        fuzz(0x13_2000L, (random, seed) -> badCommandLine(random, image));
    }

    private Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fuzz(long salt, BiFunction<Random, Long, String[]> generator) {
        long first = firstSeed(salt);
        for (int i = 0; i < cases(); i++) {
            long seed = first + i;
            String[] args = generator.apply(new Random(seed), seed);
            check(seed, args);
        }
    }

    private static void check(long seed, String[] args) {
        String replay =
                "case seed "
                        + seed
                        + " (replay: -Dpagoda.fuzz.seed="
                        + seed
                        + " -Dpagoda.fuzz.cases=1 -Dtest="
                        + CommandFuzzTest.class.getSimpleName()
                        + "), pagoda "
                        + String.join(" ", args)
                        + "\n";
        Cli.Capped out = new Cli.Capped(4096);
        Cli.Capped err = new Cli.Capped(1 << 16);
        long start = System.nanoTime();
        int status;
        try {
            status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        } catch (Throwable t) {
            throw new AssertionError(replay + "threw " + t, t);
        }
        long elapsed = System.nanoTime() - start;
        String errText = err.kept.toString();
        String why = null;
        if (!DOCUMENTED.contains(status)) {
            why = "exit status " + status + " is not documented";
        } else if (errText.contains("\tat ")
                || errText.contains("Exception")
                || errText.contains("Error:")) {
            why = "a stack trace or an exception's name on stderr";
        } else if (status != 0
                && (errText.isEmpty() || !lastLine(errText).startsWith("pagoda: "))) {
            why = "a failure without a 'pagoda: ' line last on stderr";
        } else if (errText.lines().count() > 3 || err.total > 4096) {
            why = "more than three lines on stderr";
        } else if (out.total > MOST_OUTPUT_CHARS) {
            why = out.total + " chars on stdout";
        } else if (elapsed > CASE_BOUND_NANOS) {
            why = "took " + elapsed / 1_000_000 + " ms";
        }
        if (why != null) {
            throw new AssertionError(
                    replay + why + "\nstderr:\n" + errText + "\nstdout starts:\n" + out.kept);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1];
    }

    /** inspect or translate of {@code image} with a random variant, root, base and format. */
    private static String[] targetCommand(Random random, Path image) {
        List<String> args = new ArrayList<>();
        boolean inspect = random.nextInt(4) != 0;
        args.add(inspect ? "inspect" : "translate");
        args.addAll(
                List.of(
                        "--arch",
                        ARCHS[random.nextInt(ARCHS.length)],
                        "--root",
                        "0x" + Long.toHexString(root(random))));
        if (random.nextInt(6) == 0) {
            args.addAll(List.of("--root-upper", "0x" + Long.toHexString(root(random))));
        }
        if (random.nextInt(6) == 0) {
            args.addAll(List.of("--tcr", "0x" + Long.toHexString(random.nextLong())));
        }
        if (random.nextInt(8) == 0) {
            args.addAll(List.of("--base", "0x" + Long.toHexString(random.nextInt(4) * 0x1000L)));
        }
        if (inspect) {
            args.addAll(List.of("--format", FORMATS[random.nextInt(FORMATS.length)]));
        }
        args.add(image.toString());
        if (!inspect) {
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                args.add(
                        "0x"
                                + Long.toHexString(
                                        random.nextBoolean()
                                                ? random.nextLong()
                                                : random.nextInt(1 << 24)));
            }
        }
        return args.toArray(String[]::new);
    }

    private static long root(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt(16) * 0x1000L | random.nextInt(0x1000);
            default -> random.nextInt(16) * 0x1000L;
        };
    }

    /**
     * Up to 16 tables of 4 KiB: entries linking to random tables (themselves included) with x86 or
     * AArch64 table bits, random leaves and random noise, so walks meet loops, sharing, reserved
     * bits and addresses outside.
     */
    static byte[] hostileTables(Random random) {
        int tables = 1 + random.nextInt(16);
        ByteBuffer b = ByteBuffer.allocate(tables * 4096).order(ByteOrder.LITTLE_ENDIAN);
        int density = 1 + random.nextInt(64);
        for (int i = 0; i < tables * 512; i++) {
            if (random.nextInt(density) != 0) {
                continue;
            }
            long target = random.nextInt(random.nextInt(8) == 0 ? 1 << 20 : tables) * 0x1000L;
            long value =
                    switch (random.nextInt(6)) {
                        case 0 -> target | 0x7;
                        case 1 -> target | 0x403;
                        case 2 -> target | 0x3;
                        case 3 -> target | 0x87;
                        case 4 -> target | 0x401;
                        default -> random.nextLong();
                    };
            b.putLong(i * 8, value);
        }
        if (random.nextInt(3) == 0) {
            // a fan-out: one table's entries all linking to one table
            int from = random.nextInt(tables);
            long link = random.nextInt(tables) * 0x1000L | (random.nextBoolean() ? 0x7 : 0x403);
            for (int i = 0; i < 512; i++) {
                b.putLong(from * 4096 + i * 8, link);
            }
        }
        return b.array();
    }

    /**
     * An ELF core around hostile tables, then mutated: header fields, segment fields, the length.
     */
    static byte[] hostileCore(Random random) {
        byte[] memory = hostileTables(random);
        boolean is64 = random.nextInt(4) != 0;
        int segments = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 6);
        int phentsize = is64 ? 56 : 32;
        int headerSize = is64 ? 64 : 52;
        int data = headerSize + phentsize * segments;
        ByteBuffer b = ByteBuffer.allocate(data + memory.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), 1, 1, 0});
        b.position(16);
        int[] machines = {62, 3, 183, 0, 40};
        b.putShort((short) 4).putShort((short) machines[random.nextInt(machines.length)]).putInt(1);
        if (is64) {
            b.putLong(0).putLong(headerSize).putLong(0).putInt(0);
        } else {
            b.putInt(0).putInt(headerSize).putInt(0).putInt(0);
        }
        b.putShort((short) headerSize)
                .putShort((short) phentsize)
                .putShort((short) segments)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) 0);
        int each = memory.length / segments;
        long paddr = random.nextBoolean() ? 0 : random.nextInt(1 << 20) * 0x1000L;
        for (int i = 0; i < segments; i++) {
            long offset = data + (long) i * each;
            long size = i == segments - 1 ? memory.length - (long) i * each : each;
            b.position(headerSize + phentsize * i);
            if (is64) {
                b.putInt(1)
                        .putInt(6)
                        .putLong(offset)
                        .putLong(0)
                        .putLong(paddr)
                        .putLong(size)
                        .putLong(size)
                        .putLong(0);
            } else {
                b.putInt(1)
                        .putInt((int) offset)
                        .putInt(0)
                        .putInt((int) paddr)
                        .putInt((int) size)
                        .putInt((int) size)
                        .putInt(6)
                        .putInt(0);
            }
            paddr += size + (random.nextInt(4) == 0 ? random.nextInt(4) * 0x1000L : 0);
        }
        b.position(data);
        b.put(memory);
        byte[] bytes = b.array();
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(Math.min(bytes.length, data + 16));
            bytes[at] = (byte) random.nextInt(256);
        }
        if (random.nextInt(6) == 0) {
            bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        return bytes;
    }

    private static final String[] WORDS = {
        "inspect",
        "translate",
        "archs",
        "demo",
        "--help",
        "-h",
        "--version",
        "--arch",
        "--root",
        "--root-upper",
        "--tcr",
        "--base",
        "--format",
        "--max-entries",
        "--max-leaves",
        "--max-loop-links",
        "--max-tables",
        "--plugin",
        "--report",
        "x86_64",
        "aarch64",
        "toy-cli",
        "vax",
        "qemu",
        "dot",
        "xml",
        "0",
        "0x",
        "0x1000",
        "-1",
        "+5",
        "0x+1",
        "\u0663",
        "\uff11",
        "0xFFFFFFFFFFFFFFFFF",
        "18446744073709551616",
        "1_000",
        "_",
        "",
        " ",
        "--",
        "-",
        "--arch=",
        "--root=0x100000",
        "=",
        "IMAGE",
        "/nonexistent",
        "/",
        "\u0000",
        "ä",
        "\n",
        "%n",
        "%s",
        "${DEFAULT-VALUE}",
        "@/nonexistent",
        "@",
        "--format=ranges",
        "-Dx=y"
    };

    /**
     * Random words from the command's vocabulary and a few hostile strings, sometimes with the real
     * image.
     */
    private static String[] badCommandLine(Random random, Path image) {
        List<String> args = new ArrayList<>();
        int count = random.nextInt(9);
        for (int i = 0; i < count; i++) {
            args.add(
                    random.nextInt(8) == 0
                            ? image.toString()
                            : WORDS[random.nextInt(WORDS.length)]);
        }
        if (random.nextInt(5) == 0) {
            // a bad plugin: conformance fails before its minutes-long run
            args.add(0, "conformance");
            args.addAll(List.of("--plugin", "/nonexistent/arch.jar"));
        }
        return args.toArray(String[]::new);
    }
}
