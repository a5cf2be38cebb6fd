package io.pagoda.paging.export;

import io.pagoda.paging.error.PagingException;

/**
 * An export that cannot be written as asked (nothing written to export, a value the file format
 * cannot hold).
 */
public final class ExportException extends PagingException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what cannot be exported and what to do instead
     */
    public ExportException(String message) {
        super(message);
    }
}
