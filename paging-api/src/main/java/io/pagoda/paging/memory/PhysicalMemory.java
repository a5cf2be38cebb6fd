package io.pagoda.paging.memory;

import org.jspecify.annotations.Nullable;

/**
 * Byte-addressed physical memory, little-endian. Entries are read and written as primitive longs
 * and ints so that table walks allocate nothing. Addresses at or past {@link #limit()} are refused
 * with a {@link io.pagoda.paging.error.PhysicalAddressException}.
 */
public interface PhysicalMemory {

    /**
     * The first physical address past this memory.
     *
     * @return the memory's size in bytes: every valid physical address is below it
     */
    long limit();

    /**
     * Whether every write is refused (a memory image opened for reading only).
     *
     * @return true when writes throw instead of changing the memory
     */
    boolean isReadOnly();

    /**
     * Reads 8 bytes, little-endian.
     *
     * @param pa the physical address of the first byte
     * @return the 64-bit value stored at {@code pa}
     * @throws io.pagoda.paging.error.PhysicalAddressException when any of the 8 bytes lies outside
     *     the memory
     */
    long readLong(long pa);

    /**
     * Reads 4 bytes, little-endian.
     *
     * @param pa the physical address of the first byte
     * @return the 32-bit value stored at {@code pa}
     * @throws io.pagoda.paging.error.PhysicalAddressException when any of the 4 bytes lies outside
     *     the memory
     */
    int readInt(long pa);

    /**
     * Reads one byte.
     *
     * @param pa the physical address of the byte
     * @return the byte stored at {@code pa}
     * @throws io.pagoda.paging.error.PhysicalAddressException when {@code pa} lies outside the
     *     memory
     */
    byte readByte(long pa);

    /**
     * Writes 8 bytes, little-endian.
     *
     * @param pa the physical address of the first byte
     * @param value the 64-bit value to store
     * @throws io.pagoda.paging.error.PhysicalAddressException when any of the 8 bytes lies outside
     *     the memory
     * @throws io.pagoda.paging.error.PagingException when the memory is read-only ({@link
     *     #isReadOnly()})
     */
    void writeLong(long pa, long value);

    /**
     * Writes 4 bytes, little-endian.
     *
     * @param pa the physical address of the first byte
     * @param value the 32-bit value to store
     * @throws io.pagoda.paging.error.PhysicalAddressException when any of the 4 bytes lies outside
     *     the memory
     * @throws io.pagoda.paging.error.PagingException when the memory is read-only ({@link
     *     #isReadOnly()})
     */
    void writeInt(long pa, int value);

    /**
     * Writes one byte.
     *
     * @param pa the physical address of the byte
     * @param value the byte to store
     * @throws io.pagoda.paging.error.PhysicalAddressException when {@code pa} lies outside the
     *     memory
     * @throws io.pagoda.paging.error.PagingException when the memory is read-only ({@link
     *     #isReadOnly()})
     */
    void writeByte(long pa, byte value);

    /**
     * Whether reads may run without the machine's lock, beside other reads and beside a write: a
     * read racing a write may return any value (the optimistic reader that made it checks
     * afterwards and reads again under the lock) but must not corrupt the memory, loop or leave
     * state another read relies on half-made. The address space's TLB-hit reads go lock-free only
     * on memory that says so.
     *
     * @return true when reads keep no shared state that a racing read could tear; false by default
     */
    default boolean concurrentReads() {
        return false;
    }

    /**
     * Whether {@link #frameWords} hands out the words behind each 4 KiB frame, so that a table view
     * can resolve its storage once and then read and write entries as array elements.
     *
     * @return true when {@link #frameWords} can return arrays; false by default
     */
    default boolean hasFrameWords() {
        return false;
    }

