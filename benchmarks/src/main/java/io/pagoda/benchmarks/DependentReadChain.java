package io.pagoda.benchmarks;

import io.pagoda.paging.spi.Geometry;

/**
 * The walk baseline: the same tree as a variant's tables over the same mapped range, in one plain
 * {@code long[]}, each entry holding the index of the next table (or, at the last level, the
 * frame). A lookup is a chain of dependent array reads as deep as the hardware walk, with no
 * decoding, no range checks and no simulated memory: what a full walk cannot beat on this JVM.
 */
final class DependentReadChain {
    private final int levels;
    private final int[] shifts;
    private final long[] masks;
    private final long[] memory;
    private final long pageMask;

    /**
     * Builds the tree mapping {@code [va, va + bytes)} page by page to frames from {@code
     * firstFrame}.
     */
    DependentReadChain(Geometry geometry, long va, long bytes, long firstFrame) {
        levels = geometry.levelCount();
        shifts = new int[levels];
        masks = new long[levels];
        long words = 0;
        for (int level = 0; level < levels; level++) {
            shifts[level] = geometry.shift(level);
            masks[level] = geometry.entryCount(level) - 1L;
            // tables this level needs for the range: one per span of the level above
            long above = level == 0 ? geometry.linearSpan() : geometry.span(level - 1);
            long tables = (va + bytes - 1) / above - va / above + 1;
            words += tables * geometry.entryCount(level);
        }
        memory = new long[Math.toIntExact(words)];
        pageMask = geometry.pageSize() - 1;
        long[] next = {geometry.entryCount(0)};
        long page = geometry.pageSize();
        for (long offset = 0; offset < bytes; offset += page) {
            long address = va + offset;
            int table = 0;
            for (int level = 0; level < levels - 1; level++) {
                int slot = table + (int) ((address >>> shifts[level]) & masks[level]);
                if (memory[slot] == 0) {
                    memory[slot] = next[0];
                    next[0] += geometry.entryCount(level + 1);
                }
                table = (int) memory[slot];
            }
            memory[table + (int) ((address >>> shifts[levels - 1]) & masks[levels - 1])] =
                    firstFrame + offset;
        }
    }

    int depth() {
        return levels;
    }

    long lookup(long va) {
        long table = 0;
        for (int level = 0; level < levels - 1; level++) {
            table = memory[(int) table + (int) ((va >>> shifts[level]) & masks[level])];
        }
        return memory[(int) table + (int) ((va >>> shifts[levels - 1]) & masks[levels - 1])]
                + (va & pageMask);
    }
}
