package io.pagoda.paging.error;

/** Two providers claim the same architecture name or alias. */
public class DuplicateArchitectureException extends PagingException {
    private static final long serialVersionUID = 1L;

    public DuplicateArchitectureException(String message) {
        super(message);
    }

    public DuplicateArchitectureException(String message, Throwable cause) {
        super(message, cause);
    }
}
