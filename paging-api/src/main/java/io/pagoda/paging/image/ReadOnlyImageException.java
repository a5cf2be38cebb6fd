package io.pagoda.paging.image;

import io.pagoda.paging.error.PagingException;

/**
 * A write to an image opened read-only (the default, so that inspecting a dump never changes it).
 */
public class ReadOnlyImageException extends PagingException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the address written and how to open the image for writing
     */
    public ReadOnlyImageException(String message) {
        super(message);
    }
}
