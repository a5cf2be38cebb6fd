package io.pagoda.paging.image;

import io.pagoda.paging.Hex;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Splits a {@code PT_NOTE} segment into notes: a 12-byte header (namesz, descsz, type; the same
 * words in ELF32 and ELF64 cores, as QEMU and Linux write them), the name and the descriptor each
 * padded to 4 bytes. Every length is checked against the segment before it is used, so a hostile
 * note is a {@link CorruptImageException} naming its file offset, never an overlong read.
 */
final class ElfNotes {
    /**
     * Notes read at most in one core: QEMU writes two or three per vCPU, and a guest has at most a
     * few thousand.
     */
    static final int MAX_NOTES = 1 << 16;

    /**
     * Bytes of notes read at most: a vCPU's notes take about 1 KiB (x86) to a few KiB (AArch64 with
     * SVE).
     */
    static final long MAX_NOTE_BYTES = 64L << 20;

    // a note name is a short owner string ("CORE", "QEMU", "LINUX", "PAGODA")
    private static final int MAX_NAME = 256;

    private ElfNotes() {}

    /**
     * Appends the notes of one segment, whose bytes were read from {@code segmentOffset} in the
     * file.
     */
    static void split(Path file, ByteBuffer segment, long segmentOffset, List<ElfNote> into) {
        ByteBuffer b = segment.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        int size = b.limit();
        while (size - at >= 12) {
            long where = segmentOffset + at;
            long nameSize = Integer.toUnsignedLong(b.getInt(at));
            long descSize = Integer.toUnsignedLong(b.getInt(at + 4));
            long type = Integer.toUnsignedLong(b.getInt(at + 8));
            long nameStart = at + 12L;
            long descStart = nameStart + padded(nameSize);
            long end = descStart + padded(descSize);
            if (nameSize > MAX_NAME) {
                throw new CorruptImageException(
                        file
                                + ": the note at file offset "
                                + Hex.of(where)
                                + " has a "
                                + nameSize
                                + "-byte name, more than the "
                                + MAX_NAME
                                + " an owner name takes; the note segment is corrupt");
            }
            // descriptors may end unpadded at the very end of the segment
            if (descStart + descSize > size) {
                throw new CorruptImageException(
                        file
                                + ": the note at file offset "
                                + Hex.of(where)
                                + " (name "
                                + nameSize
                                + " bytes, descriptor "
                                + descSize
                                + " bytes) runs past the end of its PT_NOTE segment ("
                                + Hex.of(segmentOffset + size)
                                + "); the file is truncated or corrupt");
            }
            if (into.size() >= MAX_NOTES) {
                throw new CorruptImageException(
                        file
                                + ": more than "
                                + MAX_NOTES
                                + " notes (at file offset "
                                + Hex.of(where)
                                + "); QEMU writes a few per vCPU, so the note segments are corrupt");
            }
            byte[] name = new byte[(int) nameSize];
            b.get((int) nameStart, name);
            int length = name.length;
            while (length > 0 && name[length - 1] == 0) {
                length--;
            }
            byte[] descriptor = new byte[(int) descSize];
            b.get((int) descStart, descriptor);
            into.add(
                    new ElfNote(
                            new String(name, 0, length, StandardCharsets.ISO_8859_1),
                            type,
                            descriptor,
                            where));
            at = (int) Math.min(end, size);
        }
    }

    private static long padded(long bytes) {
        return (bytes + 3) & ~3L;
    }
}
