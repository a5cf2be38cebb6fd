package io.pagoda.qemu;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every disagreement of one comparison, so a failure lists all of them rather than the
 * first.
 */
final class AgreementReport {
    private final String subject;
    private final List<String> disagreements = new ArrayList<>();
    private int checks;

    AgreementReport(String subject) {
        this.subject = subject;
    }

    void expect(boolean agreed, String disagreement) {
        checks++;
        if (!agreed) {
            disagreements.add(disagreement);
        }
    }

    int checks() {
        return checks;
    }

    /** Fails with every disagreement (the first 60) and the QEMU transcript when any was found. */
    void assertAgreed(Object transcript) {
        if (!disagreements.isEmpty()) {
            StringBuilder message =
                    new StringBuilder(
                            subject
                                    + ": "
                                    + disagreements.size()
                                    + " of "
                                    + checks
                                    + " checks disagree\n");
            disagreements.stream()
                    .limit(60)
                    .forEach(d -> message.append("  ").append(d).append('\n'));
            throw new AssertionError(message.append(transcript).toString());
        }
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
