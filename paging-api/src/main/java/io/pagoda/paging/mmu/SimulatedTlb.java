package io.pagoda.paging.mmu;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.TlbMaintenance;

/**
 * A translation lookaside buffer with a fixed number of entries, least-recently-used replacement, entries of
 * any leaf size (a 2 MiB entry answers every address inside it), global entries and address-space tags
 * (PCID, ASID). Like the hardware it keeps serving a cached translation until an invalidation removes it,
 * so a missing flush shows up as a wrong translation.
 *
 * <p>Entries live in parallel primitive arrays: a lookup allocates nothing. Not thread-safe: the CPU that
 * owns it is used under one lock.
 */
public final class SimulatedTlb implements TlbMaintenance {
    /** The default number of entries, about a first-level data TLB. */
    public static final int DEFAULT_CAPACITY = 64;

    private final int capacity;
    private final boolean[] valid;
    private final long[] base;
    private final long[] sizeMask;
    private final long[] physical;
    private final int[] tag;
    private final boolean[] global;
    private final int[] level;
    private final MappingFlags[] flags;
    private final boolean[] dirty;
    private final long[] lastUse;
    private long clock;

    private long hits;
    private long misses;
    private long fills;
    private long evictions;
    private long pageInvalidations;
    private long tagInvalidations;
    private long fullInvalidations;
    private long entriesDropped;

    public SimulatedTlb() {
        this(DEFAULT_CAPACITY);
    }

