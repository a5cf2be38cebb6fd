package io.pagoda.paging.machine;

import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.testlib.FaultInjectingFrameAllocator;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.List;

/** Toy machines on fresh simulated memory, for the MMU tests. */
public final class Machines {
    public static final long FRAMES_BASE = 0x100_0000L;

    /** A direct-map base in toy-uniform's kernel half (top-level entry 300). */
    public static final long UNIFORM_DIRECT_MAP = 0xFFFF_FFCB_0000_0000L;

    private Machines() {}

    public static Machine mmu(Architecture architecture, Machine.Options options) {
        return mmu(architecture, options, 8192);
    }

    public static Machine mmu(Architecture architecture, Machine.Options options, long frames) {
        SparseMemory memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
        FaultInjectingFrameAllocator allocator =
                new FaultInjectingFrameAllocator(
                        new BitmapFrameAllocator(FRAMES_BASE, frames, 4096));
        if (options.directMapFirst() == -1) {
            options = options.withDirectMapRange(FRAMES_BASE, frames * 4096);
        }
        return new Machine(architecture, memory, allocator, options);
    }

    /** toy-uniform with a direct map at {@link #UNIFORM_DIRECT_MAP}. */
    public static Architecture uniformWithDirectMap() {
        return withLayout(
                ToyArchitecture.uniform(),
                ToyArchitecture.uniform().layout().withDirectMapBase(UNIFORM_DIRECT_MAP));
    }

    /** An architecture as {@code base} but with another layout. */
    public static Architecture withLayout(Architecture base, AddressLayout layout) {
        return new Architecture() {
            @Override
            public String name() {
                return base.name() + "-relaid";
            }

            @Override
            public String description() {
                return base.description() + " with layout " + layout;
            }

            @Override
            public List<TranslationRoot> roots() {
                return base.roots();
            }

            @Override
            public int physicalAddressBits() {
                return base.physicalAddressBits();
            }

            @Override
            public AddressLayout layout() {
                return layout;
            }

            @Override
            public TlbInstructions tlbInstructions() {
                return base.tlbInstructions();
            }

            @Override
            public int tagBits() {
                return base.tagBits();
            }
        };
    }
}
