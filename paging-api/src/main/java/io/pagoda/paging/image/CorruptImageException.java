package io.pagoda.paging.image;

import io.pagoda.paging.error.PagingException;

/**
 * A memory image file is malformed or truncated: its headers promise bytes the file does not hold.
 */
public class CorruptImageException extends PagingException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the file, naming it, and what to do
     */
    public CorruptImageException(String message) {
        super(message);
    }
}
