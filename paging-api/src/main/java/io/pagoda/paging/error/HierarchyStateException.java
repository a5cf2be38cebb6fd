package io.pagoda.paging.error;

/** A hierarchy used in a state that forbids the call, such as closing the active one. */
public class HierarchyStateException extends PagingException {
    private static final long serialVersionUID = 1L;

    public HierarchyStateException(String message) {
        super(message);
    }

    public HierarchyStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
