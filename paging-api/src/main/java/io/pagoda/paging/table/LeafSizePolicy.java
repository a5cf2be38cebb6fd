package io.pagoda.paging.table;

import io.pagoda.paging.Hex;

/**
 * Which leaf sizes a contiguous mapping may use: pages only, the largest block that fits, or blocks
 * up to a cap ("at most 2 MiB"), as a kernel maps its text with 2 MiB blocks even where 1 GiB ones
 * would fit.
 */
public final class LeafSizePolicy {
    /** Only the smallest page size. */
    public static final LeafSizePolicy PAGES_ONLY = new LeafSizePolicy(0, "PAGES_ONLY");

    /**
     * The largest block the geometry allows wherever virtual and physical addresses both align and
     * the range covers it.
     */
    public static final LeafSizePolicy LARGEST_FITTING =
            new LeafSizePolicy(Long.MAX_VALUE, "LARGEST_FITTING");

    /** The largest leaf allowed above the last level, in bytes; 0 for none. */
    private final long largestBlock;

    private final String name;

    private LeafSizePolicy(long largestBlock, String name) {
        this.largestBlock = largestBlock;
        this.name = name;
    }

    /**
     * Blocks where they fit, none larger than {@code bytes} (a power of two; the page size means
     * pages only). A cap that is no leaf size of the geometry simply allows the leaf sizes below
     * it.
     *
     * @param bytes the largest leaf allowed, in bytes, a power of two
     * @return the policy
     * @throws IllegalArgumentException when {@code bytes} is no positive power of two
     */
    public static LeafSizePolicy atMost(long bytes) {
        if (bytes <= 0 || Long.bitCount(bytes) != 1) {
            throw new IllegalArgumentException(
                    "a leaf-size cap of "
                            + bytes
                            + " bytes is not a power of two; give a leaf size such as "
                            + Hex.size(2L << 20));
        }
        return new LeafSizePolicy(bytes, "at most " + Hex.size(bytes));
    }

    /**
     * Whether a block (a leaf above the last level) of {@code bytes} may be used.
     *
     * @param bytes the block's span in bytes
     * @return true when the policy's cap is at least {@code bytes} (never for {@link #PAGES_ONLY})
     */
    public boolean allowsBlock(long bytes) {
        return bytes <= largestBlock;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeafSizePolicy p && p.largestBlock == largestBlock;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(largestBlock);
    }

    @Override
    public String toString() {
        return name;
    }
}
