package io.pagoda.cli;

/**
 * The walk stopped before its end: what stdout holds is a correct but incomplete prefix. Reported
 * as one {@code pagoda: output cut short: ...} line and exit status {@link Main#CUT_SHORT}.
 */
final class CutShort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CutShort(String message) {
        super(message);
    }

    CutShort(String message, Throwable cause) {
        super(message, cause);
    }
}
