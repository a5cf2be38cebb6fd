package io.pagoda.paging.error;

/**
 * Root of every failure Pagoda reports. Each message says what went wrong, where (address, level, entry)
 * and what to do. A mutating operation that throws one has changed nothing: tables, allocator and TLB
 * view are exactly as they were before the call.
 */
public abstract class PagingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected PagingException(String message) {
        super(message);
    }

    protected PagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
