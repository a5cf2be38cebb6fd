package io.pagoda.paging.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal little-endian ELF core writer for tests, written from the ELF specification's field
 * offsets: a header, a PT_NOTE (to be skipped) and one PT_LOAD per segment, bytes packed after the
 * headers.
 */
public final class ElfWriter {
    private final boolean is64;
    private final List<long[]> loads = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();
    private final ByteArrayOutputStream notes = new ByteArrayOutputStream();
    private int machine = -1;

    public ElfWriter(boolean is64) {
        this.is64 = is64;
    }

    /**
     * A PT_LOAD at {@code paddr} holding {@code bytes}, with {@code memsz} (>= bytes.length) bytes
     * of memory.
     */
    public ElfWriter load(long paddr, byte[] bytes, long memsz) {
        loads.add(new long[] {paddr, memsz});
        contents.add(bytes);
        return this;
    }

    /** {@code e_machine} (default EM_X86_64 for ELF64, EM_386 for ELF32). */
    public ElfWriter machine(int elfMachine) {
        this.machine = elfMachine;
        return this;
    }

    /**
     * A note in the PT_NOTE segment: namesz counts the NUL, name and descriptor padded to 4 bytes
     * (ELF gABI).
     */
    public ElfWriter note(String name, long type, byte[] descriptor) {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b =
                ByteBuffer.allocate(12 + pad(nameBytes.length) + pad(descriptor.length))
                        .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(nameBytes.length).putInt(descriptor.length).putInt((int) type);
        b.put(nameBytes).position(12 + pad(nameBytes.length));
        b.put(descriptor);
        notes.writeBytes(b.array());
        return this;
    }

    /** Raw bytes appended to the note segment (for hostile notes). */
    public ElfWriter rawNotes(byte[] bytes) {
        notes.writeBytes(bytes);
        return this;
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    public byte[] bytes() {
        int ehsize = is64 ? 64 : 52;
        int phentsize = is64 ? 56 : 32;
        int phnum = loads.size() + 1;
        long dataStart = ehsize + (long) phentsize * phnum;
        byte[] noteBytes = notes.toByteArray();
        long total = dataStart + noteBytes.length;
        for (byte[] c : contents) {
            total += c.length;
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), 1, 1, 0});
        b.position(16);
        b.putShort((short) 4); // ET_CORE
        b.putShort((short) (machine >= 0 ? machine : is64 ? 62 : 3));
        b.putInt(1);
        if (is64) {
            b.putLong(0).putLong(ehsize).putLong(0).putInt(0);
        } else {
            b.putInt(0).putInt(ehsize).putInt(0).putInt(0);
        }
        b.putShort((short) ehsize).putShort((short) phentsize).putShort((short) phnum);
        b.putShort((short) 0).putShort((short) 0).putShort((short) 0);
        b.position(ehsize);
        // a PT_NOTE first: the reader must skip what is not PT_LOAD
        header(b, 4, dataStart, 0, noteBytes.length, 0);
        long offset = dataStart + noteBytes.length;
        for (int i = 0; i < loads.size(); i++) {
            header(b, 1, offset, loads.get(i)[0], contents.get(i).length, loads.get(i)[1]);
            offset += contents.get(i).length;
        }
        b.put(noteBytes);
        for (byte[] c : contents) {
            b.put(c);
        }
        return b.array();
    }

    private void header(ByteBuffer b, int type, long offset, long paddr, long filesz, long memsz) {
        if (is64) {
            b.putInt(type)
                    .putInt(7)
                    .putLong(offset)
                    .putLong(0)
                    .putLong(paddr)
                    .putLong(filesz)
                    .putLong(memsz)
                    .putLong(0);
        } else {
            b.putInt(type)
                    .putInt((int) offset)
                    .putInt(0)
                    .putInt((int) paddr)
                    .putInt((int) filesz)
                    .putInt((int) memsz)
                    .putInt(7)
                    .putInt(0);
        }
    }

    public Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }
}
