package io.pagoda.paging.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.error.PhysicalAddressException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryImagesTest {
    @TempDir Path dir;

    /** Bytes 0..n-1 as (i * 7 + 3) so every offset is distinguishable. */
    private static byte[] pattern(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (i * 7 + 3);
        }
        return bytes;
    }

    private static long expectedLong(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes, at, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void rawImageReadsLittleEndianFromItsBase() throws IOException {
        byte[] bytes = pattern(0x3000);
        Path file = Files.write(dir.resolve("mem.raw"), bytes);
        RawImageMemory memory = RawImageMemory.open(file, 0x10_0000);
        assertEquals(0x10_3000L, memory.limit());
        assertTrue(memory.isReadOnly());
        assertEquals(expectedLong(bytes, 0x18), memory.readLong(0x10_0018));
        assertEquals(expectedLong(bytes, 0x1FFD), memory.readLong(0x10_1FFD));
        assertEquals((int) expectedLong(bytes, 0x44), memory.readInt(0x10_0044));
        assertEquals(bytes[0x2FFF], memory.readByte(0x10_2FFF));
    }

    @Test
    void rawImageRefusesAddressesOutsideItNamingTheRange() throws IOException {
        Path file = Files.write(dir.resolve("mem.raw"), pattern(0x1000));
        RawImageMemory memory = RawImageMemory.open(file, 0x2000);
        PhysicalAddressException below =
                assertThrows(PhysicalAddressException.class, () -> memory.readLong(0x1FF8));
        assertTrue(below.getMessage().contains("0x1FF8"), below.getMessage());
        assertTrue(below.getMessage().contains("0x2000..0x2FFF"), below.getMessage());
        // a long that starts inside but ends past the image
        assertThrows(PhysicalAddressException.class, () -> memory.readLong(0x2FFC));
        assertThrows(PhysicalAddressException.class, () -> memory.readByte(-1L));
    }

    @Test
    void readOnlyImageRefusesWritesAndPrivateCopyLeavesTheFileAlone() throws IOException {
        byte[] bytes = pattern(0x1000);
        Path file = Files.write(dir.resolve("mem.raw"), bytes);
        RawImageMemory readOnly = RawImageMemory.open(file, 0);
        ReadOnlyImageException e =
                assertThrows(ReadOnlyImageException.class, () -> readOnly.writeLong(8, 1));
        assertTrue(
                e.getMessage().contains("0x8") && e.getMessage().contains("read-only"),
                e.getMessage());

        RawImageMemory copy = RawImageMemory.open(file, 0, ImageAccess.PRIVATE_COPY);
        copy.writeLong(8, 0x1122334455667788L);
        copy.writeInt(0xFFA, 0xCAFEBABE);
        assertEquals(0x1122334455667788L, copy.readLong(8));
        assertEquals(0xCAFEBABE, copy.readInt(0xFFA));
        assertArrayEquals(bytes, Files.readAllBytes(file));

        RawImageMemory writable = RawImageMemory.open(file, 0, ImageAccess.READ_WRITE);
        writable.writeByte(0, (byte) 0x5A);
        assertEquals(0x5A, Files.readAllBytes(file)[0]);
    }

    @Test
    void emptyRawImageIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("empty.raw"), new byte[0]);
        assertThrows(CorruptImageException.class, () -> RawImageMemory.open(file, 0));
    }

    @Test
    void elf64SegmentsAreAtTheirPhysicalAddressesWithZeroTailsAndHoles() throws IOException {
        byte[] low = pattern(0x2000);
        byte[] high = pattern(0x1000);
        Arrays.fill(high, 0, 8, (byte) 0x11);
        Path file =
                new ElfWriter(true)
                        .load(0x0, low, 0x3000)
                        .load(0x10_0000, high, 0x1000)
                        .write(dir.resolve("core.elf"));
        MappedImageMemory memory = MemoryImages.open(file, OptionalLong.empty());
        assertInstanceOf(ElfCoreMemory.class, memory);
        assertEquals(64, ((ElfCoreMemory) memory).elfClass());
        assertEquals(2, memory.segments().size());
        assertEquals(expectedLong(low, 0x1000), memory.readLong(0x1000));
        assertEquals(0x1111111111111111L, memory.readLong(0x10_0000));
        // p_memsz past p_filesz reads as zero, and a long straddling the file end mixes both
        assertEquals(0, memory.readLong(0x2800));
        long straddle = memory.readLong(0x1FFC);
        assertEquals(
                Integer.toUnsignedLong(
                        ByteBuffer.wrap(low).order(ByteOrder.LITTLE_ENDIAN).getInt(0x1FFC)),
                straddle);
        PhysicalAddressException hole =
                assertThrows(PhysicalAddressException.class, () -> memory.readLong(0x8000));
        assertTrue(hole.getMessage().contains("0x8000"), hole.getMessage());
        assertTrue(
                hole.getMessage().contains("0x0..0x2FFF")
                        && hole.getMessage().contains("0x100000..0x100FFF"),
                hole.getMessage());
        assertEquals(0x10_1000L, memory.limit());
    }

    @Test
    void elf32CoresAreReadToo() throws IOException {
        byte[] bytes = pattern(0x1000);
        Path file =
                new ElfWriter(false)
                        .load(0x20_0000, bytes, 0x1000)
                        .write(dir.resolve("core32.elf"));
        ElfCoreMemory memory = ElfCoreMemory.open(file);
        assertEquals(32, memory.elfClass());
        assertEquals(expectedLong(bytes, 0x10), memory.readLong(0x20_0010));
    }

    @Test
    void everyTruncationOfAnElfIsAClearErrorOrStillConsistent() throws IOException {
        byte[] whole =
                new ElfWriter(true)
                        .load(0x1000, pattern(0x100), 0x100)
                        .load(0x4000, pattern(0x80), 0x80)
                        .bytes();
        for (int length = 0; length < whole.length; length++) {
            Path file =
                    Files.write(dir.resolve("cut" + length + ".elf"), Arrays.copyOf(whole, length));
            try {
                ElfCoreMemory memory = ElfCoreMemory.open(file);
                // only a cut that keeps every promised byte may open
                memory.readByte(0x4000 + 0x7F);
            } catch (CorruptImageException expected) {
                assertFalse(expected.getMessage().isBlank());
            }
        }
    }

    @Test
    void hostileHeadersAreRefusedClearly() throws IOException {
        byte[] good = new ElfWriter(true).load(0x1000, pattern(0x100), 0x100).bytes();
        ByteBuffer b;

        byte[] hugeOffset = good.clone();
        b = ByteBuffer.wrap(hugeOffset).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(64 + 56 + 0x08, Long.MAX_VALUE - 4);
        assertMessage(hugeOffset, "truncated or corrupt");

        byte[] negativeSize = good.clone();
        b = ByteBuffer.wrap(negativeSize).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(64 + 56 + 0x20, -1L);
        assertMessage(negativeSize, "file");

        byte[] tinyEntries = good.clone();
        ByteBuffer.wrap(tinyEntries).order(ByteOrder.LITTLE_ENDIAN).putShort(0x36, (short) 8);
        assertMessage(tinyEntries, "program header size 8");

        byte[] manyHeaders = good.clone();
        ByteBuffer.wrap(manyHeaders).order(ByteOrder.LITTLE_ENDIAN).putShort(0x38, (short) 0x7000);
        assertMessage(manyHeaders, "past the end of the file");

        byte[] bigEndian = good.clone();
        bigEndian[5] = 2;
        assertMessage(bigEndian, "little-endian");

        byte[] badClass = good.clone();
        badClass[4] = 9;
        assertMessage(badClass, "ELF class 9");

        byte[] overlapping =
                new ElfWriter(true)
                        .load(0x1000, pattern(0x100), 0x100)
                        .load(0x1080, pattern(0x100), 0x100)
                        .bytes();
        assertMessage(overlapping, "overlap");

        byte[] memLessThanFile = good.clone();
        ByteBuffer.wrap(memLessThanFile)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(64 + 56 + 0x28, 0x10);
        assertMessage(memLessThanFile, "exceeds p_memsz");
    }

    @Test
    void pnXnumTakesTheCountFromSectionHeaderZero() throws IOException {
        byte[] good = new ElfWriter(true).load(0x1000, pattern(0x100), 0x100).bytes();
        // append a 64-byte section header 0 whose sh_info holds the real count (2: the note and the
        // load)
        byte[] withSection = Arrays.copyOf(good, good.length + 64);
        ByteBuffer b = ByteBuffer.wrap(withSection).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0x28, good.length);
        b.putShort(0x38, (short) 0xFFFF);
        b.putInt(good.length + 0x2C, 2);
        Path file = Files.write(dir.resolve("xnum.elf"), withSection);
        assertEquals(expectedLong(pattern(0x100), 0x20), ElfCoreMemory.open(file).readLong(0x1020));
    }

    @Test
    void baseIsForRawImagesOnly() throws IOException {
        Path elf = new ElfWriter(true).load(0, pattern(0x10), 0x10).write(dir.resolve("c.elf"));
        CorruptImageException e =
                assertThrows(
                        CorruptImageException.class,
                        () -> MemoryImages.open(elf, OptionalLong.of(0x1000)));
        assertTrue(e.getMessage().contains("raw dumps only"), e.getMessage());
        Path raw = Files.write(dir.resolve("r.raw"), pattern(0x10));
        assertInstanceOf(RawImageMemory.class, MemoryImages.open(raw, OptionalLong.of(0x1000)));
        assertEquals(0x1010L, MemoryImages.open(raw, OptionalLong.of(0x1000)).limit());
    }

    @Test
    void compressedAndWindowsDumpsAreNotTakenForRawMemory() throws IOException {
        Path kdump =
                Files.write(
                        dir.resolve("k.dump"),
                        "KDUMP   \0\0\0\0rest".getBytes(StandardCharsets.US_ASCII));
        CorruptImageException e =
                assertThrows(
                        CorruptImageException.class,
                        () -> MemoryImages.open(kdump, OptionalLong.empty()));
        assertTrue(e.getMessage().contains("kdump-compressed"), e.getMessage());
        Path windows =
                Files.write(
                        dir.resolve("w.dmp"), "PAGEDU64....".getBytes(StandardCharsets.US_ASCII));
        assertThrows(
                CorruptImageException.class,
                () -> MemoryImages.open(windows, OptionalLong.empty()));
        // short files are raw memory
        Path tiny = Files.write(dir.resolve("t.raw"), new byte[] {0x7F, 'E'});
        assertEquals(2, MemoryImages.open(tiny, OptionalLong.empty()).limit());
    }

    @Test
    void readsStraddlingTheOneGibChunkBoundaryOfALargeImage() throws IOException {
        Path file = dir.resolve("big.raw");
        long chunk = 1L << MappedImageMemory.CHUNK_SHIFT;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(chunk + 0x1000); // sparse on every common file system
            f.seek(chunk - 4);
            f.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        RawImageMemory memory = RawImageMemory.open(file, 0);
        assertEquals(0x0807060504030201L, memory.readLong(chunk - 4));
        assertEquals(0x08070605, memory.readInt(chunk));
    }

    private void assertMessage(byte[] bytes, String expected) throws IOException {
        Path file = Files.write(dir.resolve("hostile.elf"), bytes);
        CorruptImageException e =
                assertThrows(CorruptImageException.class, () -> ElfCoreMemory.open(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
