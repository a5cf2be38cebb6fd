package io.pagoda.paging.space;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.error.HierarchyStateException;
import io.pagoda.paging.error.InvalidRangeException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.NonCanonicalAddressException;
import io.pagoda.paging.error.OutOfPhysicalMemoryException;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.machine.MachineLock;
import io.pagoda.paging.machine.SwitchableHierarchy;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.RangeCursor;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.TableView;
import io.pagoda.paging.table.Translation;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The facade most consumers want: one address space of a simulated machine, safe to use from many
 * threads (every call holds the machine's lock, so the active/inactive decision and the operation
 * cannot be split). It maps memory it allocates (and frees it on unmap), maps physical ranges it
 * does not own, guards, protects, translates, reads and writes through the simulated MMU, and lists
 * its mappings.
 *
 * <p>Each virtual address goes to the root register that translates it (x86: CR3 for both halves;
 * AArch64: TTBR0 for the lower, TTBR1 for the upper half). The root holding the user range is this
 * space's own; the others are the machine's shared kernel roots. Reading or writing a space's
 * memory makes it the active one, as a thread running in it would.
 *
 * <p>Reading or writing through a space makes it the active one, and so does a change that creates
 * a kernel top-level entry (those are copied from the active hierarchy whenever a space is switched
 * to, as in the seed, so they are made there; below them the kernel tables are shared by every
 * space).
 */
public final class AddressSpace implements AutoCloseable {
    private final Machine mmu;
    private final MachineLock lock;

    /** Whether a TLB-hit read may go without the lock: the memory's reads must allow it. */
    private final boolean lockFreeHits;

    private final SwitchableHierarchy[] hierarchies;
    private final int ownRoot;
    private final boolean ownsRootHierarchy;
    private final long pageSize;

    /** Frames this space allocated, by the virtual page they back. */
    private final OwnedFrames ownedFrames = new OwnedFrames();

    private boolean closed;

    private AddressSpace(Machine mmu, boolean bootstrap) {
        this.mmu = mmu;
        this.lock = mmu.lock();
        this.lockFreeHits = mmu.cpu().memory().concurrentReads();
        List<TranslationRoot> roots = mmu.architecture().roots();
        this.hierarchies = new SwitchableHierarchy[roots.size()];
        this.ownRoot = mmu.cpu().tagRootIndex();
        this.ownsRootHierarchy = !bootstrap;
        this.pageSize = mmu.cpu().pageSize();
        if (mmu.allocator().frameSize() != pageSize) {
            throw new IllegalArgumentException(
                    "the allocator hands out "
                            + Hex.size(mmu.allocator().frameSize())
                            + " frames but pages are "
                            + Hex.size(pageSize)
                            + "; give an allocator of page-sized frames");
        }
        for (int i = 0; i < roots.size(); i++) {
            hierarchies[i] =
                    i == ownRoot && !bootstrap
                            ? SwitchableHierarchy.create(mmu, i)
                            : SwitchableHierarchy.fromCurrentlyActive(mmu, i);
        }
    }

    /**
     * A new machine for {@code architecture} and its first address space, active.
     *
     * @param architecture the paging format the machine translates with
     * @param memory the machine's physical memory, holding its tables and mapped frames
     * @param allocator where the machine takes frames for tables and mapped pages; its frames must
     *     be page-sized
     * @return the machine's first space, whose hierarchies are the ones the machine booted with
     * @throws IllegalArgumentException when the allocator's frame size differs from the page size
     */
    public static AddressSpace create(
            Architecture architecture, PhysicalMemory memory, FrameAllocator allocator) {
        return new AddressSpace(new Machine(architecture, memory, allocator), true);
    }

    /**
     * The first address space of {@code mmu}: the hierarchy it booted with.
     *
     * @param mmu the machine whose currently active hierarchies the space takes over
     * @return a space over those hierarchies; closing it keeps their tables
     * @throws IllegalArgumentException when the machine's allocator hands out frames of another
     *     size than pages
     */
    public static AddressSpace bootstrap(Machine mmu) {
        mmu.lock().lock();
        try {
            return new AddressSpace(mmu, true);
        } finally {
            mmu.lock().unlock();
        }
    }

