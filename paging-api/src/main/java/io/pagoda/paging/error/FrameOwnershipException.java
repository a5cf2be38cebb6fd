package io.pagoda.paging.error;

/** A frame freed twice, or freed to an allocator that never handed it out. */
public class FrameOwnershipException extends PagingException {
    private static final long serialVersionUID = 1L;

    public FrameOwnershipException(String message) {
        super(message);
    }

    public FrameOwnershipException(String message, Throwable cause) {
        super(message, cause);
    }
}
