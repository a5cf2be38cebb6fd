package io.pagoda.paging.space;

import java.util.Arrays;

/**
 * Which frame an address space allocated for each of its virtual pages: an open-addressing map of
 * primitive longs (page -> frame), so mapping and unmapping many pages boxes nothing. Removal uses
 * backward-shift deletion, so no tombstones accumulate. Not thread-safe: the address space's lock
 * guards it.
 */
final class OwnedFrames {
    private static final long NONE = -1L;

    private long[] pages = new long[64];
    private long[] frames = new long[64];
    private int size;

    OwnedFrames() {
        Arrays.fill(pages, NONE);
    }

    int size() {
        return size;
    }

    /** The frame backing {@code page}, or -1. */
    long get(long page) {
        int mask = pages.length - 1;
        for (int i = slot(page, mask); ; i = (i + 1) & mask) {
            if (pages[i] == page) {
                return frames[i];
            }
            if (pages[i] == NONE) {
                return NONE;
            }
        }
    }

    void put(long page, long frame) {
        if ((size + 1) * 2 > pages.length) {
            grow();
        }
        int mask = pages.length - 1;
        int i = slot(page, mask);
        while (pages[i] != NONE && pages[i] != page) {
            i = (i + 1) & mask;
        }
        if (pages[i] == NONE) {
            size++;
        }
        pages[i] = page;
        frames[i] = frame;
    }

    void remove(long page) {
        int mask = pages.length - 1;
        int i = slot(page, mask);
        while (pages[i] != page) {
            if (pages[i] == NONE) {
                return;
            }
            i = (i + 1) & mask;
        }
        size--;
        // shift later entries of the same probe run back into the hole
        int hole = i;
        for (int j = (hole + 1) & mask; pages[j] != NONE; j = (j + 1) & mask) {
            int home = slot(pages[j], mask);
            boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable) {
                pages[hole] = pages[j];
                frames[hole] = frames[j];
                hole = j;
            }
        }
        pages[hole] = NONE;
    }

    /** Every page, ascending. */
    long[] sortedPages() {
        long[] out = new long[size];
        int n = 0;
        for (long page : pages) {
            if (page != NONE) {
                out[n++] = page;
            }
        }
        Arrays.sort(out);
        return out;
    }

    private static int slot(long page, int mask) {
        return (int) ((page * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }

    private void grow() {
        long[] oldPages = pages;
        long[] oldFrames = frames;
        pages = new long[oldPages.length * 2];
        frames = new long[oldPages.length * 2];
        Arrays.fill(pages, NONE);
        size = 0;
        for (int i = 0; i < oldPages.length; i++) {
            if (oldPages[i] != NONE) {
                put(oldPages[i], oldFrames[i]);
            }
        }
    }
}
