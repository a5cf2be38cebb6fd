package io.pagoda.benchmarks;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.SimulatedTlb;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code SimulatedTlb.lookup} alone, on a full TLB of the default 64 entries (64 pages of one tag,
 * and two 2 MiB global entries so that two leaf sizes are present): hits on random entries of it. A
 * scanning TLB pays for the slots before the hit; an indexed one probes one bucket per leaf size.
 * No target of its own: it shows what the TLB contributes to {@link TlbHitBenchmark}.
 */
@State(Scope.Thread)
public class TlbLookupBenchmark extends SuiteDefaults {
    static final int SAMPLES = 1024;

    private SimulatedTlb tlb;
    private long[] addresses;

    @Setup
    public void fullTlb() {
        tlb = new SimulatedTlb();
        MappingFlags flags = MappingFlags.of(MappingAccessRights.KERNEL_RW);
        tlb.fill(0x4000_0000L, 0x8000_0000L, 0x20_0000, 0, true, 2, flags);
        tlb.fill(0x4020_0000L, 0x8020_0000L, 0x20_0000, 0, true, 2, flags);
        int pages = SimulatedTlb.DEFAULT_CAPACITY - 2;
        for (int i = 0; i < pages; i++) {
            tlb.fill(
                    0x7F00_0000_0000L + i * 0x1000L,
                    0x1000_0000L + i * 0x1000L,
                    0x1000,
                    1,
                    false,
                    3,
                    flags);
        }
        SplittableRandom random = new SplittableRandom(7);
        addresses = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            addresses[i] =
                    0x7F00_0000_0000L + random.nextInt(pages) * 0x1000L + random.nextInt(0x1000);
            if (tlb.probe(addresses[i], 1) < 0) {
                throw new IllegalStateException(
                        "the TLB does not hold " + Long.toHexString(addresses[i]));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long lookupHit() {
        long sum = 0;
        for (long va : addresses) {
            sum += tlb.physicalAddress(tlb.lookup(va, 1), va);
        }
        return sum;
    }
}
