package io.pagoda.paging.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian ELF fields appended in order, with the address-sized ones 4 or 8 bytes by ELF
 * class.
 */
final class ElfBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean is64;

    ElfBytes(int elfClass) {
        this.is64 = elfClass == 64;
    }

    ElfBytes u8(int value) {
        out.write(value);
        return this;
    }

    ElfBytes u16(int value) {
        out.write(value);
        out.write(value >>> 8);
        return this;
    }

    ElfBytes u32(long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    ElfBytes u64(long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    /**
     * An address, offset or size: 8 bytes in ELF64, 4 in ELF32 (the caller has checked it fits).
     */
    ElfBytes word(long value) {
        return is64 ? u64(value) : u32(value);
    }

    ElfBytes bytes(byte[] data) {
        out.write(data, 0, data.length);
        return this;
    }

    /** NUL-terminated ASCII. */
    ElfBytes string(String text) {
        return bytes(text.getBytes(StandardCharsets.US_ASCII)).u8(0);
    }

    /** Zeros up to the next multiple of {@code alignment}. */
    ElfBytes align(int alignment) {
        while (out.size() % alignment != 0) {
            out.write(0);
        }
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** {@code e_ident}: magic, class, little-endian data, version 1, System V ABI. */
    ElfBytes ident() {
        u8(0x7F).u8('E').u8('L').u8('F').u8(is64 ? 2 : 1).u8(1).u8(1).u8(0);
        return u64(0);
    }
}
