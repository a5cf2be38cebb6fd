package io.pagoda.paging.cpu;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.TlbMaintenance;
import java.util.Arrays;

/**
 * A translation lookaside buffer with a fixed number of entries, least-recently-used replacement,
 * entries of any leaf size (a 2 MiB entry answers every address inside it), global entries and
 * address-space tags (PCID, ASID). Like the hardware it keeps serving a cached translation until an
 * invalidation removes it, so a missing flush shows up as a wrong translation.
 *
 * <p>Entries live in parallel primitive arrays, one slot each. A lookup scans no slots: an index
 * hashes each entry by its page (first address and size) into a bucket chained through the slots,
 * so a lookup probes one bucket per leaf size present (usually one or two). Ages are a clock: a hit
 * only stamps its slot, and a fill that must evict finds the least recently used entry through a
 * heap whose keys catch up with the stamps lazily, so a hit writes no shared structure and a fill
 * scans no slots. When several entries would match (a page entry inside a cached block, a global
 * and a tagged entry), the lowest slot answers, as a scan in slot order would. A lookup allocates
 * nothing.
 *
 * <p>Not thread-safe: the CPU that owns it is used under one lock. A lookup, though, changes
 * nothing but a slot's stamp and the hit count, so a reader that validates afterwards (the address
 * space's optimistic TLB hit) may run it beside other readers: then stamps and counts may lose an
 * update, never the structure.
 */
public final class SimulatedTlb implements TlbMaintenance {
    /** The default number of entries, about a first-level data TLB. */
    public static final int DEFAULT_CAPACITY = 64;

    private static final int NONE = -1;

    private final int capacity;
    private final boolean[] valid;
    private final long[] base;
    private final long[] sizeMask;
    private final long[] physical;
    private final int[] tag;
    private final boolean[] global;
    private final int[] level;
    private final MappingFlags[] flags;
    private final int[] rights;
    private final boolean[] dirty;
    private int occupancy;

    // the page index: bucket heads, and each valid slot's neighbours in its bucket's chain
    private final int[] buckets;
    private final int bucketShift;
    private final int[] bucketOf;
    private final int[] chainPrevious;
    private final int[] chainNext;

    // the leaf sizes (as offset masks) of the valid entries, each with how many entries have it
    private final long[] sizeMasks = new long[Long.SIZE];
    private final int[] sizeUsers = new int[Long.SIZE];
    private int sizeCount;

    // ages: each slot's last use on a clock; a min-heap of the valid slots keyed by a stamp that
    // may lag the slot's last use (a hit only stamps), caught up when the slot reaches the top
    private final long[] lastUse;
    private long clock;
    private final int[] heap;
    private final int[] heapPosition;
    private final long[] heapKey;
    private int heapSize;

    // free slots are a bit set so that the lowest one is reused first
    private final long[] free;

    private long hits;
    private long misses;
    private long fills;
    private long evictions;
    private long pageInvalidations;
    private long tagInvalidations;
    private long fullInvalidations;
    private long entriesDropped;

    /** An empty TLB of {@link #DEFAULT_CAPACITY} entries. */
    public SimulatedTlb() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * An empty TLB of {@code capacity} entries.
     *
     * @param capacity how many translations it holds, 1 to 2^24
     * @throws IllegalArgumentException when {@code capacity} is outside 1..2^24
     */
    public SimulatedTlb(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a TLB needs at least one entry, not " + capacity);
        }
        if (capacity > 1 << 24) {
            throw new IllegalArgumentException(
                    "a TLB of " + capacity + " entries is beyond any hardware; give at most 2^24");
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
        rights = new int[capacity];
        dirty = new boolean[capacity];
        // at least two buckets per slot keeps chains at about one entry
        int bucketBits = Math.max(4, 33 - Integer.numberOfLeadingZeros(capacity));
        buckets = new int[1 << bucketBits];
        Arrays.fill(buckets, NONE);
        bucketShift = Long.SIZE - bucketBits;
        bucketOf = new int[capacity];
        chainPrevious = new int[capacity];
        chainNext = new int[capacity];
        lastUse = new long[capacity];
        heap = new int[capacity];
        heapPosition = new int[capacity];
        heapKey = new long[capacity];
        free = new long[(capacity + Long.SIZE - 1) / Long.SIZE];
        for (int slot = 0; slot < capacity; slot++) {
            free[slot >>> 6] |= 1L << slot;
        }
    }

    /**
     * How many entries the TLB has; slots are numbered 0 to capacity - 1.
     *
     * @return the number of entries, valid or not
     */
    public int capacity() {
        return capacity;
    }

