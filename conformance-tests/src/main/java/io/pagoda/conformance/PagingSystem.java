package io.pagoda.conformance;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import io.pagoda.paging.testlib.FaultInjectingFrameAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The system under test: one architecture, its memory and allocator as Guice assembled them, and
 * one table hierarchy per root, each with a fresh root table. The allocator is wrapped so tests can
 * inject failures, and the flusher records what operations report.
 */
public final class PagingSystem {
    private final Architecture architecture;
    private final PhysicalMemory memory;
    private final FaultInjectingFrameAllocator allocator;
    private final RecordingFlusher flusher = new RecordingFlusher();
    private final List<TableHierarchy> hierarchies = new ArrayList<>();

    /**
     * A system over this memory and allocator, with a fresh root table per root.
     *
     * @param architecture the variant
     * @param memory the physical memory the tables live in
     * @param allocator the frame allocator, wrapped for fault injection unless it already is
     */
    public PagingSystem(
            Architecture architecture, PhysicalMemory memory, FrameAllocator allocator) {
        this.architecture = architecture;
        this.memory = memory;
        this.allocator =
                allocator instanceof FaultInjectingFrameAllocator injecting
                        ? injecting
                        : new FaultInjectingFrameAllocator(allocator);
        for (TranslationRoot root : architecture.roots()) {
            hierarchies.add(newHierarchy(root));
        }
    }

    /**
     * Assembles the system from a Guice module binding Architecture, PhysicalMemory and
     * FrameAllocator.
     *
     * @param module a Guice module binding Architecture, PhysicalMemory and FrameAllocator
     * @return the system
     */
    public static PagingSystem assemble(Module module) {
        Injector injector = Guice.createInjector(module);
        return new PagingSystem(
                injector.getInstance(Architecture.class),
                injector.getInstance(PhysicalMemory.class),
                injector.getInstance(FrameAllocator.class));
    }

    /**
     * Another hierarchy for {@code root}, with its own root table, sharing this memory and
     * allocator.
     *
     * @param root one of the architecture's roots
     * @return the hierarchy
     */
    public TableHierarchy newHierarchy(TranslationRoot root) {
        PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
        long table = TableHierarchy.allocateRoot(root, access, allocator);
        return new TableHierarchy(
                root, architecture.physicalAddressBits(), table, access, allocator, flusher);
    }

    /**
     * The variant under test.
     *
     * @return the architecture
     */
    public Architecture architecture() {
        return architecture;
    }

    /**
     * The memory the tables live in.
     *
     * @return the memory
     */
    public PhysicalMemory memory() {
        return memory;
    }

    /**
     * The allocator, wrapped so tests can make it fail.
     *
     * @return the allocator
     */
    public FaultInjectingFrameAllocator allocator() {
        return allocator;
    }

    /**
     * The flusher that records what operations report.
     *
     * @return the flusher
     */
    public RecordingFlusher flusher() {
        return flusher;
    }

    /**
     * The number of roots, and so of hierarchies.
     *
     * @return the root count
     */
    public int rootCount() {
        return hierarchies.size();
    }

    /**
     * The roots with leaves above their last level (where block tests run).
     *
     * @return the root indices
     */
    public int[] rootsWithBlocks() {
        return IntStream.range(0, rootCount())
                .filter(r -> new Places(root(r)).smallestBlockLevel() >= 0)
                .toArray();
    }

    /**
     * The roots with a level above their leaf level (where one entry covers many pages).
     *
     * @return the root indices
     */
    public int[] rootsWithUpperLevels() {
        return IntStream.range(0, rootCount())
                .filter(r -> root(r).geometry().lastLevel() > 0)
                .toArray();
    }

    /**
     * One of the architecture's roots.
     *
     * @param index the root index
     * @return the root
     */
    public TranslationRoot root(int index) {
        return architecture.roots().get(index);
    }

    /**
     * The hierarchy of one root.
     *
     * @param rootIndex the root index
     * @return the hierarchy
     */
    public TableHierarchy hierarchy(int rootIndex) {
        return hierarchies.get(rootIndex);
    }

