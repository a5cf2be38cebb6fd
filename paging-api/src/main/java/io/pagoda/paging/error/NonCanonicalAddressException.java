package io.pagoda.paging.error;

/**
 * A virtual address outside every range the architecture translates; the message lists the
 * canonical ranges.
 */
public class NonCanonicalAddressException extends PagingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with the message the user reads.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     */
    public NonCanonicalAddressException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the message the user reads and the lower-level failure behind it.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     * @param cause the failure that made the operation impossible, kept for the stack trace
     */
    public NonCanonicalAddressException(String message, Throwable cause) {
        super(message, cause);
    }
}