    /**
     * The slot caching {@code va} for {@code currentTag} (global entries match every tag), or -1 on
     * a miss. Counts a hit or a miss and refreshes the entry's age.
     *
     * @param va the virtual address looked up
     * @param currentTag the address-space tag the CPU runs under now (0 when untagged)
     * @return the slot of the matching entry, the lowest one when several match, or -1
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

    /**
     * Like {@link #lookup} without counting or ageing: for checks that must not disturb the TLB.
     *
     * @param va the virtual address looked up
     * @param currentTag the address-space tag to match (global entries match every tag)
     * @return the slot of the matching entry, the lowest one when several match, or -1
     */
    public int probe(long va, int currentTag) {
        return find(va, currentTag);
    }

    /**
     * Counts a hit on {@code slot} and makes it the most recently used, as {@link #lookup} does for
     * the slot it finds: for a caller that {@link #probe probed} first and then used the entry.
     *
     * @param slot a valid slot, as {@link #probe} returned it
     */
    public void touch(int slot) {
        hits++;
        lastUse[slot] = ++clock;
    }

    /**
     * The lowest slot whose entry holds {@code va} for {@code currentTag}: one bucket per leaf size
     * present.
     */
    private int find(long va, int currentTag) {
        int found = NONE;
        // at most capacity steps per chain: under the lock chains never loop, and an optimistic
        // reader racing a fill must not spin on a half-relinked one (it validates and retries)
        int sizes = Math.min(sizeCount, Long.SIZE);
        for (int size = 0; size < sizes; size++) {
            long mask = sizeMasks[size];
            long pageBase = va & ~mask;
            int steps = 0;
            for (int i = buckets[bucket(pageBase, mask)];
                    i != NONE && steps++ < capacity;
                    i = chainNext[i]) {
                if (base[i] == pageBase
                        && sizeMask[i] == mask
                        && (global[i] || tag[i] == currentTag)
                        && (found == NONE || i < found)) {
                    found = i;
                }
            }
        }
        return found;
    }

    private int bucket(long pageBase, long mask) {
        return (int) (((pageBase ^ (mask << 40)) * 0x9E3779B97F4A7C15L) >>> bucketShift);
    }

    /**
     * The physical address {@code va} translates to through the entry in {@code slot}.
     *
     * @param slot a valid slot, as {@link #lookup} returned it
     * @param va a virtual address inside the entry
     * @return the entry's physical base with {@code va}'s offset inside the entry added
     */
    public long physicalAddress(int slot, long va) {
        return physical[slot] | (va & sizeMask[slot]);
    }

    /**
     * First virtual address of the entry in {@code slot}.
     *
     * @param slot a slot, 0 to capacity - 1
     * @return the virtual address the entry starts at, aligned to its size
     */
    public long base(int slot) {
        return base[slot];
    }

    /**
     * The size of the leaf the entry in {@code slot} caches.
     *
     * @param slot a slot, 0 to capacity - 1
     * @return the entry's span in bytes, a power of two (a page or block size)
     */
    public long size(int slot) {
        return sizeMask[slot] + 1;
    }

    /**
     * The physical address the entry in {@code slot} maps its first virtual address to.
     *
     * @param slot a slot, 0 to capacity - 1
     * @return the leaf's physical base, aligned to {@link #size(int)}
     */
    public long leafPhysicalAddress(int slot) {
        return physical[slot];
    }

    /**
     * The address-space tag the entry in {@code slot} was cached under.
     *
     * @param slot a slot, 0 to capacity - 1
     * @return the tag (0 untagged; not meaningful for a global entry)
     */
    public int tag(int slot) {
        return tag[slot];
    }

    /**
     * Whether the entry in {@code slot} is global: it matches every tag and survives root loads.
     *
     * @param slot a slot, 0 to capacity - 1
     * @return true for a global entry
     */
    public boolean isGlobal(int slot) {
        return global[slot];
    }

    /**
     * The level of the leaf the entry in {@code slot} caches.
     *
     * @param slot a slot, 0 to capacity - 1
     * @return the leaf's level, 0 = top
     */
    public int level(int slot) {
        return level[slot];
    }

    /**
     * The effective flags cached with the translation.
     *
     * @param slot a valid slot
     * @return the flags the walk found (rights combined over every level)
     */
    public MappingFlags flags(int slot) {
        return flags[slot];
    }

    /**
     * The effective rights cached with the translation, as bits: what a hit checks, one array read.
     *
     * @param slot a valid slot
     * @return the rights bits of {@link #flags(int)}
     */
    public int rights(int slot) {
        return rights[slot];
    }

    /**
     * Whether {@code slot} holds a translation.
     *
     * @param slot a slot, 0 to capacity - 1
     * @return true when the slot is filled and not dropped since
     */
    public boolean isValid(int slot) {
        return valid[slot];
    }

