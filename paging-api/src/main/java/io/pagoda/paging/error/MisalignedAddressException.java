package io.pagoda.paging.error;

/** An address, length or frame is not aligned to the size the operation needs. */
public class MisalignedAddressException extends PagingException {
    private static final long serialVersionUID = 1L;

    public MisalignedAddressException(String message) {
        super(message);
    }

    public MisalignedAddressException(String message, Throwable cause) {
        super(message, cause);
    }
}
