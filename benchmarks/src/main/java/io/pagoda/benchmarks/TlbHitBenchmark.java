package io.pagoda.benchmarks;

import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.space.AddressSpace;
import io.pagoda.paging.spi.Architecture;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A read through {@code AddressSpace.readLong}, with its lock and the simulated MMU, of addresses
 * whose translations the simulated TLB holds: every read is a TLB hit. {@value #PAGES} pages, far
 * fewer than the TLB's entries, read in turn. The baseline takes and releases a {@code
 * ReentrantLock} around one array read, the least a locked, cached read can cost.
 */
@State(Scope.Thread)
public class TlbHitBenchmark extends SuiteDefaults {
    static final int PAGES = 16;

    @Param({"x86_64", "x86_64-la57", "i386-pae", "aarch64-4k-48", "aarch64-64k-42"})
    public String variant;

    private AddressSpace space;
    private long[] addresses;
    private final ReentrantLock lock = new ReentrantLock();
    private final long[] cached = new long[PAGES];

    @Setup
    public void space() {
        Architecture architecture = PagingBench.architecture(variant);
        long page = architecture.roots().get(0).geometry().pageSize();
        space =
                AddressSpace.create(
                        architecture,
                        new SparseMemory(architecture.physicalAddressBits()),
                        new BitmapFrameAllocator(PagingBench.TABLE_BASE, 4096, page));
        long va = space.findFreeSpace(PAGES * page, page).orElseThrow();
        space.map(va, PAGES * page, PagingBench.FLAGS);
        addresses = new long[PAGES];
        for (int i = 0; i < PAGES; i++) {
            addresses[i] = va + i * page + 8L * i;
            space.writeLong(addresses[i], i);
            cached[i] = i;
        }
        readAll();
        long missesBefore = space.cpu().tlb().misses();
        readAll();
        if (space.cpu().tlb().misses() != missesBefore) {
            throw new IllegalStateException(
                    "the benchmark's pages do not all stay in the TLB: " + space.cpu().tlb());
        }
    }

    @TearDown
    public void everyReadHit() {
        if (space.cpu().tlb().hits() == 0) {
            throw new IllegalStateException("no TLB hit: " + space.cpu().tlb());
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long readLongTlbHit() {
        return readAll();
    }

    private long readAll() {
        long sum = 0;
        for (long va : addresses) {
            sum += space.readLong(va);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public long lockedArrayRead() {
        long sum = 0;
        for (int i = 0; i < PAGES; i++) {
            lock.lock();
            try {
                sum += cached[i];
            } finally {
                lock.unlock();
            }
        }
        return sum;
    }
}