    /**
     * Caches a translation of the leaf of {@code size} bytes holding {@code va}, replacing an entry
     * for the same page and tag, else the lowest free slot, else the least recently used one.
     *
     * @param va a virtual address inside the leaf
     * @param leafPhysicalAddress the physical address of the leaf (low bits inside the leaf are
     *     ignored)
     * @param size the leaf's span in bytes, a power of two
     * @param entryTag the tag to cache it under (0 for a global entry or untagged)
     * @param isGlobal whether the entry matches every tag and survives root loads
     * @param leafLevel the leaf's level, 0 = top
     * @param effectiveFlags the flags the walk found (rights combined over every level)
     * @return the slot now holding it
     * @throws IllegalArgumentException when {@code size} is no power of two
     */
    public int fill(
            long va,
            long leafPhysicalAddress,
            long size,
            int entryTag,
            boolean isGlobal,
            int leafLevel,
            MappingFlags effectiveFlags) {
        if (size <= 0 || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException(
                    "a TLB entry size must be a power of two, not " + Hex.of(size));
        }
        long mask = size - 1;
        long pageBase = va & ~mask;
        int victim = slotFor(pageBase, mask, entryTag, isGlobal);
        if (valid[victim]) {
            if (!(base[victim] == pageBase
                    && sizeMask[victim] == mask
                    && tag[victim] == entryTag)) {
                evictions++;
            }
            unindex(victim);
        }
        valid[victim] = true;
        base[victim] = pageBase;
        sizeMask[victim] = mask;
        physical[victim] = leafPhysicalAddress & ~mask;
        tag[victim] = entryTag;
        global[victim] = isGlobal;
        level[victim] = leafLevel;
        flags[victim] = effectiveFlags;
        rights[victim] = effectiveFlags.rights().bits();
        dirty[victim] = false;
        index(victim);
        fills++;
        return victim;
    }

    /**
     * Whether the hardware already set the leaf's dirty flag through this entry (a write since the
     * fill).
     *
     * @param slot a slot, 0 to capacity - 1
     * @return true when {@link #markDirty} was called since the slot was last filled
     */
    public boolean isDirty(int slot) {
        return dirty[slot];
    }

    /**
     * Records that a write through the entry in {@code slot} set the leaf's dirty flag.
     *
     * @param slot a valid slot
     */
    public void markDirty(int slot) {
        dirty[slot] = true;
    }

    /** The same page's entry, else the lowest free slot, else the least recently used entry. */
    private int slotFor(long pageBase, long mask, int entryTag, boolean isGlobal) {
        if (sizeUsersOf(mask) > 0) {
            for (int i = buckets[bucket(pageBase, mask)]; i != NONE; i = chainNext[i]) {
                if (base[i] == pageBase
                        && sizeMask[i] == mask
                        && tag[i] == entryTag
                        && global[i] == isGlobal) {
                    return i;
                }
            }
        }
        for (int word = 0; word < free.length; word++) {
            if (free[word] != 0) {
                return word * Long.SIZE + Long.numberOfTrailingZeros(free[word]);
            }
        }
        return leastRecentlyUsed();
    }

    /**
     * The valid slot used longest ago: the heap's top once its key has caught up with its stamp.
     */
    private int leastRecentlyUsed() {
        while (true) {
            int top = heap[0];
            long stamp = lastUse[top];
            if (heapKey[top] == stamp) {
                return top;
            }
            heapKey[top] = stamp;
            siftDown(0);
        }
    }

