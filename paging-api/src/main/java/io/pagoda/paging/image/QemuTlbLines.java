package io.pagoda.paging.image;

/**
 * Helpers for {@link TlbLineFormat} implementations: the line text and the flag letters from bit masks, so an
 * architecture only supplies its masks and letters.
 */
public final class QemuTlbLines {
    private QemuTlbLines() {
    }

    /** {@code %016x: %016x <flags>} as QEMU's {@code print_pte} writes it. */
    public static String line(long virtualAddress, long shownEntry, String flags) {
        return hex16(virtualAddress) + ": " + hex16(shownEntry) + " " + flags;
    }

    /** One letter per mask: the letter when any bit of the mask is set in {@code raw}, else {@code '-'}. */
    public static String flags(long raw, long[] masks, char[] letters) {
        if (masks.length != letters.length) {
            throw new IllegalArgumentException(masks.length + " masks but " + letters.length + " letters");
        }
        char[] out = new char[masks.length];
        for (int i = 0; i < masks.length; i++) {
            out[i] = (raw & masks[i]) != 0 ? letters[i] : '-';
        }
        return new String(out);
    }

    /** Sixteen lower-case hex digits, zero-padded. */
    public static String hex16(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
