package io.pagoda.paging.error;

/** The format cannot express the requested access rights or attributes; nothing was dropped silently. */
public class RightsNotExpressibleException extends PagingException {
    private static final long serialVersionUID = 1L;

    public RightsNotExpressibleException(String message) {
        super(message);
    }

    public RightsNotExpressibleException(String message, Throwable cause) {
        super(message, cause);
    }
}
