package io.pagoda.arch.i386;

import io.pagoda.paging.spi.AddressLayout;

/**
 * Where the tables of the active i386 32-bit hierarchy appear when page-directory entry {@code slot}
 * points back at the directory (the seed's recursive mapping). The directory then serves as the page
 * table of the 4 MiB window at {@code slot << 22}: page table i is visible at {@code window + i * 4 KiB},
 * and the directory itself, being "page table {@code slot}", at {@code window + slot * 4 KiB}. With the
 * seed's slot 1023: the directory at 0xFFFF_F000, page table i at 0xFFC0_0000 + i * 0x1000.
 */
public final class RecursiveWindow {
    private static final int DIRECTORY_SHIFT = 22;
    private static final int PAGE_SHIFT = 12;
    private static final int ENTRIES = 1024;

    private final int slot;

    private RecursiveWindow(int slot) {
        this.slot = slot;
    }

    /** The window of page-directory entry {@code slot} (0..1023). */
    public static RecursiveWindow forSlot(int slot) {
        if (slot < 0 || slot >= ENTRIES) {
            throw new IllegalArgumentException("recursive slot " + slot + " is not a page-directory index 0..1023");
        }
        return new RecursiveWindow(slot);
    }

    /** The window of a layout's recursive slot. */
    public static RecursiveWindow of(AddressLayout layout) {
        if (!layout.hasRecursiveSlot()) {
            throw new IllegalArgumentException("the layout has no recursive slot; give one with AddressLayout.withRecursiveSlot");
        }
        return forSlot(layout.recursiveSlot());
    }

    public int slot() {
        return slot;
    }

    /** The first virtual address of the window: {@code slot * 4 MiB}. */
    public long windowBase() {
        return (long) slot << DIRECTORY_SHIFT;
    }

    /** The last virtual address of the window (inclusive). */
    public long windowLast() {
        return windowBase() + (1L << DIRECTORY_SHIFT) - 1;
    }

    /** Where the page directory is visible. */
    public long directoryAddress() {
        return tableAddress(slot);
    }

    /** Where the page table linked by directory entry {@code directoryIndex} is visible. */
    public long tableAddress(int directoryIndex) {
        if (directoryIndex < 0 || directoryIndex >= ENTRIES) {
            throw new IllegalArgumentException("directory index " + directoryIndex + " is outside 0..1023");
        }
        return windowBase() + ((long) directoryIndex << PAGE_SHIFT);
    }

    /** Where the PTE translating {@code va} is visible. */
    public long pageTableEntryAddress(long va) {
        return windowBase() + (((va & 0xFFFF_FFFFL) >>> PAGE_SHIFT) << 2);
    }

    /** Where the PDE translating {@code va} is visible. */
    public long directoryEntryAddress(long va) {
        return directoryAddress() + (((va & 0xFFFF_FFFFL) >>> DIRECTORY_SHIFT) << 2);
    }

    /** Whether {@code va} lies in the window (and is therefore a table, not ordinary memory). */
    public boolean contains(long va) {
        return va >= windowBase() && va <= windowLast();
    }
}
