package io.pagoda.arch.x86;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import java.util.EnumMap;

/**
 * The contents of the IA32_PAT MSR, and with it the one mapping between {@link MemoryType} and a
 * leaf's PAT, PCD and PWT bits for every x86 format. A leaf selects PAT index {@code PAT*4 + PCD*2
 * + PWT} (hardware-formats.md §1), PAT being bit 7 in a 4 KiB PTE and bit 12 in a 4 MiB, 2 MiB or 1
 * GiB leaf; the index means nothing without the MSR, so the formats are built with one.
 *
 * <p>Every bundled variant uses the SDM's power-on PAT ({@link #POWER_ON}, Intel SDM Vol. 3A
 * §11.12.4): PA0 WB, PA1 WT, PA2 UC-, PA3 UC, and PA4..PA7 the same again. Its first four entries
 * are what PCD and PWT meant before the PAT existed, so tables written here mean the same to a
 * processor whatever software did (or did not do) to the MSR, and never need the PAT bit:
 *
 * <pre>
 *   WRITE_BACK       index 0   no bits
 *   WRITE_THROUGH    index 1   PWT
 *   UNCACHED (UC-)   index 2   PCD
 *   DEVICE (UC)      index 3   PCD | PWT
 *   WRITE_COMBINING  refused: the power-on PAT has no WC entry (a layout that has one, such as {@link #LINUX}, can)
 * </pre>
 *
 * A memory type is written as the lowest index that selects its PAT type; every index decodes
 * through the MSR, so an entry written by other software (with PAT set, say) reads back as what the
 * processor does.
 */
public final class PatLayout {
    /**
     * The IA32_PAT value after reset (Intel SDM Vol. 3A table 11-12): 0 WB, 1 WT, 2 UC-, 3 UC,
     * repeated.
     */
    public static final long POWER_ON_MSR = 0x0007040600070406L;

    /**
     * Linux's IA32_PAT (arch/x86/mm/pat/memtype.c): 0 WB, 1 WC, 2 UC-, 3 UC, 4 WB, 5 WP, 6 UC-, 7
     * WT.
     */
    public static final long LINUX_MSR = 0x0407050600070106L;

    /** The power-on layout every bundled x86 variant writes its memory types for. */
    public static final PatLayout POWER_ON = new PatLayout(POWER_ON_MSR);

    /** Linux's layout, for tables a Linux-like kernel with its own PAT programming will run. */
    public static final PatLayout LINUX = new PatLayout(LINUX_MSR);

    private final long msr;
    private final MemoryType[] memoryTypeOfIndex = new MemoryType[8];

    /** The lowest index selecting each memory type; a type in no entry is absent. */
    private final EnumMap<MemoryType, Integer> indexOfMemoryType = new EnumMap<>(MemoryType.class);

    /**
     * The layout in a raw IA32_PAT value (byte i = type of index i).
     *
     * @param msr the 64-bit IA32_PAT value, eight one-byte entries, entry 0 in the low byte
     * @throws IllegalArgumentException when an entry has bits above its low three set, or holds one
     *     of the reserved encodings 2 and 3
     */
    public PatLayout(long msr) {
        this.msr = msr;
        for (int index = 7; index >= 0; index--) {
            long field = (msr >>> (index * 8)) & 0xFF;
            if (field > 7) {
                throw new IllegalArgumentException(
                        "PAT MSR " + Hex.of(msr) + ": entry " + index + " has reserved bits set");
            }
            PatType type = PatType.ofEncoding((int) field);
            memoryTypeOfIndex[index] = type.memoryType();
            for (MemoryType wanted : MemoryType.values()) {
                if (PatType.of(wanted) == type) {
                    indexOfMemoryType.put(wanted, index); // descending loop: the lowest index wins
                }
            }
        }
    }

    /**
     * The raw IA32_PAT value (MSR 0x277) a loader programs for these tables.
     *
     * @return the MSR value this layout was built from
     */
    public long msr() {
        return msr;
    }

    /**
     * The PAT index a leaf with {@code type} uses: the lowest index whose entry selects the type's
     * PAT type.
     *
     * @param type the memory type to write
     * @return the PAT index, 0..7
     * @throws RightsNotExpressibleException when no entry of the MSR selects the type
     *     (write-combining under {@link #POWER_ON})
     */
    public int indexOf(MemoryType type) {
        Integer index = indexOfMemoryType.get(type);
        if (index == null) {
            throw new RightsNotExpressibleException(
                    "memory type "
                            + type
                            + " (PAT type "
                            + PatType.of(type)
                            + ") is in no entry of the PAT MSR "
                            + Hex.of(msr)
                            + " ("
                            + this
                            + "); choose another memory type,"
                            + " or build the variant with a PAT layout that has it");
        }
        return index;
    }

    /**
     * The memory type PAT index {@code index} reads back as.
     *
     * @param index the PAT index; only its low three bits are used
     * @return the memory type of the MSR entry at that index
     */
    public MemoryType memoryTypeOf(int index) {
        return memoryTypeOfIndex[index & 7];
    }

    /**
     * The PWT, PCD and PAT bits a leaf of {@code type} carries.
     *
     * @param type the memory type to write
     * @param patBit the mask of the leaf's PAT bit: {@link X86EntryBits#PAT_4K} in a 4 KiB PTE,
     *     {@link X86EntryBits#PAT_LARGE} in a large leaf
     * @return the leaf bits, every other bit clear
     * @throws RightsNotExpressibleException when no entry of the MSR selects the type
     */
    public long bitsOf(MemoryType type, long patBit) {
        return bits(indexOf(type), patBit);
    }

    /**
     * The memory type of a leaf: its PAT index, decoded through this MSR.
     *
     * @param raw the raw leaf entry
     * @param patBit the mask of the leaf's PAT bit (bit 7 in a 4 KiB PTE, bit 12 in a large leaf)
     * @return the memory type the processor uses for the leaf
     */
    public MemoryType memoryTypeIn(long raw, long patBit) {
        return memoryTypeOf(indexIn(raw, patBit));
    }

    /**
     * The PWT/PCD/PAT bits that select PAT index {@code index}.
     *
     * @param index the PAT index; bit 0 becomes PWT, bit 1 PCD, bit 2 the PAT bit, higher bits are
     *     ignored
     * @param patBit the mask of the leaf's PAT bit (bit 7 in a 4 KiB PTE, bit 12 in a large leaf)
     * @return the leaf bits, every other bit clear
     */
    public static long bits(int index, long patBit) {
        return ((index & 1) != 0 ? X86EntryBits.PWT : 0)
                | ((index & 2) != 0 ? X86EntryBits.PCD : 0)
                | ((index & 4) != 0 ? patBit : 0);
    }

    /**
     * The PAT index a leaf selects: {@code PAT*4 + PCD*2 + PWT}.
     *
     * @param raw the raw leaf entry
     * @param patBit the mask of the leaf's PAT bit (bit 7 in a 4 KiB PTE, bit 12 in a large leaf)
     * @return the PAT index, 0..7
     */
    public static int indexIn(long raw, long patBit) {
        return ((raw & X86EntryBits.PWT) != 0 ? 1 : 0)
                | ((raw & X86EntryBits.PCD) != 0 ? 2 : 0)
                | ((raw & patBit) != 0 ? 4 : 0);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("PAT ");
        for (int index = 0; index < 8; index++) {
            out.append(index == 0 ? "" : ", ")
                    .append(index)
                    .append(' ')
                    .append(PatType.ofEncoding((int) ((msr >>> (index * 8)) & 0xFF)));
        }
        return out.toString();
    }
}
