package io.pagoda.paging.memory;

/**
 * The physical range {@code [first, first + length)} an allocator hands its frames from: what a
 * direct map of "all memory" must cover.
 *
 * @param first the first physical address of the range
 * @param length its length in bytes
 */
public record FrameRange(long first, long length) {}
