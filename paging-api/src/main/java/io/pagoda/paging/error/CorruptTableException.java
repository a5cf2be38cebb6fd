package io.pagoda.paging.error;

/** A table read from memory is malformed: a reserved bit, a pointer outside memory, or a loop. */
public class CorruptTableException extends PagingException {
    private static final long serialVersionUID = 1L;

    public CorruptTableException(String message) {
        super(message);
    }

    public CorruptTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