    public SimulatedTlb(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a TLB needs at least one entry, not " + capacity);
        }
        this.capacity = capacity;
        valid = new boolean[capacity];
        base = new long[capacity];
        sizeMask = new long[capacity];
        physical = new long[capacity];
        tag = new int[capacity];
        global = new boolean[capacity];
        level = new int[capacity];
        flags = new MappingFlags[capacity];
        dirty = new boolean[capacity];
        lastUse = new long[capacity];
    }

    public int capacity() {
        return capacity;
    }

    /**
     * The slot caching {@code va} for {@code currentTag} (global entries match every tag), or -1 on a miss.
     * Counts a hit or a miss and refreshes the entry's age.
     */
    public int lookup(long va, int currentTag) {
        int slot = find(va, currentTag);
        if (slot < 0) {
            misses++;
        } else {
            hits++;
            lastUse[slot] = ++clock;
        }
        return slot;
    }

    /** Like {@link #lookup} without counting or ageing: for checks that must not disturb the TLB. */
    public int probe(long va, int currentTag) {
        return find(va, currentTag);
    }

    private int find(long va, int currentTag) {
        for (int i = 0; i < capacity; i++) {
            if (valid[i] && (va & ~sizeMask[i]) == base[i] && (global[i] || tag[i] == currentTag)) {
                return i;
            }
        }
        return -1;
    }

    /** The physical address {@code va} translates to through the entry in {@code slot}. */
    public long physicalAddress(int slot, long va) {
        return physical[slot] | (va & sizeMask[slot]);
    }

    /** First virtual address of the entry in {@code slot}. */
    public long base(int slot) {
        return base[slot];
    }

    public long size(int slot) {
        return sizeMask[slot] + 1;
    }

    public long leafPhysicalAddress(int slot) {
        return physical[slot];
    }

    public int tag(int slot) {
        return tag[slot];
    }

    public boolean isGlobal(int slot) {
        return global[slot];
    }

    public int level(int slot) {
        return level[slot];
    }

    /** The effective flags cached with the translation. */
    public MappingFlags flags(int slot) {
        return flags[slot];
    }

    public boolean isValid(int slot) {
        return valid[slot];
    }

    /**
     * Caches a translation of the leaf of {@code size} bytes holding {@code va}, replacing an entry for the same
     * page and tag, else a free slot, else the least recently used one.
     *
     * @return the slot now holding it
     */
    public int fill(long va, long leafPhysicalAddress, long size, int entryTag, boolean isGlobal, int leafLevel,
                     MappingFlags effectiveFlags) {
        if (size <= 0 || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("a TLB entry size must be a power of two, not " + Hex.of(size));
        }
        long mask = size - 1;
        long pageBase = va & ~mask;
        int victim = slotFor(pageBase, mask, entryTag, isGlobal);
        if (valid[victim] && !(base[victim] == pageBase && sizeMask[victim] == mask && tag[victim] == entryTag)) {
            evictions++;
        }
        valid[victim] = true;
        base[victim] = pageBase;
        sizeMask[victim] = mask;
        physical[victim] = leafPhysicalAddress & ~mask;
        tag[victim] = entryTag;
        global[victim] = isGlobal;
        level[victim] = leafLevel;
        flags[victim] = effectiveFlags;
        dirty[victim] = false;
        lastUse[victim] = ++clock;
        fills++;
        return victim;
    }

    /** Whether the hardware already set the leaf's dirty flag through this entry (a write since the fill). */
    public boolean isDirty(int slot) {
        return dirty[slot];
    }

    public void markDirty(int slot) {
        dirty[slot] = true;
    }

    /** The same page's entry, else a free slot, else the least recently used entry. */
    private int slotFor(long pageBase, long mask, int entryTag, boolean isGlobal) {
        int free = -1;
        int oldest = 0;
        for (int i = 0; i < capacity; i++) {
            if (!valid[i]) {
                free = free < 0 ? i : free;
            } else if (base[i] == pageBase && sizeMask[i] == mask && tag[i] == entryTag && global[i] == isGlobal) {
                return i;
            } else if (lastUse[i] < lastUse[oldest] || !valid[oldest]) {
                oldest = i;
            }
        }
        return free >= 0 ? free : oldest;
    }

    @Override
    public void dropPage(long va, int dropTag, boolean anyTag, boolean includeGlobal) {
        pageInvalidations++;
        for (int i = 0; i < capacity; i++) {
            if (valid[i] && (va & ~sizeMask[i]) == base[i]
                    && (global[i] ? includeGlobal : (anyTag || tag[i] == dropTag))) {
                drop(i);
            }
        }
    }

    @Override
    public void dropTag(int dropTag, boolean includeGlobal) {
        tagInvalidations++;
        for (int i = 0; i < capacity; i++) {
            if (valid[i] && (global[i] ? includeGlobal : tag[i] == dropTag)) {
                drop(i);
            }
        }
    }

    @Override
    public void dropAll() {
        fullInvalidations++;
        for (int i = 0; i < capacity; i++) {
            if (valid[i]) {
                drop(i);
            }
        }
    }

    private void drop(int slot) {
        valid[slot] = false;
        flags[slot] = null;
        entriesDropped++;
    }

    /** Valid entries now cached. */
    public int occupancy() {
        int n = 0;
        for (boolean v : valid) {
            n += v ? 1 : 0;
        }
        return n;
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    public long fills() {
        return fills;
    }

    public long evictions() {
        return evictions;
    }

    /** {@link #dropPage} calls. */
    public long pageInvalidations() {
        return pageInvalidations;
    }

    /** {@link #dropTag} calls. */
    public long tagInvalidations() {
        return tagInvalidations;
    }

    /** {@link #dropAll} calls. */
    public long fullInvalidations() {
        return fullInvalidations;
    }

    /** Every invalidation primitive run, of any kind. */
    public long invalidations() {
        return pageInvalidations + tagInvalidations + fullInvalidations;
    }

    public long entriesDropped() {
        return entriesDropped;
    }

    @Override
    public String toString() {
        return "TLB " + occupancy() + "/" + capacity + " entries, " + hits + " hits, " + misses + " misses, invalidations: "
                + pageInvalidations + " page, " + tagInvalidations + " tag, " + fullInvalidations + " full";
    }
}
