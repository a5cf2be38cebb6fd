package io.pagoda.paging.error;

/** An entry the operation must change holds no mapping (a hole in an unmap or protect range). */
public class NotMappedException extends PagingException {
    private static final long serialVersionUID = 1L;

    public NotMappedException(String message) {
        super(message);
    }

    public NotMappedException(String message, Throwable cause) {
        super(message, cause);
    }
}
