package io.pagoda.qemu;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of QEMU's x86 {@code info tlb}: a present leaf, its linear address, the physical address
 * field as QEMU masks it, and the leaf's own bits as letters {@code XGPDACTUW} (NX, global,
 * PS/large, dirty, accessed, PCD, PWT, user, writable; '-' when clear). QEMU prints the leaf
 * entry's bits, not the rights combined over the walk, and clears PS (the PAT bit) of 4 KiB entries
 * before printing.
 */
record TlbLine(long virtualAddress, long physicalField, String letters) {
    static final String LETTERS = "XGPDACTUW";
    private static final Pattern LINE =
            Pattern.compile(
                    "^([0-9a-fA-F]{8,16}): ([0-9a-fA-F]{8,16}) ([X-][G-][P-][D-][A-][C-][T-][U-][W-])$");

    /** The line parsed, or null when {@code text} is not a leaf line. */
    static TlbLine parse(String text) {
        Matcher m = LINE.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        return new TlbLine(
                Long.parseUnsignedLong(m.group(1), 16),
                Long.parseUnsignedLong(m.group(2), 16),
                m.group(3));
    }

    boolean has(char letter) {
        int at = LETTERS.indexOf(letter);
        if (at < 0) {
            throw new IllegalArgumentException("'" + letter + "' is not one of " + LETTERS);
        }
        return letters.charAt(at) == letter;
    }

    /**
     * The letters a raw x86 leaf should show, computed from its bits (for comparing one entry with
     * QEMU).
     */
    static String lettersOf(long raw, boolean large) {
        char[] out = new char[9];
        out[0] = (raw & (1L << 63)) != 0 ? 'X' : '-';
        out[1] = (raw & (1L << 8)) != 0 ? 'G' : '-';
        out[2] = large && (raw & (1L << 7)) != 0 ? 'P' : '-';
        out[3] = (raw & (1L << 6)) != 0 ? 'D' : '-';
        out[4] = (raw & (1L << 5)) != 0 ? 'A' : '-';
        out[5] = (raw & (1L << 4)) != 0 ? 'C' : '-';
        out[6] = (raw & (1L << 3)) != 0 ? 'T' : '-';
        out[7] = (raw & (1L << 2)) != 0 ? 'U' : '-';
        out[8] = (raw & (1L << 1)) != 0 ? 'W' : '-';
        return new String(out);
    }

    @Override
    public String toString() {
        return String.format("%016x: %016x %s", virtualAddress, physicalField, letters);
    }
}
