package io.pagoda.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;

/** Runs the pagoda command in-process with captured output. */
record Cli(int status, String out, String err, long outChars) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(status, out.toString(), err.toString(), out.getBuffer().length());
    }

    /**
     * Keeps the first {@code keptChars} of stdout and counts the rest, for runs whose output may be
     * huge.
     */
    static Cli runCounting(int keptChars, String... args) {
        Capped out = new Capped(keptChars);
        Capped err = new Capped(1 << 16);
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(status, out.kept.toString(), err.kept.toString(), out.total);
    }

    String[] outLines() {
        return out.isEmpty() ? new String[0] : out.split("\n");
    }

    /** A writer that keeps a prefix and counts every char. */
    static final class Capped extends Writer {
        private final int cap;
        final StringBuilder kept = new StringBuilder();
        long total;

        Capped(int cap) {
            this.cap = cap;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            total += length;
            int room = Math.min(length, cap - kept.length());
            if (room > 0) {
                kept.append(chars, offset, room);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
