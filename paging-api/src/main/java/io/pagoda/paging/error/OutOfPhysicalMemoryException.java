package io.pagoda.paging.error;

/** The frame allocator has no frame left, or physical memory cannot hold the request. */
public class OutOfPhysicalMemoryException extends PagingException {
    private static final long serialVersionUID = 1L;

    public OutOfPhysicalMemoryException(String message) {
        super(message);
    }

    public OutOfPhysicalMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
