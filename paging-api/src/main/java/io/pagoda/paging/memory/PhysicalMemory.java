package io.pagoda.paging.memory;

import org.jspecify.annotations.Nullable;

/**
 * Byte-addressed physical memory, little-endian. Entries are read and written as primitive longs and
 * ints so that table walks allocate nothing. Addresses at or past {@link #limit()} are refused with a
 * {@link io.pagoda.paging.error.PhysicalAddressException}.
 */
public interface PhysicalMemory {

    /** The first physical address past this memory. */
    long limit();

    boolean isReadOnly();

    long readLong(long pa);

    int readInt(long pa);

    byte readByte(long pa);

    void writeLong(long pa, long value);

    void writeInt(long pa, int value);

    void writeByte(long pa, byte value);

    /**
     * Whether {@link #frameWords} hands out the words behind each 4 KiB frame, so that a table view can resolve
     * its storage once and then read and write entries as array elements.
     */
    default boolean hasFrameWords() {
        return false;
    }

    /**
     * The 512 little-endian words of the 4 KiB frame holding {@code frameAddress}, shared with this memory (writes to
     * the array are writes to memory); null when the frame was never written and {@code create} is false, or when
     * this memory keeps no such words ({@link #hasFrameWords()} false).
     */
    default long @Nullable [] frameWords(long frameAddress, boolean create) {
        return null;
    }

    /**
     * A count that changes whenever a frame's words appear or are given back, so that a view holding a frame's
     * array can tell in one comparison whether the array it resolved earlier is still the frame's.
     */
    default int frameWordsEpoch() {
        return 0;
    }

    /** Reads an entry of {@code size} bytes (4: zero-extended). */
    /**
     * Reads {@code count} little-endian longs from {@code pa} on into {@code into}: one bulk copy where the memory
     * can (a mapped image), long by long otherwise.
     */
    default void readLongs(long pa, long[] into, int count) {
        for (int i = 0; i < count; i++) {
            into[i] = readLong(pa + 8L * i);
        }
    }

    default long readEntry(long pa, int size) {
        return size == 8 ? readLong(pa) : Integer.toUnsignedLong(readInt(pa));
    }

    /** Writes an entry of {@code size} bytes (4: the low 32 bits). */
    default void writeEntry(long pa, int size, long value) {
        if (size == 8) {
            writeLong(pa, value);
        } else {
            writeInt(pa, (int) value);
        }
    }

    default void read(long pa, byte[] into, int offset, int length) {
        for (int i = 0; i < length; i++) {
            into[offset + i] = readByte(pa + i);
        }
    }

    default void write(long pa, byte[] from, int offset, int length) {
        for (int i = 0; i < length; i++) {
            writeByte(pa + i, from[offset + i]);
        }
    }

    /** Writes zeros over [pa, pa + length). */
    default void zero(long pa, long length) {
        long i = 0;
        for (; i + 8 <= length && ((pa + i) & 7) == 0; i += 8) {
            writeLong(pa + i, 0);
        }
        for (; i < length; i++) {
            writeByte(pa + i, (byte) 0);
        }
    }
}
