package io.pagoda.paging.image;

/**
 * Helpers for {@link TlbLineFormat} implementations: the line text and the flag letters from bit
 * masks, so an architecture only supplies its masks and letters.
 */
public final class QemuTlbLines {
    private QemuTlbLines() {}

    /**
     * {@code %016x: %016x <flags>} as QEMU's {@code print_pte} writes it ({@code TARGET_FMT_plx} is
     * {@code "%016" PRIx64} since QEMU's {@code hwaddr} became 64 bits for every target, i386
     * included).
     *
     * @param virtualAddress the leaf's first virtual address
     * @param shownEntry the entry as QEMU prints it (masked to its address bits by the caller)
     * @param flags the flag letters, from {@link #flags}
     * @return the line, without a terminator
     */
    public static String line(long virtualAddress, long shownEntry, String flags) {
        return line(16, virtualAddress, shownEntry, flags);
    }

    /**
     * The same with {@code digits} hex digits per number: 8 gives the {@code %08x} lines of QEMU
     * releases from before 2012, when 32-bit targets had a 32-bit {@code target_phys_addr_t}.
     *
     * @param digits the hex digits per number, at least
     * @param virtualAddress the leaf's first virtual address
     * @param shownEntry the entry as QEMU prints it
     * @param flags the flag letters
     * @return the line, without a terminator
     */
    public static String line(int digits, long virtualAddress, long shownEntry, String flags) {
        return hex(digits, virtualAddress) + ": " + hex(digits, shownEntry) + " " + flags;
    }

    /**
     * One letter per mask: the letter when any bit of the mask is set in {@code raw}, else {@code
     * '-'}.
     *
     * @param raw the entry
     * @param masks one bit mask per letter, in printing order
     * @param letters the letters, as many as masks
     * @return the letters and dashes, one per mask
     * @throws IllegalArgumentException when there are not as many letters as masks
     */
    public static String flags(long raw, long[] masks, char[] letters) {
        if (masks.length != letters.length) {
            throw new IllegalArgumentException(
                    masks.length + " masks but " + letters.length + " letters");
        }
        char[] out = new char[masks.length];
        for (int i = 0; i < masks.length; i++) {
            out[i] = (raw & masks[i]) != 0 ? letters[i] : '-';
        }
        return new String(out);
    }

    /**
     * Sixteen lower-case hex digits, zero-padded.
     *
     * @param value the value, read as unsigned
     * @return the sixteen digits
     */
    public static String hex16(long value) {
        return hex(16, value);
    }

    /**
     * At least {@code digits} lower-case hex digits, zero-padded (more when the value needs them).
     *
     * @param digits the minimum number of digits
     * @param value the value, read as unsigned
     * @return the digits
     */
    public static String hex(int digits, long value) {
        String text = Long.toHexString(value);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }
}
