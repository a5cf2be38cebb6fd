package io.pagoda.arch.i386;

import io.pagoda.paging.MemoryType;

/**
 * How {@link MemoryType} maps to the x86 PAT index {@code PAT*4 + PCD*2 + PWT}, for an IA32_PAT MSR
 * programmed as Linux programs it (so tables built here behave the same under a Linux-like kernel):
 *
 * <pre>
 *   index  0   1   2    3   4   5   6    7
 *   type   WB  WC  UC-  UC  WB  WP  UC-  WT
 * </pre>
 *
 * Encoding uses one index per type: WRITE_BACK 0, WRITE_COMBINING 1, UNCACHED 3, DEVICE 3 (x86 has no
 * separate device type: strong UC is what device registers need), WRITE_THROUGH 7. Decoding reads every
 * index: 0/4 WRITE_BACK, 1 WRITE_COMBINING, 2/3/6 UNCACHED (UC- is read as uncached, the conservative
 * view), 7 WRITE_THROUGH, and 5 (write-protect, which has no {@link MemoryType}) as WRITE_THROUGH, the
 * nearest type: writes go straight to memory. So DEVICE reads back as UNCACHED, and indices 2, 4, 5, 6
 * (written by other software) read back as a type whose own index differs.
 */
public final class PatLayout {
    /** PAT index of write-back. */
    public static final int WB = 0;
    /** PAT index of write-combining. */
    public static final int WC = 1;
    /** PAT index of strong uncacheable. */
    public static final int UC = 3;
    /** PAT index of write-through. */
    public static final int WT = 7;

    private static final MemoryType[] DECODED = {
        MemoryType.WRITE_BACK, MemoryType.WRITE_COMBINING, MemoryType.UNCACHED, MemoryType.UNCACHED,
        MemoryType.WRITE_BACK, MemoryType.WRITE_THROUGH, MemoryType.UNCACHED, MemoryType.WRITE_THROUGH};

    private PatLayout() {
    }

    /** The PAT index a mapping of this type is written with. */
    public static int indexOf(MemoryType type) {
        return switch (type) {
            case WRITE_BACK -> WB;
            case WRITE_COMBINING -> WC;
            case UNCACHED, DEVICE -> UC;
            case WRITE_THROUGH -> WT;
        };
    }

    /** The memory type an entry with this PAT index has under the layout above. */
    public static MemoryType typeOf(int index) {
        return DECODED[index & 7];
    }

    /** The type {@code type} reads back as after a round trip through an entry (DEVICE becomes UNCACHED). */
    public static MemoryType readBack(MemoryType type) {
        return typeOf(indexOf(type));
    }

    /** The PWT/PCD/PAT bits of {@code index}, with PAT at {@code patBit} (bit 7 in a 4 KiB PTE, bit 12 in a large leaf). */
    public static long bits(int index, long patBit) {
        return ((index & 1) != 0 ? X86EntryBits.PWT : 0)
                | ((index & 2) != 0 ? X86EntryBits.PCD : 0)
                | ((index & 4) != 0 ? patBit : 0);
    }

    /** The PAT index of a leaf, reading PAT from {@code patBit}. */
    public static int indexIn(long raw, long patBit) {
        return ((raw & X86EntryBits.PWT) != 0 ? 1 : 0)
                | ((raw & X86EntryBits.PCD) != 0 ? 2 : 0)
                | ((raw & patBit) != 0 ? 4 : 0);
    }
}
