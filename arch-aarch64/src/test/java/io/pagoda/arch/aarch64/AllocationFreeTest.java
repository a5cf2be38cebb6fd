package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.EntryFormat;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The per-entry functions of the format allocate nothing (measured with HotSpot's per-thread
 * allocation counter, reached reflectively: the test is compiled inside the module, which does not
 * read java.management).
 */
class AllocationFreeTest {

    @Test
    void perEntryFunctionsDoNotAllocate() throws ReflectiveOperationException {
        Object threads;
        Method allocatedBytes;
        try {
            threads =
                    Class.forName("java.lang.management.ManagementFactory")
                            .getMethod("getThreadMXBean")
                            .invoke(null);
            allocatedBytes =
                    Class.forName("com.sun.management.ThreadMXBean")
                            .getMethod("getThreadAllocatedBytes", long.class);
        } catch (ClassNotFoundException e) {
            assumeTrue(false, "needs HotSpot's allocation counter");
            return;
        }
        assumeTrue(
                allocatedBytes.getDeclaringClass().isInstance(threads),
                "needs HotSpot's allocation counter");
        EntryFormat format = Variants.get("aarch64-64k-48-lpa").roots().get(0).format();
        long template = format.leafTemplate(2, MappingFlags.of(MappingAccessRights.USER_RW));
        long id = Thread.currentThread().getId();
        long sink = exercise(format, template, 1000); // warm up: class loading, first-call paths
        allocatedBytes.invoke(threads, id);
        long before = (Long) allocatedBytes.invoke(threads, id);
        int rounds = 200_000;
        sink += exercise(format, template, rounds);
        long allocated = (Long) allocatedBytes.invoke(threads, id) - before;
        // any allocation per round would cost at least 16 bytes a round; the measurement itself
        // (reflection,
        // JIT-compiled code being installed) costs a few KiB at most
        assertTrue(
                allocated < rounds / 8,
                allocated + " bytes allocated by " + rounds + " rounds (sink " + sink + ")");
    }

    private static long exercise(EntryFormat format, long template, int rounds) {
        long sink = 0;
        for (int i = 0; i < rounds; i++) {
            long pa = (long) i << 16;
            long leaf = format.leafEntry(2, template, pa);
            long table = format.tableEntry(1, pa);
            sink +=
                    format.kind(2, leaf).ordinal()
                            + format.kind(1, table).ordinal()
                            + format.kind(0, format.guardEntry(0)).ordinal();
            sink += format.leafAddress(2, leaf) + format.tableAddress(1, table);
            sink +=
                    format.tableRightsLimit(1, table | (1L << 61))
                            + (format.isGlobal(2, leaf) ? 1 : 0);
            sink += format.needsBreakBeforeMake(2, leaf, leaf ^ 0x80) ? 1 : 0;
        }
        return sink;
    }
}
