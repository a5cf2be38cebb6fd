package io.pagoda.paging.image;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.memory.PhysicalMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Physical memory backed by a file mapped with {@link FileChannel#map}: a sorted list of {@link
 * ImageSegment}s, each mapped in chunks of at most 1 GiB (a {@link MappedByteBuffer} indexes with
 * an int, so images past 2 GiB need several). Entries are read little-endian straight from the
 * mapping, so a walk allocates nothing. Addresses in no segment (before, after, or in a hole
 * between segments) are a {@link PhysicalAddressException} naming the address and the image's
 * ranges.
 *
 * <p>Not thread-safe (it caches the last segment hit), like {@link
 * io.pagoda.paging.memory.SparseMemory}: callers that share one image between threads lock, or open
 * it once per thread.
 */
public abstract class MappedImageMemory implements PhysicalMemory, AutoCloseable {
    static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;
    private static final int RANGES_SHOWN = 8;

    private final Path file;
    private final ImageAccess access;
    private final ImageSegment[] segments;
    private final MappedByteBuffer[][] chunks;
    private final long limit;
    // walks stay inside one segment for long stretches
    private int lastSegment;

    /**
     * Maps the segments of an opened file.
     *
     * @param file the file, for messages
     * @param channel the open channel to map from; it may be closed once the constructor returns
     * @param segments the physical ranges the file holds, in any order
     * @param access how writes are handled
     * @throws CorruptImageException when two segments overlap
     * @throws java.io.UncheckedIOException when the file cannot be mapped
     */
    protected MappedImageMemory(
            Path file, FileChannel channel, List<ImageSegment> segments, ImageAccess access) {
        this.file = file;
        this.access = access;
        this.segments = segments.toArray(new ImageSegment[0]);
        Arrays.sort(
                this.segments,
                (a, b) -> Long.compareUnsigned(a.physicalStart(), b.physicalStart()));
        for (int i = 1; i < this.segments.length; i++) {
            if (Long.compareUnsigned(
                            this.segments[i].physicalStart(), this.segments[i - 1].physicalLast())
                    <= 0) {
                throw new CorruptImageException(
                        file
                                + ": segments "
                                + this.segments[i - 1]
                                + " and "
                                + this.segments[i]
                                + " overlap; a memory image must give each physical address once");
            }
        }
        this.chunks = new MappedByteBuffer[this.segments.length][];
        FileChannel.MapMode mode =
                switch (access) {
                    case READ_ONLY -> FileChannel.MapMode.READ_ONLY;
                    case PRIVATE_COPY -> FileChannel.MapMode.PRIVATE;
                    case READ_WRITE -> FileChannel.MapMode.READ_WRITE;
                };
        try {
            for (int s = 0; s < this.segments.length; s++) {
                ImageSegment segment = this.segments[s];
                int count = (int) ((segment.fileLength() + CHUNK_MASK) >>> CHUNK_SHIFT);
                chunks[s] = new MappedByteBuffer[count];
                for (int c = 0; c < count; c++) {
                    long offset = (long) c << CHUNK_SHIFT;
                    long size = Math.min(1L << CHUNK_SHIFT, segment.fileLength() - offset);
                    MappedByteBuffer buffer =
                            channel.map(mode, segment.fileOffset() + offset, size);
                    buffer.order(ByteOrder.LITTLE_ENDIAN);
                    chunks[s][c] = buffer;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + file + ": " + e.getMessage(), e);
        }
        long end = 0;
        for (ImageSegment segment : this.segments) {
            long past = segment.physicalLast() + 1;
            end = past == 0 || past < 0 ? Long.MAX_VALUE : Math.max(end, past);
        }
        this.limit = end;
    }

    /** Opens {@code file} for {@code access} (the channel may be closed once mapped). */
    static FileChannel openChannel(Path file, ImageAccess access) throws IOException {
        return access == ImageAccess.READ_ONLY
                ? FileChannel.open(file, StandardOpenOption.READ)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /**
     * The file the image was opened from.
     *
     * @return the file's path
     */
    public Path file() {
        return file;
    }

    /**
     * How the image was opened.
     *
     * @return the access mode
     */
    public ImageAccess access() {
        return access;
    }

    /**
     * The physical ranges the image holds, in address order.
     *
     * @return the segments, sorted by physical address
     */
    public List<ImageSegment> segments() {
        return List.of(segments);
    }

    /**
     * The ranges as text for messages, at most a few of them.
     *
     * @return the first ranges, comma-separated
     */
    public String describeRanges() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.length && i < RANGES_SHOWN; i++) {
            out.append(i == 0 ? "" : ", ").append(segments[i]);
        }
        if (segments.length > RANGES_SHOWN) {
            out.append(" and ").append(segments.length - RANGES_SHOWN).append(" more");
        }
        return segments.length == 0 ? "no memory at all" : out.toString();
    }

    @Override
    public long limit() {
        return limit;
    }

    @Override
    public boolean isReadOnly() {
        return access == ImageAccess.READ_ONLY;
    }

    @Override
    public void close() {
        // a mapping lives until collected; the channel was closed after mapping, so nothing is held
        // open
    }

