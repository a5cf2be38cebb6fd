package io.pagoda.paging.error;

/**
 * Root of every failure Pagoda reports. Each message says what went wrong, where (address, level,
 * entry) and what to do. A mutating operation that throws one has changed nothing: tables,
 * allocator and TLB view are exactly as they were before the call.
 */
public abstract class PagingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with the message the user reads.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     */
    protected PagingException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the message the user reads and the lower-level failure behind it.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     * @param cause the failure that made the operation impossible, kept for the stack trace
     */
    protected PagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
