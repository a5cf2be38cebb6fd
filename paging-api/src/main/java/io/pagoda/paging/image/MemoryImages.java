package io.pagoda.paging.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Opens a memory image by looking at it: an ELF core by its magic, anything else as a raw dump. */
public final class MemoryImages {
    private MemoryImages() {
    }

    /** Read-only; {@code base} places a raw dump (default 0) and is refused for an ELF core, which places itself. */
    public static MappedImageMemory open(Path file, OptionalLong base) {
        return open(file, base, ImageAccess.READ_ONLY);
    }

    public static MappedImageMemory open(Path file, OptionalLong base, ImageAccess access) {
        if (isElf(file)) {
            if (base.isPresent()) {
                throw new CorruptImageException(file + " is an ELF core, whose segments carry their own physical addresses; "
                        + "drop the base address (it applies to raw dumps only)");
            }
            return ElfCoreMemory.open(file, access);
        }
        return RawImageMemory.open(file, base.orElse(0), access);
    }

    /** Whether the file starts with the ELF magic {@code \x7fELF}. */
    public static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7F && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
