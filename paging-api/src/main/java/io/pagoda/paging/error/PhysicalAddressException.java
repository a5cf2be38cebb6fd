package io.pagoda.paging.error;

/** A physical address outside the memory, the image, or the architecture's physical width. */
public class PhysicalAddressException extends PagingException {
    private static final long serialVersionUID = 1L;

    public PhysicalAddressException(String message) {
        super(message);
    }

    public PhysicalAddressException(String message, Throwable cause) {
        super(message, cause);
    }
}
