package io.pagoda.paging.image;

import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.CpuRegisters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ELF core file as QEMU's {@code dump-guest-memory} writes it: each {@code PT_LOAD} program
 * header is a stretch of guest physical memory at {@code p_paddr}, its bytes at {@code p_offset}
 * for {@code p_filesz} (zeros up to {@code p_memsz}). Little-endian ELF64 and ELF32 are read; the
 * headers are checked against the file's size before anything is mapped, so a truncated or hostile
 * file is a {@link CorruptImageException}. The {@code PT_NOTE} segments are read too: each vCPU's
 * registers ({@link #cpuStates()}) and Pagoda's own note ({@link #pagodaNote()}), so a core can say
 * which tables it holds.
 */
public final class ElfCoreMemory extends MappedImageMemory {
    static final int PT_LOAD = 1;
    static final int PT_NOTE = 4;
    private static final int PN_XNUM = 0xFFFF;
    // far more than QEMU writes (one per RAM block); a bound so a hostile count cannot exhaust
    // memory
    private static final int MAX_SEGMENTS = 1 << 16;

    /**
     * Separate stretches mapped at most: each is a memory mapping of its own, and a process gets
     * about 65,000 (Linux vm.max_map_count) shared with the JVM, so a hostile core would otherwise
     * fail deep in the mapping. Segments that follow each other both in memory and in the file are
     * joined first, so only scattered ones count.
     */
    static final int MAX_MAPPED_SEGMENTS = 4096;

    private final int elfClass;
    private final int machine;
    private final List<ElfNote> notes;
    private final List<CpuRegisters> cpuStates;
    private final Optional<PagodaNote> pagodaNote;

    private ElfCoreMemory(
            Path file,
            FileChannel channel,
            List<ImageSegment> segments,
            Header header,
            ImageAccess access) {
        super(file, channel, segments, access);
        this.elfClass = header.is64 ? 64 : 32;
        this.machine = header.machine;
        this.notes = List.copyOf(header.notes);
        this.cpuStates = List.copyOf(QemuCpuStates.read(file, machine, notes));
        PagodaNote pagoda = null;
        for (ElfNote note : notes) {
            if (note.is(PagodaNote.NAME, PagodaNote.TYPE)) {
                pagoda = PagodaNote.parse(file, note);
                break;
            }
        }
        this.pagodaNote = Optional.ofNullable(pagoda);
    }

    /**
     * The ELF core in {@code file}, read-only, its {@code PT_LOAD} segments placed at their
     * physical addresses.
     *
     * @param file the core, as {@code dump-guest-memory} or Pagoda's exporter writes it
     * @return the image; close it to release the mapping
     * @throws CorruptImageException when the file is not a little-endian ELF core or holds no
     *     memory
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static ElfCoreMemory open(Path file) {
        return open(file, ImageAccess.READ_ONLY);
    }

    /**
     * The ELF core in {@code file}, opened as {@code access} says.
     *
     * @param file the core
     * @param access read-only, a private copy, or writes through to the file
     * @return the image; close it to release the mapping
     * @throws CorruptImageException when the file is not a little-endian ELF core or holds no
     *     memory
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static ElfCoreMemory open(Path file, ImageAccess access) {
        try (FileChannel channel = openChannel(file, access)) {
            Header header = Header.read(file, channel);
            List<ImageSegment> segments = header.loadSegments(channel);
            header.readNotes(channel);
            if (segments.isEmpty()) {
                throw new CorruptImageException(
                        file
                                + " has no PT_LOAD segment with memory: it holds no physical memory; "
                                + "was it written by dump-guest-memory without paging filters?");
            }
            segments = joined(segments);
            if (segments.size() > MAX_MAPPED_SEGMENTS) {
                throw new CorruptImageException(
                        file
                                + " has "
                                + segments.size()
                                + " separate PT_LOAD segments, more than the "
                                + MAX_MAPPED_SEGMENTS
                                + " this reader maps (each needs a memory mapping of its own); QEMU writes one per "
                                + "RAM block, so the file is corrupt or not a guest memory dump");
            }
            try {
                return new ElfCoreMemory(file, channel, segments, header, access);
            } catch (UncheckedIOException e) {
                IOException cause =
                        Objects.requireNonNull(e.getCause(), "an UncheckedIOException has a cause");
                throw new UncheckedIOException(
                        "cannot map "
                                + file
                                + " ("
                                + segments.size()
                                + " segments) into memory: "
                                + cause.getMessage()
                                + "; the process is out of address space or memory mappings (vm.max_map_count)",
                        cause);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * 64 for ELFCLASS64, 32 for ELFCLASS32.
     *
     * @return 64 or 32
     */
    public int elfClass() {
        return elfClass;
    }

    /**
     * {@code e_machine}: the machine the core was taken from (EM_386 = 3, EM_X86_64 = 62,
     * EM_AARCH64 = 183, ...). QEMU writes the CPU's mode at dump time, so an x86 core can hold
     * tables of any x86 paging mode.
     *
     * @return the ELF machine number
     */
    public int machine() {
        return machine;
    }

    /**
     * Every note of the core's {@code PT_NOTE} segments, in file order.
     *
     * @return the notes, unmodifiable
     */
    public List<ElfNote> notes() {
        return notes;
    }

    /**
     * The saved state of each vCPU, in QEMU's CPU order, from its {@code NT_PRSTATUS} and (x86)
     * QEMU notes; empty when the core holds no register notes.
     *
     * @return one entry per vCPU
     */
    public List<CpuRegisters> cpuStates() {
        return cpuStates;
    }

    /**
     * The note Pagoda's exporter writes naming the variant and roots, when the core has one.
     *
     * @return the note, or empty
     */
    public Optional<PagodaNote> pagodaNote() {
        return pagodaNote;
    }

    /**
     * Segments that continue each other both physically and in the file (the earlier one all
     * file-backed) as one.
     */
    private static List<ImageSegment> joined(List<ImageSegment> segments) {
        List<ImageSegment> sorted = new ArrayList<>(segments);
        sorted.sort((a, b) -> Long.compareUnsigned(a.physicalStart(), b.physicalStart()));
        List<ImageSegment> joined = new ArrayList<>();
        for (ImageSegment next : sorted) {
            int last = joined.size() - 1;
            ImageSegment previous = last < 0 ? null : joined.get(last);
            if (previous != null
                    && previous.fileLength() == previous.length()
                    && previous.physicalStart() + previous.length() == next.physicalStart()
                    && previous.fileOffset() + previous.fileLength() == next.fileOffset()
                    && previous.physicalStart() + previous.length() + next.length()
                            > previous.physicalStart()) {
                joined.set(
                        last,
                        new ImageSegment(
                                previous.physicalStart(),
                                previous.length() + next.length(),
                                previous.fileOffset(),
                                previous.fileLength() + next.fileLength()));
            } else {
                joined.add(next);
            }
        }
        return joined;
    }

    /** The fields of the ELF header this reader needs, validated against the file size. */
    private static final class Header {
        final Path file;
        final long fileSize;
        final boolean is64;
        long phoff;
        int phentsize;
        long phnum;
        int machine;
        final List<ElfNote> notes = new ArrayList<>();
        // PT_NOTE headers seen by loadSegments: {offset, size}
        private final List<long[]> noteSegments = new ArrayList<>();

        private Header(Path file, long fileSize, boolean is64) {
            this.file = file;
            this.fileSize = fileSize;
            this.is64 = is64;
        }

        static Header read(Path file, FileChannel channel) throws IOException {
            long size = channel.size();
            ByteBuffer ident = readAt(file, channel, 0, 16, size, "the ELF identification");
            if (ident.getInt(0) != 0x464C457F) {
                throw new CorruptImageException(file + " is not an ELF file (no \\x7fELF magic)");
            }
            int elfClass = ident.get(4);
            int data = ident.get(5);
            if (elfClass != 1 && elfClass != 2) {
                throw new CorruptImageException(
                        file
                                + ": ELF class "
                                + elfClass
                                + " is neither ELFCLASS32 (1) nor ELFCLASS64 (2)");
            }
            if (data != 1) {
                throw new CorruptImageException(
                        file
                                + ": ELF data encoding "
                                + data
                                + " is not little-endian (1); "
                                + "only little-endian cores are supported");
            }
            Header header = new Header(file, size, elfClass == 2);
            ByteBuffer eh = readAt(file, channel, 0, header.is64 ? 64 : 52, size, "the ELF header");
            long shoff;
            header.machine = Short.toUnsignedInt(eh.getShort(0x12));
            if (header.is64) {
                header.phoff = eh.getLong(0x20);
                shoff = eh.getLong(0x28);
                header.phentsize = Short.toUnsignedInt(eh.getShort(0x36));
                header.phnum = Short.toUnsignedInt(eh.getShort(0x38));
            } else {
                header.phoff = Integer.toUnsignedLong(eh.getInt(0x1C));
                shoff = Integer.toUnsignedLong(eh.getInt(0x20));
                header.phentsize = Short.toUnsignedInt(eh.getShort(0x2A));
                header.phnum = Short.toUnsignedInt(eh.getShort(0x2C));
            }
            if (header.phnum == PN_XNUM) {
                // more headers than e_phnum can count: the real number is sh_info of section header
                // 0 (QEMU does this)
                ByteBuffer sh =
                        readAt(
                                file,
                                channel,
                                shoff,
                                header.is64 ? 0x30 : 0x20,
                                size,
                                "section header 0 (e_phnum is PN_XNUM)");
                header.phnum = Integer.toUnsignedLong(sh.getInt(header.is64 ? 0x2C : 0x1C));
            }
            int minimum = header.is64 ? 56 : 32;
            if (header.phnum > 0 && header.phentsize < minimum) {
                throw new CorruptImageException(
                        file
                                + ": program header size "
                                + header.phentsize
                                + " is smaller than the "
                                + minimum
                                + " bytes an ELF"
                                + (header.is64 ? "64" : "32")
                                + " program header needs");
            }
            if (header.phnum > MAX_SEGMENTS) {
                throw new CorruptImageException(
                        file
                                + ": "
                                + header.phnum
                                + " program headers is more than the "
                                + MAX_SEGMENTS
                                + " this reader accepts");
            }
            return header;
        }

        List<ImageSegment> loadSegments(FileChannel channel) throws IOException {
            List<ImageSegment> segments = new ArrayList<>();
            if (phnum == 0) {
                return segments;
            }
            ByteBuffer table =
                    readAt(
                            file,
                            channel,
                            phoff,
                            phnum * phentsize,
                            fileSize,
                            "the program header table");
            for (int i = 0; i < phnum; i++) {
                int at = i * phentsize;
                long type = Integer.toUnsignedLong(table.getInt(at));
                if (type == PT_NOTE) {
                    noteSegments.add(
                            is64
                                    ? new long[] {
                                        table.getLong(at + 0x08), table.getLong(at + 0x20), i
                                    }
                                    : new long[] {
                                        Integer.toUnsignedLong(table.getInt(at + 0x04)),
                                        Integer.toUnsignedLong(table.getInt(at + 0x10)),
                                        i
                                    });
                    continue;
                }
                if (type != PT_LOAD) {
                    continue;
                }
                long offset;
                long paddr;
                long filesz;
                long memsz;
                if (is64) {
                    offset = table.getLong(at + 0x08);
                    paddr = table.getLong(at + 0x18);
                    filesz = table.getLong(at + 0x20);
                    memsz = table.getLong(at + 0x28);
                } else {
                    offset = Integer.toUnsignedLong(table.getInt(at + 0x04));
                    paddr = Integer.toUnsignedLong(table.getInt(at + 0x0C));
                    filesz = Integer.toUnsignedLong(table.getInt(at + 0x10));
                    memsz = Integer.toUnsignedLong(table.getInt(at + 0x14));
                }
                String where = file + ": PT_LOAD header " + i + " (p_paddr " + Hex.of(paddr) + ")";
                if (offset < 0 || filesz < 0 || offset > fileSize || filesz > fileSize - offset) {
                    throw new CorruptImageException(
                            where
                                    + " promises "
                                    + Long.toUnsignedString(filesz)
                                    + " bytes at file offset "
                                    + Hex.of(offset)
                                    + " but the file has only "
                                    + fileSize
                                    + " bytes; the file is truncated or corrupt");
                }
                if (Long.compareUnsigned(memsz, filesz) < 0) {
                    throw new CorruptImageException(
                            where
                                    + ": p_filesz "
                                    + filesz
                                    + " exceeds p_memsz "
                                    + Long.toUnsignedString(memsz));
                }
                if (memsz == 0) {
                    continue;
                }
                if (paddr < 0 || memsz < 0 || paddr + memsz < 0) {
                    throw new CorruptImageException(
                            where
                                    + " with p_memsz "
                                    + Long.toUnsignedString(memsz)
                                    + " runs past the largest physical address");
                }
                segments.add(new ImageSegment(paddr, memsz, offset, filesz));
            }
            return segments;
        }

        /**
         * Reads and splits every PT_NOTE segment, the total bounded so a hostile header cannot
         * exhaust memory.
         */
        void readNotes(FileChannel channel) throws IOException {
            long total = 0;
            for (long[] segment : noteSegments) {
                long offset = segment[0];
                long size = segment[1];
                if (size == 0) {
                    continue;
                }
                total += size;
                if (size < 0 || total > ElfNotes.MAX_NOTE_BYTES) {
                    throw new CorruptImageException(
                            file
                                    + ": PT_NOTE header "
                                    + segment[2]
                                    + " brings the notes to more than "
                                    + ElfNotes.MAX_NOTE_BYTES
                                    + " bytes (at file offset "
                                    + Hex.of(offset)
                                    + "); QEMU writes about 1 KiB "
                                    + "per vCPU, so the header is corrupt");
                }
                ByteBuffer bytes =
                        readAt(
                                file,
                                channel,
                                offset,
                                size,
                                fileSize,
                                "the notes of PT_NOTE header " + segment[2]);
                ElfNotes.split(file, bytes, offset, notes);
            }
        }
    }

    private static ByteBuffer readAt(
            Path file, FileChannel channel, long position, long length, long fileSize, String what)
            throws IOException {
        if (position < 0
                || length < 0
                || position > fileSize
                || length > fileSize - position
                || length > Integer.MAX_VALUE) {
            throw new CorruptImageException(
                    file
                            + ": "
                            + what
                            + " ("
                            + length
                            + " bytes at offset "
                            + Hex.of(position)
                            + ") lies past the end of the file ("
                            + fileSize
                            + " bytes); the file is truncated or corrupt");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CorruptImageException(
                        file + ": " + what + " ends early; the file is truncated");
            }
        }
        return buffer;
    }
}
