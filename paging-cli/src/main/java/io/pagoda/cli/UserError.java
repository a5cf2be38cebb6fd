package io.pagoda.cli;

/**
 * A problem with what the user asked for: reported as one line on stderr and exit status 2, never a
 * stack trace.
 */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
