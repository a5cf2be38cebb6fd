package io.pagoda.qemu;

import io.pagoda.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code pagoda} command run in-process, exactly as a user types it: the same argument strings,
 * the same entry point ({@link Main#run}), its stdout and stderr captured.
 */
final class PagodaCli {
    /** One run: exit status, what went to stdout and stderr, and the command line for messages. */
    record Result(int status, String out, String err, List<String> arguments) {
        List<String> lines() {
            return out.lines().toList();
        }

        /** Fails unless the command exited 0 with nothing on stderr. */
        Result requireClean() {
            return requireClean(err.isEmpty());
        }

        /**
         * Fails unless the command exited 0 with nothing on stderr (or only what {@code cli} was
         * told to accept).
         */
        Result requireClean(PagodaCli cli) {
            return requireClean(cli.stderrAccepted(err));
        }

        private Result requireClean(boolean stderrClean) {
            if (status != 0 || !stderrClean) {
                throw new AssertionError(
                        "pagoda "
                                + String.join(" ", arguments)
                                + "\nexited "
                                + status
                                + ", stderr:\n"
                                + err
                                + "\nstdout (first 2000 chars):\n"
                                + out.substring(0, Math.min(out.length(), 2000)));
            }
            return this;
        }
    }

    private final List<String> target;

    /**
     * What a clean run may print on stderr: nothing, unless a known warning is expected ({@link
     * #acceptStderr}).
     */
    private Predicate<String> cleanStderr = String::isEmpty;

    /**
     * {@code --arch} and {@code --root} (and more) as the user would give them, before the IMAGE.
     */
    PagodaCli(String architecture, long root, String... more) {
        target = new ArrayList<>(List.of("--arch", architecture, "--root", hex(root)));
        target.addAll(List.of(more));
    }

    private PagodaCli(List<String> target) {
        this.target = target;
    }

    /** The same command with {@code --strict}. */
    PagodaCli strict() {
        List<String> more = new ArrayList<>(target);
        more.add("--strict");
        return new PagodaCli(more);
    }

    /**
     * From now on a clean run's stderr must satisfy {@code accepted} (a known warning) instead of
     * being empty.
     */
    void acceptStderr(Predicate<String> accepted) {
        cleanStderr = accepted;
    }

    boolean stderrAccepted(String err) {
        return cleanStderr.test(err);
    }

    static Result run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (PrintWriter o = new PrintWriter(out);
                PrintWriter e = new PrintWriter(err)) {
            status = Main.run(o, e, arguments);
        }
        return new Result(status, out.toString(), err.toString(), List.of(arguments));
    }

    Result inspect(String format, Path image) {
        List<String> arguments = new ArrayList<>(List.of("inspect"));
        arguments.addAll(target);
        arguments.addAll(List.of("--format", format, image.toString()));
        return run(arguments.toArray(String[]::new));
    }

    /**
     * {@code pagoda translate}: the physical address per virtual address, -1 for every "unmapped"
     * answer.
     */
    Map<Long, Long> translate(Path image, long[] addresses) {
        List<String> arguments = new ArrayList<>(List.of("translate"));
        arguments.addAll(target);
        arguments.add(image.toString());
        for (long va : addresses) {
            arguments.add(hex(va));
        }
        Result result = run(arguments.toArray(String[]::new)).requireClean(this);
        Map<Long, Long> answers = new LinkedHashMap<>();
        for (String line : result.lines()) {
            String[] words = line.split(" ");
            long va = Long.parseUnsignedLong(words[0].substring(2), 16);
            if (words[1].equals("unmapped")) {
                answers.put(va, -1L);
            } else if (words[1].startsWith("0x")) {
                answers.put(va, Long.parseUnsignedLong(words[1].substring(2), 16));
            } else {
                throw new AssertionError("pagoda translate printed an unexpected line: " + line);
            }
        }
        if (answers.size() != distinct(addresses)) {
            throw new AssertionError(
                    "pagoda translate answered "
                            + answers.size()
                            + " of "
                            + addresses.length
                            + " addresses:\n"
                            + result.out());
        }
        return answers;
    }

    /** {@code pagoda translate} of the addresses, whatever it answers. */
    Result translateRaw(Path image, long... addresses) {
        List<String> arguments = new ArrayList<>(List.of("translate"));
        arguments.addAll(target);
        arguments.add(image.toString());
        for (long va : addresses) {
            arguments.add(hex(va));
        }
        return run(arguments.toArray(String[]::new));
    }

    private static long distinct(long[] addresses) {
        return Arrays.stream(addresses).distinct().count();
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
