package io.pagoda.paging.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.AlreadyMappedException;
import io.pagoda.paging.error.NotMappedException;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.testlib.TlbCoherenceCheck;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads on two address spaces of one machine: each thread owns a slot of virtual pages it
 * maps, writes, reads back, protects and unmaps, while others contend on overlapping shared pages.
 * Invariants are checked during and after: every thread reads back what it wrote, the TLB agrees
 * with the tables, and frames balance.
 */
class AddressSpaceStressTest {
    private static final MappingFlags USER_RW = MappingFlags.of(MappingAccessRights.USER_RW);

    @Test
    void concurrentUseNeverCorruptsTheSpace() throws Exception {
        SparseMemory memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
        BitmapFrameAllocator allocator = new BitmapFrameAllocator(0x100_0000L, 16384, 4096);
        Machine mmu =
                new Machine(
                        ToyArchitecture.uniform(),
                        memory,
                        allocator,
                        Machine.Options.defaults().withTagged(true).withTlbCapacity(32));
        AddressSpace[] spaces = {AddressSpace.bootstrap(mmu), AddressSpace.create(mmu)};
        long baseline = allocator.allocatedCount();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            results.add(
                    pool.submit(
                            () -> {
                                Random random = new Random(id);
                                AddressSpace space = spaces[id % 2];
                                long slot = 0x1000_0000L + id * 0x20_0000L;
                                for (int round = 0; round < 150; round++) {
                                    int pages = 1 + random.nextInt(4);
                                    long va = slot + random.nextInt(64) * 0x1000L;
                                    try {
                                        space.map(va, pages * 0x1000L, USER_RW);
                                    } catch (AlreadyMappedException e) {
                                        continue;
                                    }
                                    long value = ((long) id << 48) | round;
                                    for (int p = 0; p < pages; p++) {
                                        space.writeLong(va + p * 0x1000L + 8, value + p);
                                    }
                                    for (int p = 0; p < pages; p++) {
                                        assertEquals(
                                                value + p,
                                                space.readLong(va + p * 0x1000L + 8),
                                                "thread " + id + " round " + round);
                                    }
                                    if (random.nextBoolean()) {
                                        space.protect(
                                                va,
                                                pages * 0x1000L,
                                                MappingFlags.of(MappingAccessRights.READABLE));
                                    }
                                    // a page shared by every thread of the space: contention on the
                                    // same entries
                                    long shared = 0x2000_0000L + random.nextInt(4) * 0x1000L;
                                    try {
                                        space.map(shared, 0x1000, USER_RW);
                                        space.unmap(shared, 0x1000);
                                    } catch (AlreadyMappedException | NotMappedException e) {
                                        // another thread holds it: fine, the operation changed
                                        // nothing
                                    }
                                    space.unmap(va, pages * 0x1000L);
                                    assertEquals(PageState.AVAILABLE, space.translate(va).state());
                                }
                                return null;
                            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));
        for (Future<?> result : results) {
            result.get();
        }
        for (AddressSpace space : spaces) {
            assertEquals(0, space.ownedFrameCount());
            space.activate();
            TlbCoherenceCheck.assertCoherent(mmu.cpu());
            assertTrue(space.mappings().isEmpty(), space.mappings().toString());
        }
        // only tables were added; reclaiming every user table brings the allocator back to the
        // baseline
        long tables = allocator.allocatedCount() - baseline;
        assertTrue(tables >= 0 && tables < 64, "tables left: " + tables);
    }
}
