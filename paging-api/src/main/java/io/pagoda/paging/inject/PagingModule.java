package io.pagoda.paging.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TranslationRoot;
import org.jspecify.annotations.Nullable;

/**
 * The Guice wiring of a simulated machine: the {@link Architecture} chosen by name, {@link
 * SparseMemory} as wide as its physical addresses, a {@link BitmapFrameAllocator} of its smallest
 * page size, and a booted {@link Machine} over them with {@link Machine.Options#defaults()}.
 * Callers replace any piece with {@code Modules.override(new PagingModule("x86_64")).with(...)}.
 */
// Guice stays an optional dependency (requires static): whoever uses this module adds Guice
// themselves
@SuppressWarnings("exports")
public final class PagingModule extends AbstractModule {
    /**
     * Where the default allocator's frames start: clear of the zero page and of low firmware
     * ranges.
     */
    public static final long FRAMES_BASE = 0x100_0000L;

    /** How many frames the default allocator hands out at most. */
    public static final long MAX_FRAMES = 1L << 15;

    private final String name;
    private final @Nullable Architecture given;

    /**
     * Binds the architecture the registry finds under {@code architectureName} (name or alias).
     *
     * @param architectureName the architecture's name or alias, looked up when the injector first
     *     asks for it
     */
    public PagingModule(String architectureName) {
        this.name = architectureName;
        this.given = null;
    }

    /**
     * Binds this architecture instance (one not registered, a configured variant, a test double).
     *
     * @param architecture the architecture the injector hands out
     */
    public PagingModule(Architecture architecture) {
        this.name = architecture.name();
        this.given = architecture;
    }

    @Provides
    @Singleton
    Architecture architecture() {
        return given != null ? given : Architectures.discover().get(name);
    }

    @Provides
    @Singleton
    PhysicalMemory physicalMemory(Architecture architecture) {
        return new SparseMemory(Math.max(12, Math.min(63, architecture.physicalAddressBits())));
    }

    @Provides
    @Singleton
    FrameAllocator frameAllocator(Architecture architecture, PhysicalMemory memory) {
        long frameSize = smallestPageSize(architecture);
        long base = Math.max(FRAMES_BASE, frameSize);
        long available = (memory.limit() - base) / frameSize;
        return new BitmapFrameAllocator(base, Math.min(MAX_FRAMES, available), frameSize);
    }

    @Provides
    Machine.Options machineOptions() {
        return Machine.Options.defaults();
    }

    @Provides
    @Singleton
    Machine mmu(
            Architecture architecture,
            PhysicalMemory memory,
            FrameAllocator allocator,
            Machine.Options options) {
        return new Machine(architecture, memory, allocator, options);
    }

    /**
     * The smallest page any root of the architecture maps: the granule of its tables and frames.
     *
     * @param architecture the architecture
     * @return the frame size in bytes: the smallest of its roots' page sizes, each raised to its
     *     largest table
     */
    public static long smallestPageSize(Architecture architecture) {
        long smallest = Long.MAX_VALUE;
        for (TranslationRoot root : architecture.roots()) {
            smallest =
                    Math.min(
                            smallest,
                            Math.max(
                                    root.geometry().pageSize(),
                                    root.geometry().largestTableBytes()));
        }
        return smallest;
    }

    @Override
    public String toString() {
        return "PagingModule(" + name + ")";
    }
}
