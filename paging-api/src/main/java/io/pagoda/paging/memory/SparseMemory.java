package io.pagoda.paging.memory;

import io.pagoda.paging.Hex;
import io.pagoda.paging.PhysicalAddressException;
import java.util.Arrays;

/**
 * Simulated RAM up to a physical width: 4 KiB frames appear when first written (reads of untouched memory
 * return zero and allocate nothing). Frames are {@code long[512]} in an open-addressing table keyed by
 * frame number, so reads and writes are primitive and allocation-free. Not thread-safe: callers lock.
 */
public final class SparseMemory implements PhysicalMemory {
    private static final int FRAME_SHIFT = 12;
    private static final long EMPTY = -1L;

    private final long limit;
    private long[] keys;
    private long[][] frames;
    private int size;
    // the last frame touched: table walks hit the same frame many times in a row
    private long lastKey = EMPTY;
    private long[] lastFrame;

    /** Memory addressable with {@code physicalBits} bits (at most 63). */
    public SparseMemory(int physicalBits) {
        if (physicalBits < 12 || physicalBits > 63) {
            throw new IllegalArgumentException("physical width " + physicalBits + " is outside 12..63 bits");
        }
        this.limit = 1L << physicalBits;
        this.keys = new long[1024];
        Arrays.fill(keys, EMPTY);
        this.frames = new long[1024][];
    }

    @Override
    public long limit() {
        return limit;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    /** How many 4 KiB frames have been written to. */
    public int touchedFrames() {
        return size;
    }

    private void check(long pa, int width) {
        if (pa < 0 || pa > limit - width) {
            throw new PhysicalAddressException("physical address " + Hex.of(pa) + " is outside simulated memory "
                    + Hex.of(0) + ".." + Hex.of(limit - 1) + "; use an address below the architecture's physical width");
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    private long[] find(long key) {
        if (key == lastKey) {
            return lastFrame;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                lastKey = key;
                lastFrame = frames[i];
                return lastFrame;
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    private long[] findOrCreate(long key) {
        long[] frame = find(key);
        if (frame != null) {
            return frame;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        frame = new long[512];
        frames[i] = frame;
        size++;
        lastKey = key;
        lastFrame = frame;
        return frame;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[][] oldFrames = frames;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        frames = new long[keys.length][];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                frames[i] = oldFrames[j];
            }
        }
    }

    @Override
    public long readLong(long pa) {
        check(pa, 8);
        if ((pa & 7) != 0) {
            return Integer.toUnsignedLong(readInt(pa)) | ((long) readInt(pa + 4) << 32);
        }
        long[] frame = find(pa >>> FRAME_SHIFT);
        return frame == null ? 0 : frame[(int) (pa & 0xFFF) >>> 3];
    }

    @Override
    public int readInt(long pa) {
        check(pa, 4);
        if ((pa & 3) != 0) {
            int value = 0;
            for (int i = 3; i >= 0; i--) {
                value = (value << 8) | (readByte(pa + i) & 0xFF);
            }
            return value;
        }
        long[] frame = find(pa >>> FRAME_SHIFT);
        return frame == null ? 0 : (int) (frame[(int) (pa & 0xFFF) >>> 3] >>> ((pa & 4) << 3));
    }

    @Override
    public byte readByte(long pa) {
        check(pa, 1);
        long[] frame = find(pa >>> FRAME_SHIFT);
        return frame == null ? 0 : (byte) (frame[(int) (pa & 0xFFF) >>> 3] >>> ((pa & 7) << 3));
    }

    @Override
    public void writeLong(long pa, long value) {
        check(pa, 8);
        if ((pa & 7) != 0) {
            writeInt(pa, (int) value);
            writeInt(pa + 4, (int) (value >>> 32));
            return;
        }
        long[] frame = value == 0 ? find(pa >>> FRAME_SHIFT) : findOrCreate(pa >>> FRAME_SHIFT);
        if (frame != null) {
            frame[(int) (pa & 0xFFF) >>> 3] = value;
        }
    }

    @Override
    public void writeInt(long pa, int value) {
        check(pa, 4);
        if ((pa & 3) != 0) {
            for (int i = 0; i < 4; i++) {
                writeByte(pa + i, (byte) (value >>> (8 * i)));
            }
            return;
        }
        long[] frame = value == 0 ? find(pa >>> FRAME_SHIFT) : findOrCreate(pa >>> FRAME_SHIFT);
        if (frame != null) {
            int word = (int) (pa & 0xFFF) >>> 3;
            int shift = (int) ((pa & 4) << 3);
            frame[word] = (frame[word] & ~(0xFFFFFFFFL << shift)) | (Integer.toUnsignedLong(value) << shift);
        }
    }

    @Override
    public void writeByte(long pa, byte value) {
        check(pa, 1);
        long[] frame = value == 0 ? find(pa >>> FRAME_SHIFT) : findOrCreate(pa >>> FRAME_SHIFT);
        if (frame != null) {
            int word = (int) (pa & 0xFFF) >>> 3;
            int shift = (int) ((pa & 7) << 3);
            frame[word] = (frame[word] & ~(0xFFL << shift)) | ((value & 0xFFL) << shift);
        }
    }

    /** A deep copy, for before/after comparisons. */
    public SparseMemory copy() {
        SparseMemory copy = new SparseMemory(Long.numberOfTrailingZeros(limit));
        copy.keys = keys.clone();
        copy.frames = new long[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            copy.frames[i] = frames[i] == null ? null : frames[i].clone();
        }
        copy.size = size;
        return copy;
    }

    /** Whether every byte of both memories is equal (untouched frames read as zero). */
    public boolean contentEquals(SparseMemory other) {
        return firstDifference(other) == -1;
    }

    /** The lowest physical address whose byte differs, or -1 when the memories are equal. */
    public long firstDifference(SparseMemory other) {
        long first = Long.MAX_VALUE;
        first = Math.min(first, differencesAgainst(other));
        first = Math.min(first, other.differencesAgainst(this));
        return first == Long.MAX_VALUE ? -1 : first;
    }

    private long differencesAgainst(SparseMemory other) {
        long first = Long.MAX_VALUE;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == EMPTY) {
                continue;
            }
            long[] mine = frames[i];
            long[] theirs = other.find(keys[i]);
            for (int w = 0; w < 512; w++) {
                long theirWord = theirs == null ? 0 : theirs[w];
                if (mine[w] != theirWord) {
                    first = Math.min(first, (keys[i] << FRAME_SHIFT) + w * 8L);
                    break;
                }
            }
        }
        return first;
    }
}
