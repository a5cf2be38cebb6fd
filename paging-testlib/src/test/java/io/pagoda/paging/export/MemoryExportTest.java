package io.pagoda.paging.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.image.ElfCoreMemory;
import io.pagoda.paging.image.ImageSegment;
import io.pagoda.paging.image.MappedImageMemory;
import io.pagoda.paging.image.MemoryImages;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.RegisterRole;
import io.pagoda.paging.spi.RegisterValue;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryExportTest {
    @TempDir Path dir;

    /** Frames 0x1000, 0x2000 (one run), 0x5000 and 0x40000000 (two more runs). */
    private static SparseMemory threeRuns() {
        SparseMemory memory = new SparseMemory(40);
        memory.writeLong(0x1008, 0x1122334455667788L);
        memory.writeByte(0x2FFF, (byte) 0xAB);
        memory.writeInt(0x5004, 0xCAFEBABE);
        memory.writeLong(0x4000_0000L, -1L);
        return memory;
    }

    @Test
    void writtenFramesAreTheFramesWrittenAscendingAndNothingElse() {
        SparseMemory memory = threeRuns();
        memory.readLong(0x9000); // a read touches nothing
        memory.writeLong(0x7000, 0); // writing zero to an untouched frame stores nothing
        assertArrayEquals(
                new long[] {0x1000, 0x2000, 0x5000, 0x4000_0000L}, memory.writtenFrames());
        memory.zero(0x5000, 0x1000); // a frame zeroed whole is given back
        assertArrayEquals(new long[] {0x1000, 0x2000, 0x4000_0000L}, memory.writtenFrames());
        assertEquals(
                List.of(new FrameRun(0x1000, 0x2000), new FrameRun(0x4000_0000L, 0x1000)),
                WrittenFrames.runs(memory));
    }

    @Test
    void rawImageSpansFirstToLastWrittenFrameWithZeroGaps() throws Exception {
        SparseMemory memory = new SparseMemory(40);
        memory.writeLong(0x1008, 0x1122334455667788L);
        memory.writeInt(0x5004, 0xCAFEBABE);
        Path file = dir.resolve("mem.raw");
        RawImage image = MemoryExport.writeRaw(memory, file);
        assertEquals(new RawImage(0x1000, 0x5000), image);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(0x5000, bytes.length);
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x1122334455667788L, le.getLong(0x8));
        assertEquals(0xCAFEBABE, le.getInt(0x4004));
        for (int i = 0x1000; i < 0x4000; i++) {
            assertEquals(0, bytes[i], "gap byte " + i);
        }
        try (MappedImageMemory back = MemoryImages.open(file, OptionalLong.of(image.base()))) {
            assertEquals(0x1122334455667788L, back.readLong(0x1008));
            assertEquals(0xCAFEBABE, back.readInt(0x5004));
        }
    }

    @Test
    void nothingWrittenIsRefused() {
        ExportException e =
                assertThrows(
                        ExportException.class,
                        () -> MemoryExport.writeRaw(new SparseMemory(40), dir.resolve("x")));
        assertTrue(e.getMessage().contains("nothing to export"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("x")));
    }

    @Test
    void coreHasNoteFirstThenOneLoadPerRunAndReadsBack() throws Exception {
        SparseMemory memory = threeRuns();
        ToyArchitecture toy = ToyArchitecture.fourLevel();
        RootRegisters registers =
                new RootRegisters(
                        List.of(
                                new RegisterValue("ROOT", RegisterRole.ROOT, 0x1000, "root"),
                                new RegisterValue(
                                        "TCR",
                                        RegisterRole.TRANSLATION_CONTROL,
                                        0x5_0000_0010L,
                                        "control")));
        Path file = dir.resolve("mem.core");
        MemoryExport.writeCore(memory, toy, registers, file);

        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x464C457F, elf.getInt(0));
        assertEquals(2, elf.get(4), "ELFCLASS64");
        assertEquals(1, elf.get(5), "little-endian");
        assertEquals(4, elf.getShort(0x10), "ET_CORE");
        assertEquals(0, elf.getShort(0x12), "the toy names no machine: EM_NONE");
        long phoff = elf.getLong(0x20);
        assertEquals(56, elf.getShort(0x36));
        assertEquals(4, elf.getShort(0x38), "PT_NOTE + three runs");
        assertEquals(4, elf.getInt((int) phoff), "PT_NOTE comes first");
        long[][] loads = {{0x1000, 0x2000}, {0x5000, 0x1000}, {0x4000_0000L, 0x1000}};
        for (int i = 0; i < loads.length; i++) {
            int at = (int) phoff + 56 * (i + 1);
            assertEquals(1, elf.getInt(at), "PT_LOAD");
            assertEquals(loads[i][0], elf.getLong(at + 0x18), "p_paddr");
            assertEquals(loads[i][1], elf.getLong(at + 0x20), "p_filesz");
            assertEquals(loads[i][1], elf.getLong(at + 0x28), "p_memsz");
        }
        int note = (int) elf.getLong((int) phoff + 8);
        assertEquals(7, elf.getInt(note), "namesz: PAGODA and its NUL");
        int descsz = elf.getInt(note + 4);
        assertEquals(0x50470001, elf.getInt(note + 8));
        byte[] name = new byte[6];
        elf.get(note + 12, name);
        assertEquals("PAGODA", new String(name, StandardCharsets.US_ASCII));
        byte[] desc = new byte[descsz];
        elf.get(note + 12 + 8, desc);
        assertEquals(
                "arch=" + toy.name() + "\nroot=0x1000\ntcr=0x500000010\n",
                new String(desc, StandardCharsets.UTF_8));

        try (ElfCoreMemory back = ElfCoreMemory.open(file)) {
            assertEquals(64, back.elfClass());
            List<ImageSegment> segments = back.segments();
            assertEquals(3, segments.size());
            assertEquals(0x1122334455667788L, back.readLong(0x1008));
            assertEquals((byte) 0xAB, back.readByte(0x2FFF));
            assertEquals(0xCAFEBABE, back.readInt(0x5004));
            assertEquals(-1L, back.readLong(0x4000_0000L));
            for (long frame : memory.writtenFrames()) {
                for (long at = frame; at < frame + 0x1000; at += 8) {
                    assertEquals(
                            memory.readLong(at),
                            back.readLong(at),
                            "word at " + Long.toHexString(at));
                }
            }
        }
    }

    @Test
    void defaultRootRegistersAreTheRootRegisterValues() {
        ToyArchitecture toy = ToyArchitecture.fourLevel();
        RootRegisters registers =
                toy.rootRegisters(new long[] {0x3000}, RootSettings.DEFAULT.withTag(5));
        assertEquals(0x3000L | (5L << 56), registers.named("ROOT").orElseThrow().value());
        assertThrows(
                IllegalArgumentException.class,
                () -> toy.rootRegisters(new long[] {1, 2}, RootSettings.DEFAULT));
        assertThrows(
                IllegalArgumentException.class,
                () -> toy.rootRegisters(new long[] {0x3000}, new RootSettings(0, true, false)));
    }
}
