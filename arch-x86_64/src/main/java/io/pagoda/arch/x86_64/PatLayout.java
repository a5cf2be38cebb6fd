package io.pagoda.arch.x86_64;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import java.util.EnumMap;

/**
 * The contents of the IA32_PAT MSR: which memory type each of the eight PAT indices selects. A leaf selects
 * an index with its PWT (bit 0 of the index), PCD (bit 1) and PAT (bit 2) bits; the index means nothing
 * without the MSR, so the format is built with one.
 *
 * <p>The default is Linux's layout: 0 WB, 1 WC, 2 UC-, 3 UC, 4 WB, 5 WP, 6 UC-, 7 WT (MSR value
 * {@code 0x0407050600070106}). A memory type is written as the lowest index that selects its PAT type, so
 * the common types never need the PAT bit: WB = 0, WC = PWT, UC- = PCD, UC = PCD|PWT, WT = PAT|PCD|PWT.
 */
public final class PatLayout {
    /** Linux's PAT MSR value (arch/x86/mm/pat/memtype.c), the default. */
    public static final long LINUX_MSR = 0x0407050600070106L;
    /** The layout the processor resets to: 0 WB, 1 WT, 2 UC-, 3 UC, repeated. */
    public static final long POWER_ON_MSR = 0x0007040600070406L;

    public static final PatLayout LINUX = new PatLayout(LINUX_MSR);

    private final long msr;
    private final MemoryType[] memoryTypeOfIndex = new MemoryType[8];
    /** The lowest index selecting each memory type; a type in no entry is absent. */
    private final EnumMap<MemoryType, Integer> indexOfMemoryType = new EnumMap<>(MemoryType.class);

    /** The layout in a raw IA32_PAT value (byte i = type of index i). */
    public PatLayout(long msr) {
        this.msr = msr;
        for (int index = 7; index >= 0; index--) {
            long field = (msr >>> (index * 8)) & 0xFF;
            if (field > 7) {
                throw new IllegalArgumentException("PAT MSR " + Hex.of(msr) + ": entry " + index + " has reserved bits set");
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

    public long msr() {
        return msr;
    }

    /** The PAT index (0..7) a leaf with {@code type} uses. */
    public int indexOf(MemoryType type) {
        Integer index = indexOfMemoryType.get(type);
        if (index == null) {
            throw new RightsNotExpressibleException("memory type " + type + " (PAT type " + PatType.of(type)
                    + ") is in no entry of the PAT MSR " + Hex.of(msr) + "; program the PAT with it or choose another type");
        }
        return index;
    }

    /** The memory type PAT index {@code index} (0..7) reads back as. */
    public MemoryType memoryTypeOf(int index) {
        return memoryTypeOfIndex[index];
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("PAT ");
        for (int index = 0; index < 8; index++) {
            out.append(index == 0 ? "" : ", ").append(index).append(' ')
                    .append(PatType.ofEncoding((int) ((msr >>> (index * 8)) & 0xFF)));
        }
        return out.toString();
    }
}
