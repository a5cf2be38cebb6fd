package io.pagoda.paging.spi;

import io.pagoda.paging.Hex;

/**
 * One level of a table hierarchy: which virtual-address bits index it, how many entries it has, how
 * wide an entry is, and whether an entry here may be a leaf (a page at the last level, a block or
 * huge page above it).
 *
 * @param name the hardware's name for the table (PML4, PDPT, PD, PT, L0..L3)
 * @param shift the lowest virtual-address bit of the index; one entry spans {@code 1 << shift}
 *     bytes
 * @param entryCount entries in a table of this level, a power of two; a partial top table has fewer
 * @param entrySize bytes per entry in memory, 4 or 8, little-endian
 * @param leafAllowed whether an entry at this level may map memory directly
 */
public record LevelGeometry(
        String name, int shift, int entryCount, int entrySize, boolean leafAllowed) {

    /**
     * Checks the level's shape.
     *
     * @param name the hardware's name for the table
     * @param shift the lowest virtual-address bit of the index, 0 to 62
     * @param entryCount entries in a table of this level, a power of two
     * @param entrySize bytes per entry, 4 or 8
     * @param leafAllowed whether an entry at this level may map memory directly
     * @throws IllegalArgumentException when the shift is outside 0..62, the entry count is not a
     *     power of two, or the entry size is neither 4 nor 8
     */
    public LevelGeometry {
        if (shift < 0 || shift > 62) {
            throw new IllegalArgumentException(
                    "level " + name + ": shift " + shift + " is outside 0..62");
        }
        if (entryCount < 1 || Integer.bitCount(entryCount) != 1) {
            throw new IllegalArgumentException(
                    "level " + name + ": entry count " + entryCount + " is not a power of two");
        }
        if (entrySize != 4 && entrySize != 8) {
            throw new IllegalArgumentException(
                    "level " + name + ": entry size " + entrySize + " is neither 4 nor 8 bytes");
        }
    }

    /**
     * Bytes of virtual address space one entry covers.
     *
     * @return the span in bytes, {@code 2^shift}
     */
    public long entrySpan() {
        return 1L << shift;
    }

    /**
     * Bits of virtual address this level consumes.
     *
     * @return the index width in bits
     */
    public int indexBits() {
        return Integer.numberOfTrailingZeros(entryCount);
    }

    /**
     * Bytes one table of this level occupies in memory.
     *
     * @return the table size in bytes
     */
    public int tableBytes() {
        return entryCount * entrySize;
    }

    /**
     * The index of {@code linear} in a table of this level.
     *
     * @param linear a position in the hierarchy's linear range
     * @return the entry index, 0 to {@code entryCount - 1}
     */
    public int indexOf(long linear) {
        return (int) ((linear >>> shift) & (entryCount - 1));
    }

    @Override
    public String toString() {
        return name
                + "["
                + entryCount
                + " x "
                + entrySize
                + " bytes, entry spans "
                + Hex.size(entrySpan())
                + (leafAllowed ? ", leaf allowed" : "")
                + "]";
    }
}
