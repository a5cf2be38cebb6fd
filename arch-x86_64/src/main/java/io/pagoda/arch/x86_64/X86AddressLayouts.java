package io.pagoda.arch.x86_64;

import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.Geometry;

/**
 * The Linux-like layout of an x86-64 address space: user space in the lower canonical half
 * (top-level entries 0..255), the kernel in the upper half (256..511) shared by every address
 * space, a recursive slot (511 by default) that is neither, and optionally the direct map at
 * Linux's base.
 *
 * <p>Layout ranges are contiguous, so the recursive slot must sit at an edge of its half: 0 or 255
 * (the user range shrinks) or 256 or 511 (the kernel range shrinks), or -1 for none.
 */
public final class X86AddressLayouts {
    /** The top-level index of the recursive slot unless asked otherwise. */
    public static final int DEFAULT_RECURSIVE_SLOT = 511;

    private static final int ENTRIES = 512;
    private static final int HALF = 256;

    private X86AddressLayouts() {}

    /**
     * The default: recursive slot 511 and Linux's direct-map base for {@code mode}.
     *
     * @param mode 4-level or 5-level paging
     * @return the layout, the kernel range ending below the recursive slot's span
     */
    public static AddressLayout linuxLike(PagingMode mode) {
        return of(mode, DEFAULT_RECURSIVE_SLOT, mode.linuxDirectMapBase());
    }

    /**
     * A layout with the recursive slot at {@code recursiveSlot} (-1 for none) and the direct map at
     * {@code directMapBase} (-1 for none).
     *
     * @param mode 4-level or 5-level paging, which sets the top level's span and the canonical
     *     width
     * @param recursiveSlot 0, 255, 256 or 511, or -1 for no recursive slot
     * @param directMapBase the direct map's first virtual address, or -1 for no direct map
     * @return the layout: user range in the lower half, kernel range in the upper half, the slot
     *     cut from its edge
     * @throws IllegalArgumentException when the slot is any other value, or the base is not
     *     canonical
     */
    public static AddressLayout of(PagingMode mode, int recursiveSlot, long directMapBase) {
        Geometry levels = X86_64EntryFormat.levels(mode.levelCount());
        CanonicalForm canonical = CanonicalForm.signExtended(levels.virtualBits());
        int topShift = levels.shift(0);
        int userFirst = 0;
        int userLast = HALF - 1;
        int kernelFirst = HALF;
        int kernelLast = ENTRIES - 1;
        switch (recursiveSlot) {
            case -1 -> {}
            case 0 -> userFirst = 1;
            case HALF - 1 -> userLast = HALF - 2;
            case HALF -> kernelFirst = HALF + 1;
            case ENTRIES - 1 -> kernelLast = ENTRIES - 2;
            default ->
                    throw new IllegalArgumentException(
                            "recursive slot "
                                    + recursiveSlot
                                    + " would split the "
                                    + (recursiveSlot > 0 && recursiveSlot < ENTRIES
                                            ? (recursiveSlot < HALF ? "user" : "kernel")
                                                    + " range in two"
                                            : "table: it is outside 0..511")
                                    + "; use 0 or 255 (user half), 256 or 511 (kernel half), or -1 for no recursive slot");
        }
        if (directMapBase != -1L && !canonical.isCanonical(directMapBase)) {
            throw new IllegalArgumentException(
                    "direct-map base "
                            + Hex.of(directMapBase)
                            + " is not canonical: use an address in "
                            + canonical.describeRanges());
        }
        long span = 1L << topShift;
        return new AddressLayout(
                canonical.virtual((long) userFirst << topShift),
                canonical.virtual((long) userLast << topShift) + (span - 1),
                canonical.virtual((long) kernelFirst << topShift),
                canonical.virtual((long) kernelLast << topShift) + (span - 1),
                kernelFirst,
                kernelLast,
                recursiveSlot,
                directMapBase);
    }
}
