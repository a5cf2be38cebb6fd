package io.pagoda.paging.image;

import io.pagoda.paging.Hex;

/**
 * One stretch of physical memory an image holds: {@code [physicalStart, physicalStart + length)},
 * of which the first {@code fileLength} bytes come from the file at {@code fileOffset} and the rest
 * read as zero (an ELF segment whose memory size exceeds its file size).
 */
public record ImageSegment(long physicalStart, long length, long fileOffset, long fileLength) {

    /**
     * Checks the lengths.
     *
     * @param physicalStart the first physical address held
     * @param length the bytes of physical memory held, at least 1
     * @param fileOffset where the first byte is in the file
     * @param fileLength the bytes read from the file, at most {@code length}; the rest read as zero
     * @throws IllegalArgumentException when {@code length} is not positive or {@code fileLength} is
     *     outside 0..length
     */
    public ImageSegment {
        if (length <= 0 || fileLength < 0 || fileLength > length) {
            throw new IllegalArgumentException(
                    "segment at "
                            + Hex.of(physicalStart)
                            + ": length "
                            + length
                            + " and file length "
                            + fileLength
                            + " are inconsistent");
        }
    }

    /**
     * The last physical address inside, inclusive (no overflow at the top of the space).
     *
     * @return the last physical address, {@code physicalStart + length - 1}
     */
    public long physicalLast() {
        return physicalStart + length - 1;
    }

    /**
     * Whether the segment holds physical address {@code pa}.
     *
     * @param pa a physical address, read as unsigned
     * @return true when {@code pa} lies in the segment
     */
    public boolean contains(long pa) {
        return Long.compareUnsigned(pa, physicalStart) >= 0
                && Long.compareUnsigned(pa, physicalLast()) <= 0;
    }

    @Override
    public String toString() {
        return Hex.of(physicalStart) + ".." + Hex.of(physicalLast());
    }
}
