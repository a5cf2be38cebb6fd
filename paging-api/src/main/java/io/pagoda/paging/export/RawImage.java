package io.pagoda.paging.export;

/**
 * Where a raw image written by {@link MemoryExport#writeRaw} belongs: its first byte is physical
 * address {@code base}; it is {@code length} bytes long. Open it again with {@code
 * MemoryImages.open(file, OptionalLong.of(base))} or {@code pagoda inspect --base}.
 */
public record RawImage(long base, long length) {}