    /**
     * Another address space on the same machine, sharing its kernel part; inactive until used.
     *
     * @param mmu the machine the space runs on
     * @return a space with a new root table of its own for the user range
     * @throws io.pagoda.paging.error.OutOfPhysicalMemoryException when no frame is left for the new
     *     root table
     * @throws IllegalArgumentException when the machine's allocator hands out frames of another
     *     size than pages
     */
    public static AddressSpace create(Machine mmu) {
        mmu.lock().lock();
        try {
            return new AddressSpace(mmu, false);
        } finally {
            mmu.lock().unlock();
        }
    }

    /**
     * The machine this space runs on.
     *
     * @return the machine, shared with every other space made on it
     */
    public Machine mmu() {
        return mmu;
    }

    /**
     * The machine's simulated CPU (its TLB and root registers).
     *
     * @return the CPU of {@link #mmu()}
     */
    public SimulatedCpu cpu() {
        return mmu.cpu();
    }

    /**
     * The size of the smallest page, the unit of every range this space maps.
     *
     * @return the page size in bytes (4096, 16384 or 65536)
     */
    public long pageSize() {
        return pageSize;
    }

    /**
     * This space's hierarchy for root register {@code rootIndex}.
     *
     * @param rootIndex the root register's index in {@link Architecture#roots()}, from 0
     * @return the hierarchy: this space's own for its own root, the machine's shared one for a
     *     kernel root
     * @throws ArrayIndexOutOfBoundsException when {@code rootIndex} is no root of the architecture
     */
    public SwitchableHierarchy hierarchy(int rootIndex) {
        return hierarchies[rootIndex];
    }

