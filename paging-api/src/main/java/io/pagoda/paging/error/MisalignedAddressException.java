package io.pagoda.paging.error;

/** An address, length or frame is not aligned to the size the operation needs. */
public class MisalignedAddressException extends PagingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with the message the user reads.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     */
    public MisalignedAddressException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the message the user reads and the lower-level failure behind it.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     * @param cause the failure that made the operation impossible, kept for the stack trace
     */
    public MisalignedAddressException(String message, Throwable cause) {
        super(message, cause);
    }
}
