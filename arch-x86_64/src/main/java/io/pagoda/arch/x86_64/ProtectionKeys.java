package io.pagoda.arch.x86_64;

import io.pagoda.paging.Hex;

/**
 * Protection keys, bits 62:59 of a leaf: with CR4.PKE (user pages) or CR4.PKS (supervisor pages)
 * the key selects the PKRU / IA32_PKRS rights that further restrict the page; otherwise the bits
 * are ignored. {@link io.pagoda.paging.MappingFlags} has no key, so a key is set on the raw leaf
 * with these helpers. Keys are taken from the leaf only, never from table entries
 * (hardware-formats.md §3).
 */
public final class ProtectionKeys {
    /** Keys are 4 bits: 0..15. */
    public static final int KEY_COUNT = 16;

    private ProtectionKeys() {}

    /**
     * The key of a leaf.
     *
     * @param leaf the raw leaf entry (or template)
     * @return bits 62:59, 0..15
     */
    public static int key(long leaf) {
        return (int) ((leaf & EntryBits.PK_MASK) >>> EntryBits.PK_SHIFT);
    }

    /**
     * {@code leaf} (or a leaf template) with its key replaced by {@code key}.
     *
     * @param leaf the raw leaf entry (or template)
     * @param key the protection key
     * @return the entry with bits 62:59 holding {@code key}, every other bit unchanged
     * @throws IllegalArgumentException when {@code key} is outside 0..15
     */
    public static long withKey(long leaf, int key) {
        if (key < 0 || key >= KEY_COUNT) {
            throw new IllegalArgumentException(
                    "protection key "
                            + key
                            + " for entry "
                            + Hex.of(leaf)
                            + " is outside 0..15; x86-64 leaves hold a 4-bit key in bits 62:59");
        }
        return (leaf & ~EntryBits.PK_MASK) | ((long) key << EntryBits.PK_SHIFT);
    }
}
