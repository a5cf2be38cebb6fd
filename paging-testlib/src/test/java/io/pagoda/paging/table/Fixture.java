package io.pagoda.paging.table;

import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import io.pagoda.paging.testlib.FaultInjectingFrameAllocator;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * A toy hierarchy on fresh simulated memory, with a fault-injecting allocator and a recording
 * flusher.
 */
final class Fixture {
    static final long FRAMES_BASE = 0x100_0000L;

    final ToyArchitecture architecture;
    final SparseMemory memory;
    final BitmapFrameAllocator frames;
    final FaultInjectingFrameAllocator allocator;
    final RecordingFlusher flusher = new RecordingFlusher();
    final TableHierarchy hierarchy;

    Fixture(ToyArchitecture architecture) {
        this(architecture, 4096);
    }

    Fixture(ToyArchitecture architecture, long frameCount) {
        this.architecture = architecture;
        this.memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
        this.frames = new BitmapFrameAllocator(FRAMES_BASE, frameCount, 4096);
        this.allocator = new FaultInjectingFrameAllocator(frames);
        PhysicalTableAccess access =
                new PhysicalTableAccess(memory, architecture.root().geometry());
        long root = TableHierarchy.allocateRoot(architecture.root(), access, allocator);
        this.hierarchy =
                new TableHierarchy(
                        architecture.root(),
                        ToyArchitecture.PHYSICAL_BITS,
                        root,
                        access,
                        allocator,
                        flusher);
    }

    static Fixture unequal() {
        return new Fixture(ToyArchitecture.unequal());
    }

    static Fixture uniform() {
        return new Fixture(ToyArchitecture.uniform());
    }

    /** Everything an all-or-nothing check compares. */
    Snapshot snapshot() {
        return new Snapshot(memory.copy(), frames.allocatedFrames(), flusher.flushes.size());
    }

    record Snapshot(SparseMemory memory, long[] allocated, int flushes) {}

    static final class RecordingFlusher implements PagingCacheFlusher {
        final List<long[]> flushes = new ArrayList<>();
        int fullFlushes;

        @Override
        public void flushRange(long first, long last, boolean global) {
            flushes.add(new long[] {first, last, global ? 1 : 0});
        }

        @Override
        public void flushAll() {
            fullFlushes++;
        }
    }
}
