package io.pagoda.paging.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.UnmapCallback;
import io.pagoda.paging.testlib.TlbCoherenceCheck;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Seed defect 10: which hierarchy is active was decided once, before the operation, so a switch in
 * between sent an "inactive" operation through the live recursive window into another hierarchy's
 * tables. Here one thread switches the CPU between two hierarchies as fast as it can while another
 * maps and unmaps through the first; every operation must land in the first hierarchy's own tables,
 * never in the second's.
 */
class ActiveDecisionRaceTest {
    private static final long USER = 0x40_0000L;
    private static final MappingFlags RW = MappingFlags.of(MappingAccessRights.USER_RW);

    @Test
    void operationsLandInTheirOwnHierarchyWhileTheCpuSwitchesUnderThem() throws Exception {
        Machine mmu = Machines.mmu(ToyArchitecture.uniform(), Machine.Options.defaults());
        SwitchableHierarchy first = SwitchableHierarchy.create(mmu, 0);
        SwitchableHierarchy second = SwitchableHierarchy.create(mmu, 0);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread switcher =
                new Thread(
                        () -> {
                            try {
                                while (done.getCount() > 0) {
                                    second.switchTo();
                                    first.switchTo();
                                }
                            } catch (Throwable t) {
                                failure.set(t);
                            }
                        });
        switcher.start();
        try {
            for (int round = 0; round < 400; round++) {
                long va = USER + (round % 16) * 0x1000L;
                long frame = 0x8000_0000L + round * 0x1000L;
                first.withTables(
                        t -> {
                            t.mapContiguous(va, frame, 0x1000, RW, LeafSizePolicy.PAGES_ONLY);
                            return null;
                        });
                long pa = first.withTables(t -> t.translate(va).physicalAddress());
                assertEquals(frame, pa, "round " + round);
                first.withTables(
                        t -> {
                            t.unmap(va, 0x1000, UnmapCallback.NONE);
                            return null;
                        });
            }
            first.withTables(
                    t -> {
                        t.mapContiguous(USER, 0x9000_0000L, 0x1000, RW, LeafSizePolicy.PAGES_ONLY);
                        return null;
                    });
        } finally {
            done.countDown();
            switcher.join();
        }
        assertNull(failure.get());
        assertEquals(
                PageState.AVAILABLE,
                second.withTables(t -> t.translate(USER)).state(),
                "nothing leaked into the other hierarchy");
        assertEquals(0x9000_0000L, first.withTables(t -> t.translate(USER)).physicalAddress());
        mmu.lock().lock();
        try {
            assertTrue(first.isCurrentlyActive() || second.isCurrentlyActive());
            TlbCoherenceCheck.assertCoherent(mmu.cpu());
        } finally {
            mmu.lock().unlock();
        }
    }
}
