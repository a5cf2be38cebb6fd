package io.pagoda.paging.error;

/** A virtual address outside every range the architecture translates; the message lists the canonical ranges. */
public class NonCanonicalAddressException extends PagingException {
    private static final long serialVersionUID = 1L;

    public NonCanonicalAddressException(String message) {
        super(message);
    }

    public NonCanonicalAddressException(String message, Throwable cause) {
        super(message, cause);
    }
}
