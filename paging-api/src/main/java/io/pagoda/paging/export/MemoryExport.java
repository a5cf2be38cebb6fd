package io.pagoda.paging.export;

import io.pagoda.paging.Hex;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.TranslationRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes simulated memory out for another machine or tool: the frames written and nothing else, as
 * a raw image (one file from the first written frame to the end of the last, gaps between runs
 * filled with zeros, placed by its base) or as an ELF core laid out like QEMU's {@code
 * dump-guest-memory} that names its variant and root registers in a {@link PagodaNote}, so {@code
 * pagoda inspect} reads it without {@code --root}.
 *
 * <p>No {@code NT_PRSTATUS} note is written: QEMU's holds the general registers, instruction
 * pointer and flags of a running CPU, which simulated tables do not have; a zeroed one would claim
 * a CPU state that never was. The root registers, which are known, go in the Pagoda note.
 */
public final class MemoryExport {
    private MemoryExport() {}

    /**
     * Writes the written frames of {@code memory} as one raw image from the first written frame to
     * the end of the last; frames in between that were never written are zeros in the file. The
     * image ends with the last written 4 KiB frame: for a 16 or 64 KiB granule give the length with
     * {@link #writeRaw(PhysicalMemory, long, long, Path)} (or export a core, which widens every run
     * to the architecture's page).
     *
     * @throws ExportException when nothing was written
     * @param memory the simulated memory
     * @param file the image to write, replaced when it exists
     * @return where the image belongs: its base and length
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public static RawImage writeRaw(SparseMemory memory, Path file) {
        List<FrameRun> runs = nonEmptyRuns(memory);
        long base = runs.get(0).physicalStart();
        long end = runs.get(runs.size() - 1).physicalEnd();
        return writeRaw(memory, base, end - base, file);
    }

    /**
     * Writes {@code [base, base + length)} of {@code memory} as a raw image; base and length
     * multiples of 4 KiB.
     *
     * @param memory the memory to read
     * @param base the physical address of the image's first byte
     * @param length the bytes to write
     * @param file the image to write, replaced when it exists
     * @return where the image belongs: its base and length
     * @throws ExportException when base or length is not a positive multiple of 4 KiB
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public static RawImage writeRaw(PhysicalMemory memory, long base, long length, Path file) {
        if ((base & 0xFFF) != 0 || (length & 0xFFF) != 0 || length <= 0) {
            throw new ExportException(
                    "cannot write "
                            + Hex.of(base)
                            + " + "
                            + Hex.of(length)
                            + " as a raw image: base and "
                            + "length must be positive multiples of 4 KiB");
        }
        try (FileChannel channel =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            MemoryBytes.copy(memory, base, length, channel);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write raw image " + file + ": " + e.getMessage(), e);
        }
        return new RawImage(base, length);
    }

    /**
     * Writes the written frames of {@code memory} as an ELF64 core of {@code architecture}'s
     * machine: a {@code PT_NOTE} with the {@link PagodaNote} for {@code registers}, then a {@code
     * PT_LOAD} per run of consecutive written frames, each widened to the architecture's largest
     * page so no table is cut short.
     *
     * @throws ExportException when nothing was written
     * @param memory the simulated memory
     * @param architecture the variant, whose ELF machine and page sizes the core uses
     * @param registers the register values the Pagoda note records
     * @param file the core to write, replaced when it exists
     * @return the runs written, one {@code PT_LOAD} each
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public static List<FrameRun> writeCore(
            SparseMemory memory, Architecture architecture, RootRegisters registers, Path file) {
        List<FrameRun> runs = nonEmptyRuns(memory, architecture);
        ElfCoreWriter.write(
                memory,
                runs,
                architecture.elfIdentity(),
                List.of(PagodaNote.of(architecture.name(), registers)),
                file);
        return runs;
    }

    /**
     * The same with other notes (a QEMU note written elsewhere, or none).
     *
     * @param memory the simulated memory
     * @param architecture the variant, whose ELF machine and page sizes the core uses
     * @param notes the notes of the {@code PT_NOTE} segment, in order
     * @param file the core to write, replaced when it exists
     * @return the runs written, one {@code PT_LOAD} each
     * @throws ExportException when nothing was written
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public static List<FrameRun> writeCore(
            SparseMemory memory, Architecture architecture, List<CoreNote> notes, Path file) {
        List<FrameRun> runs = nonEmptyRuns(memory, architecture);
        ElfCoreWriter.write(memory, runs, architecture.elfIdentity(), notes, file);
        return runs;
    }

    private static List<FrameRun> nonEmptyRuns(SparseMemory memory, Architecture architecture) {
        long granule = WrittenFrames.FRAME;
        for (TranslationRoot root : architecture.roots()) {
            granule =
                    Math.max(
                            granule,
                            Math.max(
                                    root.geometry().pageSize(),
                                    root.geometry().largestTableBytes()));
        }
        return nonEmptyRuns(memory, Long.highestOneBit(granule));
    }

    private static List<FrameRun> nonEmptyRuns(SparseMemory memory) {
        return nonEmptyRuns(memory, WrittenFrames.FRAME);
    }

    private static List<FrameRun> nonEmptyRuns(SparseMemory memory, long granule) {
        List<FrameRun> runs = WrittenFrames.runs(memory, granule);
        if (runs.isEmpty()) {
            throw new ExportException(
                    "no frame of the simulated memory was written: there is nothing to export; "
                            + "build or map something first");
        }
        return runs;
    }
}
