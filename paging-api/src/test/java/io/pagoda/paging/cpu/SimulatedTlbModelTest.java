package io.pagoda.paging.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The indexed TLB against an independent model: the textbook fully-associative TLB that scans every
 * slot in order for a lookup and for a fill (first match wins; same page and tag reused, else the
 * lowest free slot, else the least recently used). Random fills, lookups, probes and every
 * invalidation kind over few pages, sizes and tags, so that blocks overlap pages, global and tagged
 * entries share pages and slots are evicted: after every step the slot returned, every slot's
 * contents and every counter agree.
 */
class SimulatedTlbModelTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);
    private static final long[] SIZES = {0x1000, 0x1_0000, 0x20_0000, 0x4000_0000};

    /** The scanning reference: slot order decides, ages are a clock. */
    private static final class ScanningTlb {
        final boolean[] valid;
        final long[] base;
        final long[] mask;
        final int[] tag;
        final boolean[] global;
        final long[] lastUse;
        long clock;
        long hits;
        long misses;
        long evictions;
        long dropped;

        ScanningTlb(int capacity) {
            valid = new boolean[capacity];
            base = new long[capacity];
            mask = new long[capacity];
            tag = new int[capacity];
            global = new boolean[capacity];
            lastUse = new long[capacity];
        }

        int find(long va, int currentTag) {
            for (int i = 0; i < valid.length; i++) {
                if (valid[i] && (va & ~mask[i]) == base[i] && (global[i] || tag[i] == currentTag)) {
                    return i;
                }
            }
            return -1;
        }

        int lookup(long va, int currentTag) {
            int slot = find(va, currentTag);
            if (slot < 0) {
                misses++;
            } else {
                hits++;
                lastUse[slot] = ++clock;
            }
            return slot;
        }

        int fill(long va, long size, int entryTag, boolean isGlobal) {
            long m = size - 1;
            long pageBase = va & ~m;
            int victim = -1;
            for (int i = 0; i < valid.length && victim < 0; i++) {
                if (valid[i]
                        && base[i] == pageBase
                        && mask[i] == m
                        && tag[i] == entryTag
                        && global[i] == isGlobal) {
                    victim = i;
                }
            }
            for (int i = 0; i < valid.length && victim < 0; i++) {
                if (!valid[i]) {
                    victim = i;
                }
            }
            if (victim < 0) {
                victim = 0;
                for (int i = 1; i < valid.length; i++) {
                    victim = lastUse[i] < lastUse[victim] ? i : victim;
                }
            }
            if (valid[victim]
                    && !(base[victim] == pageBase
                            && mask[victim] == m
                            && tag[victim] == entryTag)) {
                evictions++;
            }
            valid[victim] = true;
            base[victim] = pageBase;
            mask[victim] = m;
            tag[victim] = entryTag;
            global[victim] = isGlobal;
            lastUse[victim] = ++clock;
            return victim;
        }

        void dropWhere(IntPredicate which) {
            for (int i = 0; i < valid.length; i++) {
                if (valid[i] && which.test(i)) {
                    valid[i] = false;
                    dropped++;
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 64, 100})
    void agreesWithAScanningTlbOverRandomOperations(int capacity) {
        SplittableRandom random = new SplittableRandom(capacity * 7919L);
        SimulatedTlb tlb = new SimulatedTlb(capacity);
        ScanningTlb model = new ScanningTlb(capacity);
        for (int step = 0; step < 20_000; step++) {
            // addresses over 2 GiB in 4 KiB steps, clustered so that pages repeat
            long va =
                    random.nextInt(4) * 0x4000_0000L
                            + random.nextInt(4) * 0x20_0000L
                            + random.nextInt(24) * 0x1000L
                            + random.nextInt(0x1000);
            int currentTag = random.nextInt(3);
            int operation = random.nextInt(100);
            String where =
                    "step " + step + ", operation " + operation + ", va 0x" + Long.toHexString(va);
            if (operation < 40) {
                assertEquals(model.lookup(va, currentTag), tlb.lookup(va, currentTag), where);
            } else if (operation < 50) {
                assertEquals(model.find(va, currentTag), tlb.probe(va, currentTag), where);
            } else if (operation < 85) {
                long size = SIZES[random.nextInt(SIZES.length)];
                boolean global = random.nextInt(4) == 0;
                int entryTag = global ? random.nextInt(3) : currentTag;
                int expected = model.fill(va, size, entryTag, global);
                assertEquals(
                        expected,
                        tlb.fill(
                                va,
                                0x8000_0000L + (va & ~(size - 1)),
                                size,
                                entryTag,
                                global,
                                1,
                                RW),
                        where);
            } else if (operation < 95) {
                boolean anyTag = random.nextBoolean();
                boolean includeGlobal = random.nextBoolean();
                model.dropWhere(
                        i ->
                                (va & ~model.mask[i]) == model.base[i]
                                        && (model.global[i]
                                                ? includeGlobal
                                                : (anyTag || model.tag[i] == currentTag)));
                tlb.dropPage(va, currentTag, anyTag, includeGlobal);
            } else if (operation < 99) {
                boolean includeGlobal = random.nextBoolean();
                model.dropWhere(i -> model.global[i] ? includeGlobal : model.tag[i] == currentTag);
                tlb.dropTag(currentTag, includeGlobal);
            } else {
                model.dropWhere(i -> true);
                tlb.dropAll();
            }
            int occupied = 0;
            for (int i = 0; i < capacity; i++) {
                assertEquals(model.valid[i], tlb.isValid(i), where + ", slot " + i);
                if (model.valid[i]) {
                    occupied++;
                    assertEquals(model.base[i], tlb.base(i), where + ", slot " + i);
                    assertEquals(model.mask[i] + 1, tlb.size(i), where + ", slot " + i);
                    assertEquals(model.tag[i], tlb.tag(i), where + ", slot " + i);
                    assertEquals(model.global[i], tlb.isGlobal(i), where + ", slot " + i);
                    assertEquals(
                            0x8000_0000L + model.base[i],
                            tlb.leafPhysicalAddress(i),
                            where + ", slot " + i);
                }
            }
            assertEquals(occupied, tlb.occupancy(), where);
            assertEquals(model.hits, tlb.hits(), where);
            assertEquals(model.misses, tlb.misses(), where);
            assertEquals(model.evictions, tlb.evictions(), where);
            assertEquals(model.dropped, tlb.entriesDropped(), where);
        }
    }

    @Test
    void aCapacityBeyondAnyHardwareIsRefused() {
        // the page index has at least two buckets per slot; 2^24 entries is far beyond any real TLB
        assertThrows(IllegalArgumentException.class, () -> new SimulatedTlb((1 << 24) + 1));
        assertThrows(IllegalArgumentException.class, () -> new SimulatedTlb(0));
        assertEquals(1 << 10, new SimulatedTlb(1 << 10).capacity());
    }
}
