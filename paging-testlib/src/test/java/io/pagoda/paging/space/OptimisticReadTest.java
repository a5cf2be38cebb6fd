package io.pagoda.paging.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.PageFaultException;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * TLB hits read without the lock and validate afterwards: they count and age as locked hits do, and
 * a reader racing remaps never sees a translation older than one already made.
 */
class OptimisticReadTest {
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.KERNEL_RW);
    private static final long VA = 0x4000_0000L;
    private static final long FRAMES = 0x80_0000L;
    private static final int FRAME_COUNT = 4;

    private static AddressSpace space(SparseMemory memory) {
        Machine mmu =
                new Machine(
                        ToyArchitecture.uniform(),
                        memory,
                        new BitmapFrameAllocator(0x100_0000L, 4096, 4096),
                        Machine.Options.defaults());
        return AddressSpace.bootstrap(mmu);
    }

    @Test
    void aLockFreeHitCountsAndAgesLikeALockedOne() {
        SparseMemory memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
        AddressSpace space = space(memory);
        memory.writeLong(FRAMES + 8, 0x1122_3344_5566_7788L);
        space.mapPhysical(VA, FRAMES, 0x1000, RW, LeafSizePolicy.PAGES_ONLY);
        long hitsBefore = space.cpu().tlb().hits();
        long missesBefore = space.cpu().tlb().misses();
        assertEquals(0x1122_3344_5566_7788L, space.readLong(VA + 8), "the miss walks, locked");
        assertEquals(0x1122_3344_5566_7788L, space.readLong(VA + 8), "the hit reads lock-free");
        assertEquals(missesBefore + 1, space.cpu().tlb().misses());
        assertEquals(hitsBefore + 1, space.cpu().tlb().hits());
        assertTrue(space.mmu().lock().tryOptimisticRead() != 0, "no read left the lock held");
    }

    @Test
    void aHitThatWouldFaultStillFaultsUnderTheLock() {
        SparseMemory memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
        AddressSpace space = space(memory);
        space.mapPhysical(VA, FRAMES, 0x1000, RW, LeafSizePolicy.PAGES_ONLY);
        space.readLong(VA);
        // a user read of a kernel page: the cached entry is there, the lock-free path must not
        // answer it
        PageFaultException fault =
                assertThrows(PageFaultException.class, () -> space.cpu().readLong(VA, true));
        assertEquals(FaultType.PROTECTION, fault.faultType());
        assertTrue(fault.user());
        assertTrue(fault.getMessage().contains("a supervisor-only page"), fault.getMessage());
    }

    @Test
    void readersRacingRemapsNeverSeeAnOlderMapping() throws Exception {
        SparseMemory memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
        AddressSpace space = space(memory);
        for (int f = 0; f < FRAME_COUNT; f++) {
            // every frame exists before the threads start: only its words change while they run
            memory.writeLong(FRAMES + f * 0x1000L, 0);
        }
        AtomicLong mapped = new AtomicLong();
        int generations = 3000;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(
                        pool.submit(
                                () -> {
                                    long reads = 0;
                                    while (mapped.get() < generations) {
                                        long floor = mapped.get();
                                        try {
                                            long seen = space.readLong(VA);
                                            if (seen < floor) {
                                                throw new AssertionError(
                                                        "read generation "
                                                                + seen
                                                                + " after "
                                                                + floor
                                                                + " was mapped");
                                            }
                                            reads++;
                                        } catch (PageFaultException unmappedMeanwhile) {
                                            // the writer unmaps between generations
                                        }
                                    }
                                    return reads;
                                }));
            }
            Future<?> writer =
                    pool.submit(
                            () -> {
                                for (long g = 1; g <= generations; g++) {
                                    // frames are reused: a stale translation would read a newer
                                    // or an older generation's frame
                                    long frame = FRAMES + (g % FRAME_COUNT) * 0x1000;
                                    memory.writeLong(frame, g);
                                    space.mapPhysical(
                                            VA, frame, 0x1000, RW, LeafSizePolicy.PAGES_ONLY);
                                    mapped.set(g);
                                    space.readLong(VA);
                                    space.unmap(VA, 0x1000);
                                    memory.writeLong(frame, 0);
                                }
                                return null;
                            });
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Long> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
