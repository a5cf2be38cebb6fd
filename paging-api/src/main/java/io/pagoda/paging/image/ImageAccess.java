package io.pagoda.paging.image;

/** How an image file is opened. */
public enum ImageAccess {
    /**
     * Reads only; any write is a {@link ReadOnlyImageException}. The default: a dump is evidence.
     */
    READ_ONLY,
    /** Writes go to a private copy in memory; the file never changes (experiments on a dump). */
    PRIVATE_COPY,
    /** Writes go through to the file. */
    READ_WRITE
}
