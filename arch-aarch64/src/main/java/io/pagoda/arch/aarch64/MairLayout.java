package io.pagoda.arch.aarch64;

import io.pagoda.paging.MemoryType;

/**
 * The fixed MAIR_EL1 layout this module assumes, so that a leaf's AttrIndx names a {@link MemoryType}.
 * A kernel using these encodings must load {@link #MAIR_EL1}.
 *
 * <table>
 *   <caption>AttrIndx to memory type</caption>
 *   <tr><th>AttrIndx</th><th>MAIR byte</th><th>memory</th><th>{@link MemoryType}</th></tr>
 *   <tr><td>0</td><td>0xFF</td><td>Normal, inner/outer write-back, read/write-allocate</td><td>WRITE_BACK</td></tr>
 *   <tr><td>1</td><td>0x04</td><td>Device-nGnRE</td><td>DEVICE</td></tr>
 *   <tr><td>2</td><td>0x44</td><td>Normal, inner/outer non-cacheable (Linux's write-combining)</td><td>WRITE_COMBINING</td></tr>
 *   <tr><td>3</td><td>0xBB</td><td>Normal, inner/outer write-through, read/write-allocate</td><td>WRITE_THROUGH</td></tr>
 *   <tr><td>4</td><td>0x00</td><td>Device-nGnRnE (strongly ordered, like x86 UC)</td><td>UNCACHED</td></tr>
 *   <tr><td>5-7</td><td>0x00</td><td>Device-nGnRnE, never written by this module</td><td>UNCACHED (decode only)</td></tr>
 * </table>
 *
 * The reference vectors' AttrIndx values decode consistently: A1/B1/C1/C3 index 1 is device memory, A2 index 2
 * non-cacheable, A3 index 4 nGnRnE, B2 index 3 write-through, A4/C2 index 0 write-back.
 */
public final class MairLayout {
    /** The MAIR_EL1 value matching this layout (byte n = attribute n). */
    public static final long MAIR_EL1 = 0x00000000BB4404FFL;

    private MairLayout() {
    }

    /** The AttrIndx that selects {@code type}. */
    public static int attrIndex(MemoryType type) {
        return switch (type) {
            case WRITE_BACK -> 0;
            case DEVICE -> 1;
            case WRITE_COMBINING -> 2;
            case WRITE_THROUGH -> 3;
            case UNCACHED -> 4;
        };
    }

    /** The memory type an AttrIndx (0..7) selects in this layout. */
    public static MemoryType memoryType(int attrIndex) {
        return switch (attrIndex & 7) {
            case 0 -> MemoryType.WRITE_BACK;
            case 1 -> MemoryType.DEVICE;
            case 2 -> MemoryType.WRITE_COMBINING;
            case 3 -> MemoryType.WRITE_THROUGH;
            default -> MemoryType.UNCACHED;
        };
    }
}
