package io.pagoda.paging.export;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One ELF note of a core's {@code PT_NOTE} segment: {@code namesz, descsz, type}, the name with its
 * NUL, then the descriptor, each padded to 4 bytes (as QEMU and Linux write core notes).
 *
 * @param name the note's name, ASCII, written with a terminating NUL
 * @param type the note's type
 * @param descriptor the note's payload, copied in and out
 */
@SuppressWarnings(
        "ArrayRecordComponent") // a note on its way to the file: written once, never compared or
// hashed
public record CoreNote(String name, int type, byte[] descriptor) {
    /**
     * Copies the descriptor, so the note cannot change after it is made.
     *
     * @param name the note's name, ASCII
     * @param type the note's type
     * @param descriptor the note's payload
     * @throws NullPointerException when {@code name} or {@code descriptor} is null
     */
    public CoreNote {
        Objects.requireNonNull(name, "name");
        descriptor = descriptor.clone();
    }

    /**
     * The note's payload.
     *
     * @return a copy of the descriptor bytes
     */
    @Override
    public byte[] descriptor() {
        return descriptor.clone();
    }

    /** Bytes this note takes in the segment. */
    int size() {
        return 12
                + pad(name.getBytes(StandardCharsets.US_ASCII).length + 1)
                + pad(descriptor.length);
    }

    static int pad(int length) {
        return (length + 3) & ~3;
    }
}
