package io.pagoda.cli;

/**
 * {@code --strict} met root-table entries with reserved bits only a root-register load checks: one
 * line on stderr and exit status 4, nothing on stdout.
 */
final class StrictRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StrictRefusal(String message) {
        super(message);
    }
}
