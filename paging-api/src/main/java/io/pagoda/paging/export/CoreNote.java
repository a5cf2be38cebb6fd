package io.pagoda.paging.export;

import java.util.Objects;

/**
 * One ELF note of a core's {@code PT_NOTE} segment: {@code namesz, descsz, type}, the name with its NUL, then the
 * descriptor, each padded to 4 bytes (as QEMU and Linux write core notes).
 */
@SuppressWarnings("ArrayRecordComponent") // a note on its way to the file: written once, never compared or hashed
public record CoreNote(String name, int type, byte[] descriptor) {
    public CoreNote {
        Objects.requireNonNull(name, "name");
        descriptor = descriptor.clone();
    }

    @Override
    public byte[] descriptor() {
        return descriptor.clone();
    }

    /** Bytes this note takes in the segment. */
    int size() {
        return 12 + pad(name.getBytes(java.nio.charset.StandardCharsets.US_ASCII).length + 1) + pad(descriptor.length);
    }

    static int pad(int length) {
        return (length + 3) & ~3;
    }
}
