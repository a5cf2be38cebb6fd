package io.pagoda.paging.error;

/**
 * An address-space tag (x86 PCID, AArch64 ASID) the root register cannot hold: outside the
 * register's tag field, or given to a format that has no tags at all.
 */
public class AddressSpaceTagException extends PagingException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with the message the user reads.
     *
     * @param message what went wrong, where (address, level, entry) and what to do
     */
    public AddressSpaceTagException(String message) {
        super(message);
    }
}
