package io.pagoda.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Raw images written entry by entry from the hardware reference (hardware-formats.md), not by
 * Pagoda: x86 entries P|RW|US = 0x7 plus the next table's address, AArch64 descriptors 0b11 (table
 * at levels 0-2, page at level 3) with AF = 0x400.
 */
final class Tables {
    static final long X86_LINK = 0x7;
    static final long ARM_LINK = 0x403;

    private final ByteBuffer bytes;

    Tables(int size) {
        bytes = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    Tables put(long address, long value) {
        bytes.putLong((int) address, value);
        return this;
    }

    /**
     * Entries {@code first} to {@code first + count - 1} of the table at {@code table} all hold
     * {@code value}.
     */
    Tables fill(long table, int first, int count, long value) {
        for (int i = first; i < first + count; i++) {
            put(table + 8L * i, value);
        }
        return this;
    }

    byte[] bytes() {
        return bytes.array();
    }

    /**
     * One table of {@code entries} 8-byte entries at address 0, every one linking back to the table
     * itself.
     */
    static byte[] fanOutToItself(int entries, long link) {
        return new Tables(entries * 8).fill(0, 0, entries, link).bytes();
    }

    /**
     * x86-64 4-level: every entry of each table links to one shared table below, down to 512 leaves
     * to 0x4000.
     */
    static byte[] fanOutToSharedTables() {
        return new Tables(0x5000)
                .fill(0x0000, 0, 512, 0x1000 | X86_LINK)
                .fill(0x1000, 0, 512, 0x2000 | X86_LINK)
                .fill(0x2000, 0, 512, 0x3000 | X86_LINK)
                .fill(0x3000, 0, 512, 0x4000 | X86_LINK)
                .bytes();
    }
}
