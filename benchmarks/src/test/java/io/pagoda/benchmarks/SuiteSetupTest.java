package io.pagoda.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each benchmark, run once outside JMH, does the work its summary line claims: the mapped GiB
 * translates page for page to the contiguous frames, blocks are the smallest block size,
 * single-page calls leave the state the next invocation expects. Untimed: timing is JMH's job.
 */
class SuiteSetupTest {
    private static final Blackhole HOLE =
            new Blackhole(
                    "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    static Iterable<String> variants() {
        return PagingBench.VARIANTS;
    }

    @ParameterizedTest
    @MethodSource("variants")
    void theGiBIsMappedToContiguousFramesAndUnmappedAgain(String variant) {
        MapPagesBenchmark map = new MapPagesBenchmark();
        map.variant = variant;
        map.freshTables();
        map.mapGiB(HOLE);
        PagingBench bench = field(map);
        long page = bench.pageSize();
        for (long offset = 0; offset < PagingBench.GIB; offset += 4099 * page) {
            assertEquals(
                    PagingBench.DATA_BASE + offset + 8,
                    bench.tables.translateAddress(PagingBench.VA + offset + 8));
        }
        assertEquals(-1, bench.tables.translateAddress(PagingBench.VA + PagingBench.GIB));
        int last = bench.geometry.lastLevel();
        long lastLevelTables = PagingBench.GIB / page / bench.geometry.entryCount(last);
        // simulated memory holds only the 4 KiB frames written: one for each table above (its
        // entries for the
        // GiB are neighbours), every frame of each last-level table
        assertEquals(
                last + lastLevelTables * (bench.geometry.level(last).tableBytes() / 4096),
                bench.memory.touchedFrames(),
                "one frame per table above the last level, then whole last-level tables");
        bench.unmap(PagingBench.VA, PagingBench.GIB);
        assertEquals(-1, bench.tables.translateAddress(PagingBench.VA + 5 * page));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void theBlocksAreTheSmallestBlockSize(String variant) {
        PagingBench bench = new PagingBench(variant);
        bench.mapSmallestBlocks(PagingBench.VA, bench.blockWorkBytes());
        long block = bench.smallestBlock();
        long last = PagingBench.VA + bench.blockWorkBytes() - block;
        for (long va : new long[] {PagingBench.VA, PagingBench.VA + block, last}) {
            assertEquals(
                    block,
                    bench.tables.translate(va).size(),
                    "leaf size at 0x" + Long.toHexString(va));
            assertEquals(
                    PagingBench.DATA_BASE + block + (va - PagingBench.VA),
                    bench.tables.translateAddress(va));
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void theWalkBaselineTranslatesLikeTheTables(String variant) {
        TranslateBenchmark translate = new TranslateBenchmark();
        translate.variant = variant;
        translate.mappedGiB(); // checks every sampled address against both
        assertEquals(translate.translateRandom(), translate.dependentReadChain());
    }

    @ParameterizedTest
    @MethodSource("variants")
    void singlePageCallsLeaveTheStateTheNextInvocationExpects(String variant) {
        SinglePageBenchmark outer = new SinglePageBenchmark();
        outer.variant = variant;
        SinglePageBenchmark.EmptyTables empty = new SinglePageBenchmark.EmptyTables();
        empty.tables(outer);
        int tablesBefore = empty.bench.memory.touchedFrames();
        outer.mapOnePage(empty);
        assertEquals(
                PagingBench.DATA_BASE + 3 * empty.page,
                empty.bench.tables.translateAddress(PagingBench.VA + 3 * empty.page));
        assertEquals(tablesBefore, empty.bench.memory.touchedFrames(), "into existing tables");
        empty.unmapped();
        outer.mapOnePage(empty);

        SinglePageBenchmark.MappedPages mapped = new SinglePageBenchmark.MappedPages();
        mapped.tables(outer);
        mapped.mapped();
        outer.unmapOnePage(mapped);
        assertEquals(
                -1,
                mapped.bench.tables.translateAddress(
                        PagingBench.VA + (SinglePageBenchmark.CALLS - 1) * mapped.page));
        mapped.mapped();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void everyTimedReadIsATlbHit(String variant) {
        TlbHitBenchmark tlb = new TlbHitBenchmark();
        tlb.variant = variant;
        tlb.space(); // fails unless a second pass over the pages misses nothing
        assertEquals(tlb.lockedArrayRead(), tlb.readLongTlbHit());
        tlb.everyReadHit();
    }

    private static PagingBench field(MapPagesBenchmark map) {
        try {
            Field field = MapPagesBenchmark.class.getDeclaredField("bench");
            field.setAccessible(true);
            return (PagingBench) field.get(map);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