    private int segmentOf(long pa) {
        int last = lastSegment;
        if (last < segments.length && segments[last].contains(pa)) {
            return last;
        }
        int lo = 0;
        int hi = segments.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            ImageSegment segment = segments[mid];
            if (Long.compareUnsigned(pa, segment.physicalStart()) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(pa, segment.physicalLast()) > 0) {
                lo = mid + 1;
            } else {
                lastSegment = mid;
                return mid;
            }
        }
        throw new PhysicalAddressException(
                "physical address "
                        + Hex.of(pa)
                        + " is not in the image "
                        + file.getFileName()
                        + ", which holds "
                        + describeRanges()
                        + "; check the root address, the base address of a raw image, or the entry pointing there");
    }

    // the segment of the last directOffset call: saves a second lookup on the fast path
    private int hitSegment;

    /**
     * The offset of a {@code width}-byte access at {@code pa} in its segment when it lies in one
     * chunk of file-backed bytes; -1 when it straddles a chunk, the file-backed part or the segment
     * (then byte by byte).
     */
    private long directOffset(long pa, int width) {
        int s = segmentOf(pa);
        hitSegment = s;
        ImageSegment segment = segments[s];
        long offset = pa - segment.physicalStart();
        if (offset + width > segment.fileLength()) {
            return -1;
        }
        if ((offset >>> CHUNK_SHIFT) != ((offset + width - 1) >>> CHUNK_SHIFT)) {
            return -1;
        }
        return offset;
    }

    private MappedByteBuffer chunk(long offset) {
        return chunks[hitSegment][(int) (offset >>> CHUNK_SHIFT)];
    }

    @Override
    public long readLong(long pa) {
        long offset = directOffset(pa, 8);
        if (offset >= 0) {
            return chunk(offset).getLong((int) (offset & CHUNK_MASK));
        }
        return Integer.toUnsignedLong(readInt(pa)) | ((long) readInt(pa + 4) << 32);
    }

    /**
     * Reads {@code count} little-endian longs from {@code pa} into {@code into} with one bulk copy
     * when they lie in one mapped chunk of file-backed bytes (scans of whole images: {@code pagoda
     * find-roots}); long by long otherwise.
     */
    @Override
    public void readLongs(long pa, long[] into, int count) {
        if (count < 0 || count > into.length) {
            throw new IllegalArgumentException(
                    count + " longs do not fit an array of " + into.length);
        }
        if (count == 0) {
            return;
        }
        long bytes = (long) count * 8;
        long offset = bytes > Integer.MAX_VALUE ? -1 : directOffset(pa, (int) bytes);
        if (offset >= 0) {
            chunk(offset)
                    .slice((int) (offset & CHUNK_MASK), (int) bytes)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .asLongBuffer()
                    .get(into, 0, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            into[i] = readLong(pa + 8L * i);
        }
    }

    @Override
    public int readInt(long pa) {
        long offset = directOffset(pa, 4);
        if (offset >= 0) {
            return chunk(offset).getInt((int) (offset & CHUNK_MASK));
        }
        int value = 0;
        for (int i = 3; i >= 0; i--) {
            value = (value << 8) | (readByte(pa + i) & 0xFF);
        }
        return value;
    }

    @Override
    public byte readByte(long pa) {
        int s = segmentOf(pa);
        ImageSegment segment = segments[s];
        long offset = pa - segment.physicalStart();
        if (offset >= segment.fileLength()) {
            return 0;
        }
        return chunks[s][(int) (offset >>> CHUNK_SHIFT)].get((int) (offset & CHUNK_MASK));
    }

    @Override
    public void writeLong(long pa, long value) {
        requireWritable(pa);
        long offset = directOffset(pa, 8);
        if (offset >= 0) {
            chunk(offset).putLong((int) (offset & CHUNK_MASK), value);
            return;
        }
        writeInt(pa, (int) value);
        writeInt(pa + 4, (int) (value >>> 32));
    }

    @Override
    public void writeInt(long pa, int value) {
        requireWritable(pa);
        long offset = directOffset(pa, 4);
        if (offset >= 0) {
            chunk(offset).putInt((int) (offset & CHUNK_MASK), value);
            return;
        }
        for (int i = 0; i < 4; i++) {
            writeByte(pa + i, (byte) (value >>> (8 * i)));
        }
    }

    @Override
    public void writeByte(long pa, byte value) {
        requireWritable(pa);
        int s = segmentOf(pa);
        ImageSegment segment = segments[s];
        long offset = pa - segment.physicalStart();
        if (offset >= segment.fileLength()) {
            throw new PhysicalAddressException(
                    "physical address "
                            + Hex.of(pa)
                            + " of the image "
                            + file.getFileName()
                            + " reads as zero but has no bytes in the file (past the segment's file size); it cannot be written");
        }
        chunks[s][(int) (offset >>> CHUNK_SHIFT)].put((int) (offset & CHUNK_MASK), value);
    }

    private void requireWritable(long pa) {
        if (access == ImageAccess.READ_ONLY) {
            throw new ReadOnlyImageException(
                    "cannot write physical address "
                            + Hex.of(pa)
                            + ": the image "
                            + file.getFileName()
                            + " is open read-only; open it with ImageAccess.PRIVATE_COPY (or READ_WRITE to change the file)");
        }
    }
}
