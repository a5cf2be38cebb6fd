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
 *   <tr><td>2</td><td>0x44</td><td>Normal, inner/outer non-cacheable</td><td>UNCACHED</td></tr>
 *   <tr><td>3</td><td>0xBB</td><td>Normal, inner/outer write-through, read/write-allocate</td><td>WRITE_THROUGH</td></tr>
 *   <tr><td>4</td><td>0x00</td><td>Device-nGnRnE, never written by this module</td><td>DEVICE (decode only)</td></tr>
 *   <tr><td>5</td><td>0x44</td><td>Normal non-cacheable again, for write-combining</td><td>WRITE_COMBINING</td></tr>
 *   <tr><td>6-7</td><td>0x00</td><td>Device-nGnRnE, never written by this module</td><td>DEVICE (decode only)</td></tr>
 * </table>
 *
 * AArch64 write-combining is Normal non-cacheable memory (Linux maps {@code pgprot_writecombine} to
 * MT_NORMAL_NC); it gets an index of its own, with the same attribute as index 2, so that a mapping made
 * write-combining reads back as such. The reference vectors' AttrIndx values decode consistently:
 * A1/B1/C1/C3 index 1 is Device-nGnRE, A2 index 2 non-cacheable, A3 index 4 Device-nGnRnE, B2 index 3
 * write-through, A4/C2 index 0 write-back.
 */
public final class MairLayout {
    /** The MAIR_EL1 value matching this layout (byte n = attribute n). */
    public static final long MAIR_EL1 = 0x00004400BB4404FFL;

    private MairLayout() {
    }

    /** The AttrIndx that selects {@code type}. */
    public static int attrIndex(MemoryType type) {
        return switch (type) {
            case WRITE_BACK -> 0;
            case DEVICE -> 1;
            case UNCACHED -> 2;
            case WRITE_THROUGH -> 3;
            case WRITE_COMBINING -> 5;
        };
    }

    /** The memory type an AttrIndx (0..7) selects in this layout. */
    public static MemoryType memoryType(int attrIndex) {
        return switch (attrIndex & 7) {
            case 0 -> MemoryType.WRITE_BACK;
            case 2 -> MemoryType.UNCACHED;
            case 3 -> MemoryType.WRITE_THROUGH;
            case 5 -> MemoryType.WRITE_COMBINING;
            default -> MemoryType.DEVICE; // 1 (nGnRE) and the nGnRnE bytes 4, 6, 7
        };
    }
}
