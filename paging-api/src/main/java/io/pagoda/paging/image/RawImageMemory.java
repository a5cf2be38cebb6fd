package io.pagoda.paging.image;

import io.pagoda.paging.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * A raw dump: the file's bytes are physical memory from {@code base} on (QEMU {@code pmemsave}, a
 * {@code /dev/mem} copy, a firmware image). Read-only unless opened otherwise.
 */
public final class RawImageMemory extends MappedImageMemory {
    private final long base;

    private RawImageMemory(
            Path file, FileChannel channel, long base, long size, ImageAccess access) {
        super(file, channel, List.of(new ImageSegment(base, size, 0, size)), access);
        this.base = base;
    }

    /**
     * The dump in {@code file}, read-only, holding physical memory from {@code base}.
     *
     * @param file the dump: physical memory byte for byte
     * @param base the physical address of the file's first byte
     * @return the image; close it to release the mapping
     * @throws CorruptImageException when the file is empty or runs past the largest physical
     *     address from {@code base}
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static RawImageMemory open(Path file, long base) {
        return open(file, base, ImageAccess.READ_ONLY);
    }

    /**
     * The dump in {@code file}, opened as {@code access} says, holding physical memory from {@code
     * base}.
     *
     * @param file the dump: physical memory byte for byte
     * @param base the physical address of the file's first byte
     * @param access read-only, a private copy, or writes through to the file
     * @return the image; close it to release the mapping
     * @throws CorruptImageException when the file is empty or runs past the largest physical
     *     address from {@code base}
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static RawImageMemory open(Path file, long base, ImageAccess access) {
        try (FileChannel channel = openChannel(file, access)) {
            long size = channel.size();
            if (size == 0) {
                throw new CorruptImageException(
                        file + " is empty: a raw image needs at least one byte of memory");
            }
            if (base < 0 || base + size < 0) {
                throw new CorruptImageException(
                        file
                                + ": base "
                                + Hex.of(base)
                                + " plus the file's "
                                + size
                                + " bytes runs past the largest physical address; give a smaller base");
            }
            return new RawImageMemory(file, channel, base, size, access);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The physical address of the file's first byte.
     *
     * @return the base physical address
     */
    public long base() {
        return base;
    }
}