    /**
     * The 512 little-endian words of the 4 KiB frame holding {@code frameAddress}, shared with this
     * memory (writes to the array are writes to memory); null when the frame was never written and
     * {@code create} is false, or when this memory keeps no such words ({@link #hasFrameWords()}
     * false).
     *
     * @param frameAddress any physical address inside the 4 KiB frame
     * @param create whether to make the frame's storage when the frame was never written
     * @return the frame's 512 words, or null as above
     */
    default long @Nullable [] frameWords(long frameAddress, boolean create) {
        return null;
    }

    /**
     * A count that changes whenever a frame's words appear or are given back, so that a view
     * holding a frame's array can tell in one comparison whether the array it resolved earlier is
     * still the frame's.
     *
     * @return the current count; a memory without frame words always answers 0
     */
    default int frameWordsEpoch() {
        return 0;
    }

    /**
     * Reads {@code count} little-endian longs from {@code pa} on into {@code into}: one bulk copy
     * where the memory can (a mapped image), long by long otherwise.
     *
     * @param pa the physical address of the first long
     * @param into the array filled from index 0 on
     * @param count how many longs to read ({@code 8 * count} bytes)
     * @throws io.pagoda.paging.error.PhysicalAddressException when a byte of the range lies outside
     *     the memory
     */
    default void readLongs(long pa, long[] into, int count) {
        for (int i = 0; i < count; i++) {
            into[i] = readLong(pa + 8L * i);
        }
    }

    /**
     * Reads a table entry of {@code size} bytes (4: zero-extended).
     *
     * @param pa the physical address of the entry
     * @param size the entry's size in bytes, 4 or 8 (any value but 8 reads 4 bytes)
     * @return the entry's raw value
     * @throws io.pagoda.paging.error.PhysicalAddressException when the entry lies outside the
     *     memory
     */
    default long readEntry(long pa, int size) {
        return size == 8 ? readLong(pa) : Integer.toUnsignedLong(readInt(pa));
    }

    /**
     * Writes a table entry of {@code size} bytes (4: the low 32 bits).
     *
     * @param pa the physical address of the entry
     * @param size the entry's size in bytes, 4 or 8 (any value but 8 writes 4 bytes)
     * @param value the raw entry to store
     * @throws io.pagoda.paging.error.PhysicalAddressException when the entry lies outside the
     *     memory
     * @throws io.pagoda.paging.error.PagingException when the memory is read-only ({@link
     *     #isReadOnly()})
     */
    default void writeEntry(long pa, int size, long value) {
        if (size == 8) {
            writeLong(pa, value);
        } else {
            writeInt(pa, (int) value);
        }
    }

    /**
     * Copies bytes out of memory.
     *
     * @param pa the physical address of the first byte
     * @param into the array to fill
     * @param offset the index in {@code into} the first byte goes to
     * @param length how many bytes to copy
     * @throws io.pagoda.paging.error.PhysicalAddressException when a byte of the range lies outside
     *     the memory
     */
    default void read(long pa, byte[] into, int offset, int length) {
        for (int i = 0; i < length; i++) {
            into[offset + i] = readByte(pa + i);
        }
    }

    /**
     * Copies bytes into memory.
     *
     * @param pa the physical address of the first byte
     * @param from the array to copy from
     * @param offset the index in {@code from} of the first byte
     * @param length how many bytes to copy
     * @throws io.pagoda.paging.error.PhysicalAddressException when a byte of the range lies outside
     *     the memory
     * @throws io.pagoda.paging.error.PagingException when the memory is read-only ({@link
     *     #isReadOnly()})
     */
    default void write(long pa, byte[] from, int offset, int length) {
        for (int i = 0; i < length; i++) {
            writeByte(pa + i, from[offset + i]);
        }
    }

    /**
     * Writes zeros over [pa, pa + length).
     *
     * @param pa the physical address of the first byte
     * @param length how many bytes to zero
     * @throws io.pagoda.paging.error.PhysicalAddressException when a byte of the range lies outside
     *     the memory
     * @throws io.pagoda.paging.error.PagingException when the memory is read-only ({@link
     *     #isReadOnly()})
     */
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
