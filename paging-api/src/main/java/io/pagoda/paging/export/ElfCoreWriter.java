package io.pagoda.paging.export;

import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.ElfIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes an ELF64 core laid out as QEMU's {@code dump-guest-memory} writes one (dump/dump.c): the
 * ELF header, the program headers (the {@code PT_NOTE} first, then one {@code PT_LOAD} per run with
 * {@code p_paddr} = physical address, {@code p_vaddr} = 0, {@code p_filesz} = {@code p_memsz}), the
 * notes, then the memory of each run in order. With 0xFFFF program headers or more, {@code e_phnum}
 * is {@code PN_XNUM} and section header 0 carries the count in {@code sh_info}, as QEMU does.
 */
final class ElfCoreWriter {
    private static final int ET_CORE = 4;
    private static final int PT_LOAD = 1;
    private static final int PT_NOTE = 4;
    private static final int PN_XNUM = 0xFFFF;
    private static final int EHDR = 64;
    private static final int PHDR = 56;
    private static final int SHDR = 64;

    private ElfCoreWriter() {}

    static void write(
            PhysicalMemory memory,
            List<FrameRun> runs,
            ElfIdentity machine,
            List<CoreNote> notes,
            Path file) {
        long phnum = 1L + runs.size();
        boolean extended = phnum >= PN_XNUM;
        int notesSize = notes.stream().mapToInt(CoreNote::size).sum();
        long phoff = EHDR;
        long shoff = extended ? phoff + phnum * PHDR : 0;
        long noteOffset = phoff + phnum * PHDR + (extended ? SHDR : 0);
        long memoryOffset = noteOffset + notesSize;

        ElfBytes head = new ElfBytes(64);
        head.ident()
                .u16(ET_CORE)
                .u16(machine.machine())
                .u32(1)
                .u64(0)
                .u64(phoff)
                .u64(shoff)
                .u32(0)
                .u16(EHDR)
                .u16(PHDR)
                .u16(extended ? PN_XNUM : (int) phnum)
                .u16(extended ? SHDR : 0)
                .u16(extended ? 1 : 0)
                .u16(0);
        head.u32(PT_NOTE).u32(0).u64(noteOffset).u64(0).u64(0).u64(notesSize).u64(notesSize).u64(0);
        long offset = memoryOffset;
        for (FrameRun run : runs) {
            head.u32(PT_LOAD)
                    .u32(0)
                    .u64(offset)
                    .u64(0)
                    .u64(run.physicalStart())
                    .u64(run.length())
                    .u64(run.length())
                    .u64(0);
            offset += run.length();
        }
        if (extended) {
            // section header 0: only sh_info (the real program header count) is used
            head.u32(0).u32(0).u64(0).u64(0).u64(0).u64(0).u32(0).u32(phnum).u64(0).u64(0);
        }
        for (CoreNote note : notes) {
            byte[] name = note.name().getBytes(StandardCharsets.US_ASCII);
            byte[] descriptor = note.descriptor();
            head.u32(name.length + 1L)
                    .u32(descriptor.length)
                    .u32(Integer.toUnsignedLong(note.type()));
            head.string(note.name()).align(4).bytes(descriptor).align(4);
        }
        try (FileChannel channel =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer headers = ByteBuffer.wrap(head.toByteArray());
            while (headers.hasRemaining()) {
                channel.write(headers);
            }
            for (FrameRun run : runs) {
                MemoryBytes.copy(memory, run.physicalStart(), run.length(), channel);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write core " + file + ": " + e.getMessage(), e);
        }
    }
}
