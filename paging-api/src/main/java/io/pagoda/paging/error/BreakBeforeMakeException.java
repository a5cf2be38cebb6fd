package io.pagoda.paging.error;

/** A live valid entry replaced by a different valid one without the invalidation the architecture requires in between. */
public class BreakBeforeMakeException extends PagingException {
    private static final long serialVersionUID = 1L;

    public BreakBeforeMakeException(String message) {
        super(message);
    }

    public BreakBeforeMakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
