package io.pagoda.paging.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** Opens a memory image by looking at it: an ELF core by its magic, anything else as a raw dump. */
public final class MemoryImages {
    private MemoryImages() {}

    // formats dump-guest-memory and crash tools also write, which would read as garbage if taken
    // for raw memory
    private static final String[][] UNSUPPORTED = {
        {"KDUMP   ", "a kdump-compressed dump (dump-guest-memory -z/-l/-s)"},
        {"makedumpfile", "a flattened makedumpfile dump"},
        {"PAGEDUMP", "a Windows crash dump (dump-guest-memory -w)"},
        {"PAGEDU64", "a Windows crash dump (dump-guest-memory -w)"},
    };

    /**
     * Read-only; {@code base} places a raw dump (default 0) and is refused for an ELF core, which
     * places itself.
     *
     * <p>The image in {@code file}, an ELF core or a raw dump, told apart by the ELF magic.
     *
     * @param file the image
     * @param base the physical address of a raw dump's first byte, empty for 0
     * @return the image, read-only; close it to release the mapping
     * @throws CorruptImageException when the file is an ELF core and a base is given, is a dump
     *     format Pagoda does not read, or is malformed
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static MappedImageMemory open(Path file, OptionalLong base) {
        return open(file, base, ImageAccess.READ_ONLY);
    }

    /**
     * The image in {@code file}, opened as {@code access} says.
     *
     * @param file the image
     * @param base the physical address of a raw dump's first byte, empty for 0
     * @param access read-only, a private copy, or writes through to the file
     * @return the image; close it to release the mapping
     * @throws CorruptImageException when the file is an ELF core and a base is given, is a dump
     *     format Pagoda does not read, or is malformed
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static MappedImageMemory open(Path file, OptionalLong base, ImageAccess access) {
        if (isElf(file)) {
            if (base.isPresent()) {
                throw new CorruptImageException(
                        file
                                + " is an ELF core, whose segments carry their own physical addresses; "
                                + "drop the base address (it applies to raw dumps only)");
            }
            return ElfCoreMemory.open(file, access);
        }
        String unsupported = unsupportedFormat(file);
        if (unsupported != null) {
            throw new CorruptImageException(
                    file
                            + " is "
                            + unsupported
                            + ", not raw memory; write an ELF core instead "
                            + "(QEMU: dump-guest-memory without -z, -l, -s or -w) or a raw dump (pmemsave)");
        }
        return RawImageMemory.open(file, base.orElse(0), access);
    }

    private static @Nullable String unsupportedFormat(Path file) {
        byte[] head = head(file, 12);
        String text = new String(head, StandardCharsets.ISO_8859_1);
        for (String[] format : UNSUPPORTED) {
            if (text.startsWith(format[0])) {
                return format[1];
            }
        }
        return null;
    }

    private static byte[] head(Path file, int bytes) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the file starts with the ELF magic {@code \x7fELF}.
     *
     * @param file the file to look at
     * @return true when its first four bytes are the ELF magic
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static boolean isElf(Path file) {
        byte[] magic = head(file, 4);
        return magic.length == 4
                && magic[0] == 0x7F
                && magic[1] == 'E'
                && magic[2] == 'L'
                && magic[3] == 'F';
    }
}
