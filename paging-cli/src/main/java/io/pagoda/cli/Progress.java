package io.pagoda.cli;

import java.io.PrintWriter;

/** A counter on stderr for long walks, shown only on an interactive console so pipes and tests stay clean. */
final class Progress {
    private static final long STEP = 1L << 20;
    private final PrintWriter err;
    private final boolean shown;
    private long count;

    Progress(PrintWriter err) {
        this(err, System.console() != null);
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
