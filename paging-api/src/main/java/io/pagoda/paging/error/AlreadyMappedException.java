package io.pagoda.paging.error;

/** An entry the operation must fill is already present or guarded. */
public class AlreadyMappedException extends PagingException {
    private static final long serialVersionUID = 1L;

    public AlreadyMappedException(String message) {
        super(message);
    }

    public AlreadyMappedException(String message, Throwable cause) {
        super(message, cause);
    }
}
