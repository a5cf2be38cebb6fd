package io.pagoda.paging.machine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The machine's one lock, reentrant, with a sequence that lets a reader go without it: the sequence
 * is odd while a thread holds the lock and moves on at every outermost acquisition and release, so
 * a reader that saw the same even value before and after its reads saw no holder change anything in
 * between (a seqlock). A TLB hit then costs two volatile reads instead of two atomic updates.
 *
 * <p>A reader must treat what it read as a guess until {@link #validate} says yes: it may see a
 * half-made change, so it must not loop on what it reads, must survive any exception it meets, and
 * must write nothing another reader relies on.
 */
public final class MachineLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    private static final VarHandle SEQUENCE;

    static {
        try {
            SEQUENCE =
                    MethodHandles.lookup().findVarHandle(MachineLock.class, "sequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Even when free; starts at 2 so that 0 can mean "no stamp". */
    @SuppressWarnings("unused") // read and written through SEQUENCE
    private volatile long sequence = 2;

    /** A lock whose sequence starts even (free). */
    public MachineLock() {}

    /**
     * A stamp for an optimistic read, or 0 while some thread holds the lock.
     *
     * @return the current even sequence, or 0
     */
    public long tryOptimisticRead() {
        long now = (long) SEQUENCE.getAcquire(this);
        return (now & 1) == 0 ? now : 0;
    }

    /**
     * Whether no thread took the lock since {@code stamp} was issued: the reads made since are a
     * consistent view.
     *
     * @param stamp a stamp from {@link #tryOptimisticRead}
     * @return true when the stamp is non-zero and the sequence has not moved
     */
    public boolean validate(long stamp) {
        // the reads made under the stamp are ordered before the sequence's second read
        VarHandle.acquireFence();
        return stamp != 0 && (long) SEQUENCE.getOpaque(this) == stamp;
    }

    @Override
    public void lock() {
        super.lock();
        entered();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        super.lockInterruptibly();
        entered();
    }

    @Override
    public boolean tryLock() {
        if (super.tryLock()) {
            entered();
            return true;
        }
        return false;
    }

    @Override
    public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
        if (super.tryLock(timeout, unit)) {
            entered();
            return true;
        }
        return false;
    }

    @Override
    public void unlock() {
        if (isHeldByCurrentThread() && getHoldCount() == 1) {
            // every write made under the lock is ordered before the sequence turns even again
            SEQUENCE.setRelease(this, (long) SEQUENCE.getOpaque(this) + 1);
        }
        super.unlock();
    }

    private void entered() {
        if (getHoldCount() == 1) {
            SEQUENCE.setOpaque(this, (long) SEQUENCE.getOpaque(this) + 1);
            // the odd sequence is visible before any write the holder makes next
            VarHandle.storeStoreFence();
        }
    }
}
