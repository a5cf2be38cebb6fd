package io.pagoda.cli;

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
 * ELF64 cores with notes, laid out from the ELF gABI (a PT_NOTE then PT_LOADs) and QEMU's note
 * structs (target/i386/arch_dump.c): what dump-guest-memory writes, small enough for unit tests.
 */
final class CoreWriter {
    private final int machine;
    private final ByteArrayOutputStream notes = new ByteArrayOutputStream();
    private final List<long[]> loads = new ArrayList<>();
    private final List<byte[]> contents = new ArrayList<>();

    CoreWriter(int machine) {
        this.machine = machine;
    }

    CoreWriter note(String name, long type, byte[] descriptor) {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b =
                ByteBuffer.allocate(12 + pad(nameBytes.length) + pad(descriptor.length))
                        .order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(nameBytes.length).putInt(descriptor.length).putInt((int) type).put(nameBytes);
        b.position(12 + pad(nameBytes.length));
        b.put(descriptor);
        notes.writeBytes(b.array());
        return this;
    }

    /**
     * QEMU's per-vCPU "QEMU" note: QEMUCPUState v1 with these control registers and CS descriptor
     * flags.
     */
    CoreWriter qemuCpu(long cr0, long cr3, long cr4, long csFlags) {
        ByteBuffer b = ByteBuffer.allocate(432).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1).putInt(432);
        b.position(8 + 18 * 8);
        b.putInt(0x10).putInt(0xFFFFF).putInt((int) csFlags);
        b.position(8 + 18 * 8 + 10 * 24);
        b.putLong(cr0).putLong(0).putLong(0).putLong(cr3).putLong(cr4);
        return note("QEMU", 0, b.array());
    }

    CoreWriter pagoda(String text) {
        return note("PAGODA", 0x50470001L, text.getBytes(StandardCharsets.UTF_8));
    }

    CoreWriter load(long paddr, byte[] bytes) {
        loads.add(new long[] {paddr});
        contents.add(bytes);
        return this;
    }

    Path write(Path file) throws IOException {
        byte[] noteBytes = notes.toByteArray();
        int phnum = 1 + loads.size();
        long data = 64 + 56L * phnum;
        long total = data + noteBytes.length + contents.stream().mapToLong(c -> c.length).sum();
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 4).putShort((short) machine).putInt(1);
        b.putLong(0).putLong(64).putLong(0).putInt(0);
        b.putShort((short) 64)
                .putShort((short) 56)
                .putShort((short) phnum)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) 0);
        b.putInt(4)
                .putInt(4)
                .putLong(data)
                .putLong(0)
                .putLong(0)
                .putLong(noteBytes.length)
                .putLong(0)
                .putLong(0);
        long offset = data + noteBytes.length;
        for (int i = 0; i < loads.size(); i++) {
            long size = contents.get(i).length;
            b.putInt(1)
                    .putInt(6)
                    .putLong(offset)
                    .putLong(0)
                    .putLong(loads.get(i)[0])
                    .putLong(size)
                    .putLong(size)
                    .putLong(0);
            offset += size;
        }
        b.put(noteBytes);
        contents.forEach(b::put);
        return Files.write(file, b.array());
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
