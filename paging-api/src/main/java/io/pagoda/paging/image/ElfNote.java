package io.pagoda.paging.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One note of a {@code PT_NOTE} segment: its owner name (without the terminating NUL), type,
 * descriptor bytes, and the file offset of its header, which error messages name.
 */
@SuppressWarnings(
        "ArrayRecordComponent") // a note as read from the file: decoded once, never compared or
// hashed
public record ElfNote(String name, long type, byte[] descriptor, long fileOffset) {
    /** The descriptor, little-endian, for decoding fixed layouts. */
    ByteBuffer buffer() {
        return ByteBuffer.wrap(descriptor).order(ByteOrder.LITTLE_ENDIAN);
    }

    boolean is(String owner, long noteType) {
        return name.equals(owner) && type == noteType;
    }
}
