package io.pagoda.paging.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The seqlock rules an optimistic reader relies on. */
class MachineLockTest {
    @Test
    void aStampStaysValidWhileNobodyTakesTheLock() {
        MachineLock lock = new MachineLock();
        long stamp = lock.tryOptimisticRead();
        assertNotEquals(0, stamp);
        assertTrue(lock.validate(stamp));
        assertTrue(lock.validate(stamp), "validating twice changes nothing");
    }

    @Test
    void noStampWhileHeldAndNoneSurvivesALockedSection() {
        MachineLock lock = new MachineLock();
        long before = lock.tryOptimisticRead();
        lock.lock();
        try {
            assertEquals(0, lock.tryOptimisticRead(), "a holder may be writing");
            assertFalse(lock.validate(before));
        } finally {
            lock.unlock();
        }
        assertFalse(lock.validate(before), "the holder may have changed what the stamp saw");
        long after = lock.tryOptimisticRead();
        assertNotEquals(0, after);
        assertNotEquals(before, after);
        assertFalse(lock.validate(0), "0 is no stamp");
    }

    @Test
    void onlyTheOutermostAcquisitionAndReleaseMoveTheSequence() {
        MachineLock lock = new MachineLock();
        long before = lock.tryOptimisticRead();
        lock.lock();
        lock.lock();
        lock.unlock();
        assertEquals(0, lock.tryOptimisticRead(), "still held once");
        lock.unlock();
        long after = lock.tryOptimisticRead();
        assertEquals(before + 2, after, "one odd step in, one even step out");
    }

    @Test
    void everyWayOfTakingTheLockInvalidatesStamps() throws Exception {
        MachineLock lock = new MachineLock();
        long stamp = lock.tryOptimisticRead();
        assertTrue(lock.tryLock());
        lock.unlock();
        assertFalse(lock.validate(stamp));
        stamp = lock.tryOptimisticRead();
        assertTrue(lock.tryLock(1, TimeUnit.SECONDS));
        lock.unlock();
        assertFalse(lock.validate(stamp));
        stamp = lock.tryOptimisticRead();
        lock.lockInterruptibly();
        lock.unlock();
        assertFalse(lock.validate(stamp));
    }
}