    /** Makes this space the one the CPU translates with. */
    public void activate() {
        lock.lock();
        try {
            hierarchies[ownRoot].switchTo();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the CPU translates with this space now.
     *
     * @return true when this space's own root table is the one loaded in its root register
     */
    public boolean isActive() {
        return hierarchies[ownRoot].isCurrentlyActive();
    }

    // ------------------------------------------------------------------ mapping

    /**
     * Maps {@code length} bytes at {@code va} to newly allocated frames, taken one by one as the
     * tables are filled. A range needing more frames than the allocator has free is refused before
     * any work; if the mapping fails later, the tables are restored and every frame taken for it is
     * freed, so nothing changed.
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @param flags the rights and attributes of every page
     * @throws io.pagoda.paging.error.InvalidRangeException when the length is not positive, the
     *     range wraps, leaves the addresses one root register translates or touches the machine's
     *     table windows
     * @throws NonCanonicalAddressException when {@code va} is translated by no root register
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     * @throws OutOfPhysicalMemoryException when the allocator has fewer free frames than the range
     *     needs, or runs out of frames for tables
     * @throws io.pagoda.paging.error.AlreadyMappedException when a page of the range is mapped or
     *     guarded already
     * @throws RightsNotExpressibleException when the format cannot express {@code flags}
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public void map(long va, long length, MappingFlags flags) {
        lock.lock();
        try {
            int root = rootFor(va, length, "map");
            if (length % pageSize != 0) {
                throw new MisalignedAddressException(
                        "cannot map "
                                + Hex.of(va)
                                + " + "
                                + Hex.of(length)
                                + ": the length must be a positive multiple of the page size "
                                + Hex.size(pageSize));
            }
            long pages = length / pageSize;
            FrameAllocator allocator = mmu.allocator();
            if (pages > allocator.freeCount()) {
                throw new OutOfPhysicalMemoryException(
                        "cannot map "
                                + Hex.of(va)
                                + " + "
                                + Hex.size(length)
                                + ": it needs "
                                + pages
                                + " frames of "
                                + Hex.size(pageSize)
                                + " but only "
                                + allocator.freeCount()
                                + " are free; map less, or unmap or give the machine more memory first");
            }
            FreshFrames frames = new FreshFrames(va, allocator);
            try {
                hierarchies[root].withTables(
                        t -> {
                            t.map(va, length, frames, flags);
                            return null;
                        });
            } catch (RuntimeException e) {
                frames.giveBack();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Frames allocated as the map asks for them and recorded as owned at once; on failure, every
     * one handed out is looked up again by its page and freed (the pages are consecutive, so no
     * list of them is kept).
     */
    private final class FreshFrames implements FrameSource {
        private final long va;
        private final FrameAllocator allocator;
        private long handedOut;

        FreshFrames(long va, FrameAllocator allocator) {
            this.va = va;
            this.allocator = allocator;
        }

        @Override
        public boolean canSupplyLeaf(long offset, long size) {
            return size == pageSize;
        }

        @Override
        public long frameFor(long offset, long size) {
            long frame = allocator.allocate();
            ownedFrames.put(va + offset, frame);
            handedOut++;
            return frame;
        }

        @Override
        public boolean isPredictable() {
            return false;
        }

        void giveBack() {
            for (long i = 0; i < handedOut; i++) {
                long page = va + i * pageSize;
                long frame = ownedFrames.get(page);
                ownedFrames.remove(page);
                allocator.free(frame);
            }
            handedOut = 0;
        }
    }

    /**
     * Maps {@code [va, va + length)} to physical {@code [pa, pa + length)}, which this space does
     * not own: unmapping it frees no frame.
     *
     * @param va the first virtual address, page-aligned
     * @param pa the first physical address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @param flags the rights and attributes of every page
     * @param policy where blocks (leaves above the last level) may be used instead of pages
     * @throws io.pagoda.paging.error.InvalidRangeException when the length is not positive, the
     *     range wraps, leaves the addresses one root register translates or touches the machine's
     *     table windows
     * @throws NonCanonicalAddressException when {@code va} is translated by no root register
     * @throws MisalignedAddressException when {@code va}, {@code pa} or {@code length} is not
     *     page-aligned
     * @throws io.pagoda.paging.error.PhysicalAddressException when the physical range ends past the
     *     architecture's physical address width
     * @throws io.pagoda.paging.error.AlreadyMappedException when a page of the range is mapped or
     *     guarded already
     * @throws RightsNotExpressibleException when the format cannot express {@code flags}
     * @throws OutOfPhysicalMemoryException when the allocator runs out of frames for tables
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public void mapPhysical(
            long va, long pa, long length, MappingFlags flags, LeafSizePolicy policy) {
        lock.lock();
        try {
            int root = rootFor(va, length, "map");
            hierarchies[root].withTables(
                    t -> {
                        t.mapContiguous(va, pa, length, flags, policy);
                        return null;
                    });
        } finally {
            lock.unlock();
        }
    }

    /** The explanation of a core message, without its leading "cannot map ADDRESS ...:" clause. */
    private static String reason(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    private static String rightsFix(MappingAccessRights rights) {
        if (!rights.isReadable() && !rights.isWritable() && !rights.isExecutable()) {
            return "to make the range inaccessible, unmap it and guard() it instead";
        }
        if (!rights.isReadable()) {
            return "give rights that include read, such as "
                    + rights.with(MappingAccessRights.READABLE);
        }
        return "give rights this architecture can express";
    }

    /**
     * Reserves {@code [va, va + length)}: access faults and no free-space search returns it.
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @throws io.pagoda.paging.error.InvalidRangeException when the length is not positive, the
     *     range wraps, leaves the addresses one root register translates or touches the machine's
     *     table windows
     * @throws NonCanonicalAddressException when {@code va} is translated by no root register
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     * @throws io.pagoda.paging.error.AlreadyMappedException when a page of the range is mapped or
     *     guarded already
     * @throws OutOfPhysicalMemoryException when the allocator runs out of frames for tables
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public void guard(long va, long length) {
        lock.lock();
        try {
            int root = rootFor(va, length, "guard");
            hierarchies[root].withTables(
                    t -> {
                        t.guard(va, length);
                        return null;
                    });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Unmaps the range (mappings and guards), freeing the frames this space allocated for it.
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @throws io.pagoda.paging.error.InvalidRangeException when the length is not positive, the
     *     range wraps, leaves the addresses one root register translates or touches the machine's
     *     table windows
     * @throws NonCanonicalAddressException when {@code va} is translated by no root register
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     * @throws io.pagoda.paging.error.NotMappedException when a page of the range is neither mapped
     *     nor guarded
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public void unmap(long va, long length) {
        lock.lock();
        try {
            int root = rootFor(va, length, "unmap");
            hierarchies[root].withTables(
                    t -> {
                        // the unmap is validated before this runs, and these frames are ours:
                        // freeing cannot fail here
                        t.unmap(
                                va,
                                length,
                                (v, pa, size) -> {
                                    for (long off = 0; off < size; off += pageSize) {
                                        if (ownedFrames.get(v + off) == pa + off) {
                                            ownedFrames.remove(v + off);
                                            mmu.allocator().free(pa + off);
                                        }
                                    }
                                });
                        return null;
                    });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes the flags of every mapping in the range; blocks the range covers in part are split.
     *
     * @param va the first virtual address, page-aligned
     * @param length the length in bytes, a positive multiple of the page size
     * @param flags the new rights and attributes
     * @throws io.pagoda.paging.error.InvalidRangeException when the length is not positive, the
     *     range wraps, leaves the addresses one root register translates or touches the machine's
     *     table windows
     * @throws NonCanonicalAddressException when {@code va} is translated by no root register
     * @throws MisalignedAddressException when {@code va} or {@code length} is not page-aligned
     * @throws io.pagoda.paging.error.NotMappedException when a page of the range is not mapped
     * @throws RightsNotExpressibleException when the format cannot express {@code flags}; the
     *     message says how to fix it
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public void protect(long va, long length, MappingFlags flags) {
        lock.lock();
        try {
            int root = rootFor(va, length, "protect");
            try {
                hierarchies[root].withTables(
                        t -> {
                            t.protect(va, length, flags);
                            return null;
                        });
            } catch (RightsNotExpressibleException e) {
                // the tables word it as a map (they share the check); say what was asked and how to
                // fix it
                throw new RightsNotExpressibleException(
                        "cannot protect "
                                + Hex.of(va)
                                + " + "
                                + Hex.of(length)
                                + " to "
                                + flags.rights()
                                + ": "
                                + reason(e.getMessage())
                                + "; "
                                + rightsFix(flags.rights()),
                        e);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Where {@code va} leads in the tables (not the TLB), with effective flags.
     *
     * @param va any virtual address, aligned or not
     * @return the walk's result: present (with physical address and flags), guarded or available,
     *     and the level (0 = top) where the walk ended
     * @throws NonCanonicalAddressException when {@code va} is translated by no root register
     * @throws io.pagoda.paging.error.CorruptTableException when the walk meets a malformed entry
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public Translation translate(long va) {
        lock.lock();
        try {
            return hierarchies[rootIndex(va)].withTables(t -> t.translate(va));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first free, aligned range of {@code length} bytes in the user range (from the first page
     * above 0).
     *
     * @param length the length in bytes, a positive multiple of the page size
     * @param alignment the alignment of the start in bytes, a power of two of at least the page
     *     size
     * @return the lowest start address of such a range, or empty when the user range has none
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is not positive
     * @throws MisalignedAddressException when {@code alignment} is no power of two of at least the
     *     page size, or {@code length} (or the search start) is not page-aligned
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public Optional<Long> findFreeSpace(long length, long alignment) {
        return findFreeSpace(
                length,
                Math.max(mmu.layout().userFirst(), pageSize),
                mmu.layout().userLast(),
                alignment);
    }

    /**
     * The first free, aligned range of {@code length} bytes inside {@code [first, last]}
     * (inclusive). The range must lie in the addresses of the root register translating {@code
     * first}.
     *
     * @param length the length in bytes, a positive multiple of the page size
     * @param first the lowest start address to consider
     * @param last the highest address the range may cover (inclusive)
     * @param alignment the alignment of the start in bytes, a power of two of at least the page
     *     size
     * @return the lowest start address of such a range, or empty when there is none
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is not positive or
     *     the search range is invalid
     * @throws MisalignedAddressException when {@code alignment} is no power of two of at least the
     *     page size, or {@code length} (or the search start) is not page-aligned
     * @throws NonCanonicalAddressException when {@code first} is translated by no root register
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public Optional<Long> findFreeSpace(long length, long first, long last, long alignment) {
        lock.lock();
        try {
            return hierarchies[rootIndex(first)].withTables(
                    t -> t.findAvailableVirtualSpaceAligned(length, first, last, alignment));
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ memory through the MMU

    /**
     * Reads bytes at {@code va} through the simulated MMU (as the kernel), activating this space.
     *
     * @param va the virtual address of the first byte
     * @param into the array to fill
     * @param offset the index in {@code into} of the first byte
     * @param length how many bytes to read
     * @throws io.pagoda.paging.error.InvalidRangeException when the slice does not fit {@code into}
     *     or the range wraps past the top of the address space
     * @throws io.pagoda.paging.cpu.PageFaultException when a page of the range is not readable
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public void read(long va, byte[] into, int offset, int length) {
        lock.lock();
        try {
            checkTransfer("read", va, into, offset, length);
            runningHere();
            mmu.cpu().readBytes(va, into, offset, length, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads {@code length} bytes at {@code va} into a new array. A long read is translated page by
     * page before its array is made, so a range that is not mapped faults without first taking
     * gigabytes of heap.
     *
     * @param va the virtual address of the first byte
     * @param length how many bytes to read, 0 or more
     * @return a new array of {@code length} bytes
     * @throws io.pagoda.paging.error.InvalidRangeException when {@code length} is negative or the
     *     range wraps past the top of the address space
     * @throws io.pagoda.paging.cpu.PageFaultException when a page of the range is not readable
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public byte[] read(long va, int length) {
        lock.lock();
        try {
            if (length < 0) {
                throw new InvalidRangeException(
                        "cannot read "
                                + Hex.of(va)
                                + " with length "
                                + length
                                + ": give a length of 0 or more bytes");
            }
            checkTransfer("read", va, null, 0, length);
            runningHere();
            if (length > PROBED_READ) {
                byte[] probe = new byte[1];
                for (long at = va; at - va < length; at = (at & -pageSize) + pageSize) {
                    mmu.cpu().readBytes(at, probe, 0, 1, false);
                }
            }
            byte[] out = new byte[length];
            mmu.cpu().readBytes(va, out, 0, length, false);
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Reads longer than this are translated before their array is allocated. */
    private static final int PROBED_READ = 1 << 16;

    /**
     * Writes bytes at {@code va} through the simulated MMU (as the kernel), activating this space;
     * all or nothing.
     *
     * @param va the virtual address of the first byte
     * @param from the array to copy from
     * @param offset the index in {@code from} of the first byte
     * @param length how many bytes to write
     * @throws io.pagoda.paging.error.InvalidRangeException when the slice does not fit {@code from}
     *     or the range wraps past the top of the address space
     * @throws io.pagoda.paging.cpu.PageFaultException when a page of the range is not writable;
     *     nothing is written
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public void write(long va, byte[] from, int offset, int length) {
        lock.lock();
        try {
            checkTransfer("write", va, from, offset, length);
            runningHere();
            mmu.cpu().writeBytes(va, from, offset, length, false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes all of {@code from} at {@code va}, as {@link #write(long, byte[], int, int)} does.
     *
     * @param va the virtual address of the first byte
     * @param from the bytes to write
     * @throws io.pagoda.paging.error.InvalidRangeException when the range wraps past the top of the
     *     address space
     * @throws io.pagoda.paging.cpu.PageFaultException when a page of the range is not writable;
     *     nothing is written
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public void write(long va, byte[] from) {
        write(va, from, 0, from.length);
    }

    /**
     * Refuses a transfer whose buffer slice does not exist or whose range wraps past the top of the
     * address space, before anything is translated (the CPU would otherwise fail half way with an
     * array index error).
     */
    private static void checkTransfer(
            String verb, long va, byte @Nullable [] buffer, int offset, int length) {
        if (buffer != null && (offset < 0 || length < 0 || offset > buffer.length - length)) {
            throw new InvalidRangeException(
                    "cannot "
                            + verb
                            + " "
                            + Hex.of(va)
                            + ": "
                            + length
                            + " bytes at offset "
                            + offset
                            + " do not fit a buffer of "
                            + buffer.length
                            + " bytes; give 0 <= offset and 0 <= length <= buffer length - offset");
        }
        if (length > 0 && Long.compareUnsigned(va + length - 1, va) < 0) {
            throw new InvalidRangeException(
                    "cannot "
                            + verb
                            + " "
                            + Hex.of(va)
                            + " + "
                            + Hex.of(length)
                            + ": the range wraps past the top of the address space; shorten it to at most "
                            + Hex.of(-va));
        }
    }

    /**
     * Reads 8 bytes, little-endian, at {@code va} through the simulated MMU, activating this space.
     *
     * @param va the virtual address of the first byte
     * @return the 64-bit value stored there
     * @throws io.pagoda.paging.cpu.PageFaultException when a page of the 8 bytes is not readable
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public long readLong(long va) {
        // a TLB hit needs no lock: read optimistically, keep the value if no holder of the lock
        // changed anything meanwhile, else (or on a miss or fault) take the lock and do it properly
        long stamp = lockFreeHits ? lock.tryOptimisticRead() : 0;
        if (stamp != 0) {
            try {
                SimulatedCpu cpu = mmu.cpu();
                if (!closed && cpu.rootTable(ownRoot) == hierarchies[ownRoot].rootTable()) {
                    long pa = cpu.cachedReadAddress(va, 8, false);
                    if (pa >= 0) {
                        long value = cpu.memory().readLong(pa);
                        if (lock.validate(stamp)) {
                            return value;
                        }
                    }
                }
            } catch (RuntimeException raced) {
                // a half-made change seen mid-read; the locked read below decides
            }
        }
        lock.lock();
        try {
            runningHere();
            return mmu.cpu().readLong(va);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes 8 bytes, little-endian, at {@code va} through the simulated MMU, activating this
     * space.
     *
     * @param va the virtual address of the first byte
     * @param value the 64-bit value to store
     * @throws io.pagoda.paging.cpu.PageFaultException when a page of the 8 bytes is not writable
     * @throws io.pagoda.paging.error.HierarchyStateException when this space is closed
     */
    public void writeLong(long va, long value) {
        lock.lock();
        try {
            runningHere();
            mmu.cpu().writeLong(va, value);
        } finally {
            lock.unlock();
        }
    }

    private void runningHere() {
        if (closed) {
            throw new HierarchyStateException("this address space is closed; create a new one");
        }
        if (!hierarchies[ownRoot].isCurrentlyActive()) {
            hierarchies[ownRoot].switchTo();
        }
    }

    // ------------------------------------------------------------------ listing

    /**
     * Every present or guarded run of the space, in address order per root, adjacent entries merged
     * when they continue each other. The recursive window is left out (it would list the tables
     * themselves), and so is the temporary-mapping window (it maps the tables being listed while
     * they are listed).
     *
     * @return the runs, root by root in the architecture's order, each root's in ascending address
     *     order
     */
    public List<MappingRange> mappings() {
        lock.lock();
        try {
            List<MappingRange> out = new ArrayList<>();
            for (int root = 0; root < hierarchies.length; root++) {
                int r = root;
                hierarchies[root].withTables(
                        t -> {
                            list(r, t, out);
                            return null;
                        });
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private void list(int root, TableHierarchy tables, List<MappingRange> out) {
        RangeCursor cursor = new RangeCursor(tables.geometry());
        long span = cursor.span(0);
        int entries = tables.geometry().entryCount(0);
        boolean recursive = root == mmu.recursiveRoot();
        long[] window = temporaryWindowRange();
        List<MappingRange> pieces = new ArrayList<>();
        // consecutive top-level entries are walked as one run: each walk of an inactive hierarchy
        // opens its root
        // through the temporary-mapping window, so one walk per entry cost hundreds of window
        // mappings
        long runFirst = 0;
        long runLast = 0;
        boolean open = false;
        for (int i = 0; i < entries; i++) {
            if (recursive && i == mmu.layout().recursiveSlot()) {
                if (open) {
                    listAround(tables, runFirst, runLast, window, pieces);
                    open = false;
                }
                continue;
            }
            long va = tables.canonicalForm().virtual(cursor.entryStart(0, 0, i));
            if (open && va == runLast + 1) {
                runLast = va + span - 1;
                continue;
            }
            if (open) {
                listAround(tables, runFirst, runLast, window, pieces);
            }
            runFirst = va;
            runLast = va + span - 1;
            open = true;
        }
        if (open) {
            listAround(tables, runFirst, runLast, window, pieces);
        }
        MappingRange run = null;
        for (MappingRange piece : pieces) {
            if (run != null && run.continuedBy(piece)) {
                run = run.extendedBy(piece);
            } else {
                if (run != null) {
                    out.add(run);
                }
                run = piece;
            }
        }
        if (run != null) {
            out.add(run);
        }
    }

    /**
     * Lists {@code [first, last]} except the temporary-mapping window: it changes while an inactive
     * hierarchy is walked (its tables are mapped there one by one), so walked it would list pages
     * gone when looked at.
     */
    private static void listAround(
            TableHierarchy tables,
            long first,
            long last,
            long @Nullable [] window,
            List<MappingRange> pieces) {
        if (window != null
                && Long.compareUnsigned(first, window[1]) <= 0
                && Long.compareUnsigned(last, window[0]) >= 0) {
            if (Long.compareUnsigned(first, window[0]) < 0) {
                listRun(tables, first, window[0] - first, pieces);
            }
            if (Long.compareUnsigned(last, window[1]) > 0) {
                listRun(tables, window[1] + 1, last - window[1], pieces);
            }
        } else {
            listRun(tables, first, last - first + 1, pieces);
        }
    }

    private static void listRun(
            TableHierarchy tables, long va, long length, List<MappingRange> pieces) {
        tables.forEveryMapping(
                va,
                length,
                (v, len, state, pa, level, flags) ->
                        pieces.add(
                                new MappingRange(
                                        v,
                                        len,
                                        pa,
                                        state,
                                        flags,
                                        tables.geometry().span(level),
                                        level)));
    }

    /** The temporary-mapping window as {first, last}, or null when the machine has none. */
    private long @Nullable [] temporaryWindowRange() {
        long first = mmu.temporaryWindow();
        if (first == -1) {
            return null;
        }
        for (long[] reserved : mmu.reservedRanges()) {
            if (reserved[0] == first) {
                return reserved;
            }
        }
        return null;
    }

    /**
     * Frames this space allocated and still maps.
     *
     * @return the number of frames (not bytes) {@link #map} took and no unmap has freed yet
     */
    public int ownedFrameCount() {
        lock.lock();
        try {
            return ownedFrames.size();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Unmaps and frees the frames this space allocated, then frees its own tables. The active space
     * cannot be closed (activate another first); the machine's first space keeps its tables, which
     * the others' kernel part shares.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (ownsRootHierarchy && hierarchies[ownRoot].isCurrentlyActive()) {
                throw new HierarchyStateException(
                        "cannot close the active address space; activate another first");
            }
            // unmapped before they are freed: kernel-range pages live in shared tables that outlive
            // this space
            long[] pages = ownedFrames.sortedPages();
            for (long va : pages) {
                unmap(va, pageSize);
            }
            if (ownsRootHierarchy) {
                hierarchies[ownRoot].close();
            }
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ routing

    private int rootIndex(long va) {
        if (closed) {
            throw new HierarchyStateException("this address space is closed; create a new one");
        }
        OptionalInt selected = mmu.architecture().rootIndexFor(va);
        if (selected.isEmpty()) {
            throw new NonCanonicalAddressException(
                    Hex.of(va)
                            + " is not translated by any root register of "
                            + mmu.architecture().name()
                            + "; use a canonical address");
        }
        return selected.getAsInt();
    }

    /**
     * The root translating the whole range, refusing ranges that cross roots or touch the machine's
     * windows.
     */
    private int rootFor(long va, long length, String verb) {
        int root = rootIndex(va);
        if (length <= 0) {
            throw new InvalidRangeException(
                    "cannot "
                            + verb
                            + " "
                            + Hex.of(va)
                            + " with length "
                            + length
                            + ": give a positive length");
        }
        long last = va + length - 1;
        if (Long.compareUnsigned(last, va) < 0
                || !mmu.architecture().rootIndexFor(last).equals(OptionalInt.of(root))) {
            throw new InvalidRangeException(
                    "cannot "
                            + verb
                            + " "
                            + Hex.of(va)
                            + " + "
                            + Hex.of(length)
                            + ": the range leaves the addresses "
                            + mmu.architecture().roots().get(root).registerName()
                            + " translates");
        }
        for (long[] reserved : mmu.reservedRanges()) {
            if (Long.compareUnsigned(va, reserved[1]) <= 0
                    && Long.compareUnsigned(last, reserved[0]) >= 0) {
                throw new InvalidRangeException(
                        "cannot "
                                + verb
                                + " "
                                + Hex.of(va)
                                + " + "
                                + Hex.of(length)
                                + ": "
                                + Hex.of(reserved[0])
                                + ".."
                                + Hex.of(reserved[1])
                                + " is reserved for the machine's table windows; choose other addresses");
            }
        }
        if (createsSharedKernelEntry(root, va, last)) {
            // every space copies the kernel top-level entries from the active one when it is
            // switched to (the
            // seed's contract), so a new kernel top-level entry must be made where those copies
            // come from
            hierarchies[ownRoot].switchTo();
        }
        return root;
    }

    /**
     * Whether [va, last] lies in top-level entries every space shares and one of them is not a
     * table yet here, so the operation would create a kernel top-level entry (below existing ones
     * the tables are shared).
     */
    private boolean createsSharedKernelEntry(int root, long va, long last) {
        AddressLayout layout = mmu.layout();
        if (root != ownRoot || !layout.sharesKernelRootEntries() || isActive()) {
            return false;
        }
        TranslationRoot translation = mmu.architecture().roots().get(root);
        Geometry geometry = translation.geometry();
        RangeCursor cursor = new RangeCursor(geometry);
        int first =
                Math.max(
                        layout.kernelRootFirst(),
                        cursor.index(0, translation.canonicalForm().linear(va)));
        int end =
                Math.min(
                        layout.kernelRootLast(),
                        cursor.index(0, translation.canonicalForm().linear(last)));
        try (TableView top =
                new PhysicalTableAccess(mmu.memory(), geometry)
                        .open(0, hierarchies[root].rootTable(), 0)) {
            for (int index = first; index <= end; index++) {
                if (translation.format().kind(0, top.read(index)) != EntryKind.TABLE) {
                    return true;
                }
            }
        }
        return false;
    }
}
