package io.pagoda.qemu;

import io.pagoda.paging.Hex;
import io.pagoda.paging.memory.PhysicalMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Physical memory to hand to QEMU: the non-zero 4 KiB pages of a sparse image, loaded raw at their
 * physical addresses with QEMU's generic loader. Guest RAM starts zeroed, so zero pages need no
 * file; adjacent pages are merged so a table area becomes one loader device.
 */
final class MemoryImage {
    private static final int PAGE = 4096;

    private final TreeMap<Long, byte[]> pages = new TreeMap<>();

    /** The entries of a reference vector, written little-endian with their width. */
    static MemoryImage ofEntries(Map<Long, Long> entries, int entrySize) {
        MemoryImage image = new MemoryImage();
        entries.forEach((pa, value) -> image.put(pa, value, entrySize));
        return image;
    }

    void put(long pa, long value, int size) {
        if ((pa & (size - 1)) != 0 || (pa & (PAGE - 1)) > PAGE - size) {
            throw new IllegalArgumentException(
                    "entry at " + Hex.of(pa) + " is not aligned to its size " + size);
        }
        ByteBuffer page =
                ByteBuffer.wrap(pages.computeIfAbsent(pa & -PAGE, k -> new byte[PAGE]))
                        .order(ByteOrder.LITTLE_ENDIAN);
        int offset = (int) (pa & (PAGE - 1));
        if (size == 8) {
            page.putLong(offset, value);
        } else {
            page.putInt(offset, (int) value);
        }
    }

    void putBytes(long pa, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            long at = pa + i;
            pages.computeIfAbsent(at & -PAGE, k -> new byte[PAGE])[(int) (at & (PAGE - 1))] =
                    bytes[i];
        }
    }

    /**
     * Copies the non-zero pages of {@code [base, base + length)} (the frames a Pagoda allocator
     * hands out).
     */
    void copyFrom(PhysicalMemory memory, long base, long length) {
        for (long page = base & -PAGE; page < base + length; page += PAGE) {
            ByteBuffer buffer = null;
            for (int offset = 0; offset < PAGE; offset += 8) {
                long value = memory.readLong(page + offset);
                if (value != 0) {
                    if (buffer == null) {
                        buffer =
                                ByteBuffer.wrap(pages.computeIfAbsent(page, k -> new byte[PAGE]))
                                        .order(ByteOrder.LITTLE_ENDIAN);
                    }
                    buffer.putLong(offset, value);
                }
            }
        }
    }

    /** A new image with the pages of both; where both have a page, {@code other}'s wins. */
    MemoryImage with(MemoryImage other) {
        MemoryImage merged = new MemoryImage();
        pages.forEach((pa, bytes) -> merged.pages.put(pa, bytes.clone()));
        other.pages.forEach((pa, bytes) -> merged.pages.put(pa, bytes.clone()));
        return merged;
    }

    /** The first byte above every loaded page: guest RAM must reach it. */
    long end() {
        return pages.isEmpty() ? 0 : pages.lastKey() + PAGE;
    }

    boolean isEmpty() {
        return pages.isEmpty();
    }

    /**
     * Writes one raw file per run of adjacent pages into {@code dir} and returns QEMU's loader
     * arguments.
     */
    List<String> loaderArguments(Path dir, String prefix) {
        List<String> arguments = new ArrayList<>();
        long runStart = -1;
        long runEnd = -1;
        List<byte[]> run = new ArrayList<>();
        for (Map.Entry<Long, byte[]> page : pages.entrySet()) {
            if (page.getKey() != runEnd) {
                flush(dir, prefix, runStart, run, arguments);
                runStart = page.getKey();
                run = new ArrayList<>();
            }
            run.add(page.getValue());
            runEnd = page.getKey() + PAGE;
        }
        flush(dir, prefix, runStart, run, arguments);
        return arguments;
    }

    private static void flush(
            Path dir, String prefix, long start, List<byte[]> run, List<String> arguments) {
        if (run.isEmpty()) {
            return;
        }
        Path file = dir.resolve(prefix + "-" + Long.toHexString(start) + ".bin");
        byte[] bytes = new byte[run.size() * PAGE];
        for (int i = 0; i < run.size(); i++) {
            System.arraycopy(run.get(i), 0, bytes, i * PAGE, PAGE);
        }
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the memory image " + file, e);
        }
        arguments.add("-device");
        arguments.add(
                "loader,file=" + file + ",addr=0x" + Long.toHexString(start) + ",force-raw=on");
    }
}
