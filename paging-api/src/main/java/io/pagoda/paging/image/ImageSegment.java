package io.pagoda.paging.image;

import io.pagoda.paging.Hex;

/**
 * One stretch of physical memory an image holds: {@code [physicalStart, physicalStart + length)}, of which
 * the first {@code fileLength} bytes come from the file at {@code fileOffset} and the rest read as zero
 * (an ELF segment whose memory size exceeds its file size).
 */
public record ImageSegment(long physicalStart, long length, long fileOffset, long fileLength) {

    public ImageSegment {
        if (length <= 0 || fileLength < 0 || fileLength > length) {
            throw new IllegalArgumentException("segment at " + Hex.of(physicalStart) + ": length " + length
                    + " and file length " + fileLength + " are inconsistent");
        }
    }

    /** The last physical address inside, inclusive (no overflow at the top of the space). */
    public long physicalLast() {
        return physicalStart + length - 1;
    }

    public boolean contains(long pa) {
        return Long.compareUnsigned(pa, physicalStart) >= 0 && Long.compareUnsigned(pa, physicalLast()) <= 0;
    }

    @Override
    public String toString() {
        return Hex.of(physicalStart) + ".." + Hex.of(physicalLast());
    }
}
