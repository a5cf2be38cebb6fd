package io.pagoda.cli;

/**
 * How far {@code inspect} walks before it stops with {@code output cut short:} (exit status 3), so
 * any image, however hostile, ends in bounded time and output. The defaults are sized to the image
 * file:
 *
 * <ul>
 *   <li>{@code maxLeaves}: leaves and guards reported. A real guest maps each page of its memory a
 *       few times (direct map, kernel image, vmemmap) plus small clone areas such as x86-64's
 *       ESPFIX (65,536 leaves), so eight 4 KiB leaves per 4 KiB of image, at least 2^18, is far
 *       above any real dump and keeps the longest format (json, ~200 bytes a range) near 100 MB on
 *       a 256 MiB image.
 *   <li>{@code maxEntries}: entries read, for images whose shared tables multiply the work but
 *       print nothing. Every 8-byte entry of the image read once, at least 2^24 (a second or so per
 *       2^24).
 *   <li>{@code maxLoopLinks}: distinct entries linking back into a table on their own walk path.
 *       One such link is a recursive mapping (the table maps itself, as Windows and some kernels
 *       do); each further one multiplies the walk by itself once per level, something no kernel
 *       builds, so a second one is a hostile or corrupt image.
 * </ul>
 */
record WalkBounds(long maxEntries, long maxLeaves, long maxLoopLinks) {
    static final long MIN_LEAVES = 1L << 18;
    static final long MIN_ENTRIES = 1L << 24;
    static final long DEFAULT_LOOP_LINKS = 1;

    /**
     * The bounds for an image file of {@code imageBytes}; each given option overrides its default.
     */
    static WalkBounds sizedTo(long imageBytes, Long maxEntries, Long maxLeaves, Long maxLoopLinks) {
        long leaves = maxLeaves != null ? maxLeaves : Math.max(MIN_LEAVES, imageBytes / 512);
        long entries = maxEntries != null ? maxEntries : Math.max(MIN_ENTRIES, imageBytes / 8);
        long loops = maxLoopLinks != null ? maxLoopLinks : DEFAULT_LOOP_LINKS;
        return new WalkBounds(entries, leaves, loops);
    }
}
