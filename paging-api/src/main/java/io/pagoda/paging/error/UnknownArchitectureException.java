package io.pagoda.paging.error;

/** No discovered architecture has the requested name; the message lists the known names. */
public class UnknownArchitectureException extends PagingException {
    private static final long serialVersionUID = 1L;

    public UnknownArchitectureException(String message) {
        super(message);
    }

    public UnknownArchitectureException(String message, Throwable cause) {
        super(message, cause);
    }
}
