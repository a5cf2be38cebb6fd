package io.pagoda.paging.error;

/** A zero length, a length that overflows, or a range past the end of the address space or of a table. */
public class InvalidRangeException extends PagingException {
    private static final long serialVersionUID = 1L;

    public InvalidRangeException(String message) {
        super(message);
    }

    public InvalidRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