    private void siftDown(int position) {
        int at = position;
        int slot = heap[at];
        long key = heapKey[slot];
        while (true) {
            int child = 2 * at + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && heapKey[heap[child + 1]] < heapKey[heap[child]]) {
                child++;
            }
            if (heapKey[heap[child]] >= key) {
                break;
            }
            place(heap[child], at);
            at = child;
        }
        place(slot, at);
    }

    private void siftUp(int position) {
        int at = position;
        int slot = heap[at];
        long key = heapKey[slot];
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (heapKey[heap[parent]] <= key) {
                break;
            }
            place(heap[parent], at);
            at = parent;
        }
        place(slot, at);
    }

    private void place(int slot, int position) {
        heap[position] = slot;
        heapPosition[slot] = position;
    }

    private int sizeUsersOf(long mask) {
        for (int size = 0; size < sizeCount; size++) {
            if (sizeMasks[size] == mask) {
                return sizeUsers[size];
            }
        }
        return 0;
    }

    /**
     * Adds a newly filled slot to its bucket, its size's count and the young end of the age order.
     */
    private void index(int slot) {
        int bucket = bucket(base[slot], sizeMask[slot]);
        bucketOf[slot] = bucket;
        chainPrevious[slot] = NONE;
        chainNext[slot] = buckets[bucket];
        if (buckets[bucket] != NONE) {
            chainPrevious[buckets[bucket]] = slot;
        }
        buckets[bucket] = slot;
        countSize(sizeMask[slot]);
        // the newest stamp is the largest key: appended, the heap stays ordered
        long stamp = ++clock;
        lastUse[slot] = stamp;
        heapKey[slot] = stamp;
        place(slot, heapSize++);
        free[slot >>> 6] &= ~(1L << slot);
        occupancy++;
    }

    /** Removes a valid slot from its bucket, its size's count and the age order, and frees it. */
    private void unindex(int slot) {
        int previous = chainPrevious[slot];
        int next = chainNext[slot];
        if (previous == NONE) {
            buckets[bucketOf[slot]] = next;
        } else {
            chainNext[previous] = next;
        }
        if (next != NONE) {
            chainPrevious[next] = previous;
        }
        uncountSize(sizeMask[slot]);
        removeFromHeap(slot);
        free[slot >>> 6] |= 1L << slot;
        occupancy--;
    }

    private void countSize(long mask) {
        for (int size = 0; size < sizeCount; size++) {
            if (sizeMasks[size] == mask) {
                sizeUsers[size]++;
                return;
            }
        }
        sizeMasks[sizeCount] = mask;
        sizeUsers[sizeCount] = 1;
        sizeCount++;
    }

    /**
     * The last entry of a size gone, the last size listed takes its place (callers walk sizes
     * downwards).
     */
    private void uncountSize(long mask) {
        for (int size = 0; size < sizeCount; size++) {
            if (sizeMasks[size] == mask) {
                if (--sizeUsers[size] == 0) {
                    sizeCount--;
                    sizeMasks[size] = sizeMasks[sizeCount];
                    sizeUsers[size] = sizeUsers[sizeCount];
                }
                return;
            }
        }
    }

    private void removeFromHeap(int slot) {
        int at = heapPosition[slot];
        int last = heap[--heapSize];
        if (last != slot) {
            place(last, at);
            siftDown(at);
            siftUp(heapPosition[last]);
        }
    }

    @Override
    public void dropPage(long va, int dropTag, boolean anyTag, boolean includeGlobal) {
        pageInvalidations++;
        // downwards: dropping the last entry of a size moves the last size listed into its place
        for (int size = sizeCount - 1; size >= 0; size--) {
            long mask = sizeMasks[size];
            long pageBase = va & ~mask;
            int i = buckets[bucket(pageBase, mask)];
            while (i != NONE) {
                int next = chainNext[i];
                if (base[i] == pageBase
                        && sizeMask[i] == mask
                        && (global[i] ? includeGlobal : (anyTag || tag[i] == dropTag))) {
                    drop(i);
                }
                i = next;
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
        unindex(slot);
        valid[slot] = false;
        flags[slot] = null;
        entriesDropped++;
    }

    /**
     * Valid entries now cached.
     *
     * @return the number of valid slots
     */
    public int occupancy() {
        return occupancy;
    }

    /**
     * Lookups that found an entry.
     *
     * @return the number of hits counted by {@link #lookup}
     */
    public long hits() {
        return hits;
    }

    /**
     * Lookups that found no entry.
     *
     * @return the number of misses counted by {@link #lookup}
     */
    public long misses() {
        return misses;
    }

    /**
     * Translations cached.
     *
     * @return the number of {@link #fill} calls
     */
    public long fills() {
        return fills;
    }

    /**
     * Valid entries of another page or tag a fill replaced.
     *
     * @return the number of evictions (a refill of the same page and tag is none)
     */
    public long evictions() {
        return evictions;
    }

    /**
     * {@link #dropPage} calls.
     *
     * @return the number of page invalidations run
     */
    public long pageInvalidations() {
        return pageInvalidations;
    }

    /**
     * {@link #dropTag} calls.
     *
     * @return the number of tag invalidations run
     */
    public long tagInvalidations() {
        return tagInvalidations;
    }

    /**
     * {@link #dropAll} calls.
     *
     * @return the number of full invalidations run
     */
    public long fullInvalidations() {
        return fullInvalidations;
    }

    /**
     * Every invalidation primitive run, of any kind.
     *
     * @return the sum of page, tag and full invalidations
     */
    public long invalidations() {
        return pageInvalidations + tagInvalidations + fullInvalidations;
    }

    /**
     * Valid entries removed by invalidations.
     *
     * @return the number of entries every invalidation together dropped
     */
    public long entriesDropped() {
        return entriesDropped;
    }

    @Override
    public String toString() {
        return "TLB "
                + occupancy()
                + "/"
                + capacity
                + " entries, "
                + hits
                + " hits, "
                + misses
                + " misses, invalidations: "
                + pageInvalidations
                + " page, "
                + tagInvalidations
                + " tag, "
                + fullInvalidations
                + " full";
    }
}
