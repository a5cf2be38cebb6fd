package io.pagoda.cli;

import java.io.Console;
import java.io.PrintWriter;

/**
 * A counter on stderr for long walks, shown only on an interactive console so pipes and tests stay
 * clean.
 */
final class Progress {
    private static final long STEP = 1L << 20;
    private final PrintWriter err;
    private final boolean shown;
    private long count;

    Progress(PrintWriter err) {
        this(err, onTerminal());
    }

    /**
     * Whether the streams are a terminal: from JDK 22 on there is a console even when they are
     * redirected.
     */
    @SuppressWarnings(
            "SystemConsoleNull") // null is the answer before JDK 22 only; isTerminal() decides from
    // 22 on
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() (JDK 22) is not in the release 17 API, so it is looked up
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException beforeJdk22) {
            return true; // before JDK 22 a console exists only on a terminal
        }
    }

    Progress(PrintWriter err, boolean shown) {
        this.err = err;
        this.shown = shown;
    }

    void entries(long done) {
        count = done;
        if (shown && done % STEP == 0) {
            err.print("\rpagoda: " + done + " entries read");
            err.flush();
        }
    }

    void done() {
        if (shown && count >= STEP) {
            err.print("\r" + " ".repeat(40) + "\r");
            err.flush();
        }
    }
}
