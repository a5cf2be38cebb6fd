package io.pagoda.paging.image;

import io.pagoda.paging.error.PagingException;

/** A write to an image opened read-only (the default, so that inspecting a dump never changes it). */
public class ReadOnlyImageException extends PagingException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyImageException(String message) {
        super(message);
    }
}