    /**
     * The hardware's view: walks {@code va} from the register value that loads {@code hierarchy}'s
     * root.
     *
     * @param rootIndex the index of the root {@code hierarchy} belongs to
     * @param hierarchy the hierarchy to walk
     * @param va the virtual address
     * @return the walk's result: the translation or the fault
     */
    public WalkResult walk(int rootIndex, TableHierarchy hierarchy, long va) {
        long register = root(rootIndex).registerValue(hierarchy.rootTable(), 0);
        return new PageWalker(architecture, memory).walk(rootIndex, register, va);
    }

    /**
     * The hardware's view of the root's own hierarchy.
     *
     * @param rootIndex the root index
     * @param va the virtual address
     * @return the walk's result: the translation or the fault
     */
    public WalkResult walk(int rootIndex, long va) {
        return walk(rootIndex, hierarchy(rootIndex), va);
    }

    /**
     * Everything an all-or-nothing check compares: table memory, allocator state, flush count.
     *
     * @return the snapshot
     */
    public Snapshot snapshot() {
        return snapshot(memory, allocator, flusher.count());
    }

    /**
     * Table memory and allocator state of any memory and allocator (a simulated machine's too).
     *
     * @param memory the memory
     * @param allocator the allocator whose frames are the table memory
     * @param flushCount the flushes reported so far
     * @return the snapshot
     */
    public static Snapshot snapshot(
            PhysicalMemory memory, FrameAllocator allocator, int flushCount) {
        PhysicalMemory copy = memory instanceof SparseMemory sparse ? sparse.copy() : null;
        long[] frames = allocator.allocatedFrames();
        long[][] contents =
                copy == null ? frameContents(memory, frames, allocator.frameSize()) : null;
        return new Snapshot(copy, contents, frames, flushCount);
    }

    private static long[][] frameContents(PhysicalMemory from, long[] frames, long frameSize) {
        long[][] out = new long[frames.length][];
        int words = (int) (frameSize / 8);
        for (int f = 0; f < frames.length; f++) {
            out[f] = new long[words];
            for (int w = 0; w < words; w++) {
                out[f][w] = from.readLong(frames[f] + 8L * w);
            }
        }
        return out;
    }

    /**
     * Null when the system is exactly as in {@code before}, else what differs. Table memory is the
     * memory of the allocator's frames: a frame freed again by a rollback may keep stale bytes,
     * which no table reaches.
     *
     * @param before an earlier {@link #snapshot()}
     * @return null, or what differs
     */
    public String differenceFrom(Snapshot before) {
        return difference(memory, allocator, before);
    }

    /**
     * {@link #differenceFrom} for any memory and allocator.
     *
     * @param memory the memory
     * @param allocator the allocator
     * @param before an earlier snapshot of them
     * @return null, or what differs
     */
    public static String difference(
            PhysicalMemory memory, FrameAllocator allocator, Snapshot before) {
        long[] frames = allocator.allocatedFrames();
        if (!Arrays.equals(frames, before.allocatedFrames())) {
            return "the allocator changed: "
                    + before.allocatedFrames().length
                    + " frames allocated before, "
                    + frames.length
                    + " after";
        }
        long[][] now = frameContents(memory, frames, allocator.frameSize());
        long[][] then =
                before.memory() != null
                        ? frameContents(before.memory(), frames, allocator.frameSize())
                        : before.frameContents();
        for (int f = 0; f < frames.length; f++) {
            for (int w = 0; w < now[f].length; w++) {
                if (now[f][w] != then[f][w]) {
                    return "table memory changed at physical address 0x"
                            + Long.toHexString(frames[f] + 8L * w)
                            + ": 0x"
                            + Long.toHexString(then[f][w])
                            + " before, 0x"
                            + Long.toHexString(now[f][w])
                            + " after";
                }
            }
        }
        return null;
    }

    /** The state {@link #differenceFrom} compares against. */
    @SuppressWarnings(
            "ArrayRecordComponent") // compared word by word by differenceFrom, never by equals
    public record Snapshot(
            PhysicalMemory memory,
            long[][] frameContents,
            long[] allocatedFrames,
            int flushCount) {}
}
