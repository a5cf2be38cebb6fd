package io.pagoda.paging.cpu;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.AddressWalk;
import io.pagoda.paging.table.access.PagedMemory;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A CPU's paging side: one root register per {@link TranslationRoot} (CR3; TTBR0 and TTBR1), a
 * {@link SimulatedTlb}, and memory accesses at virtual addresses that consult the TLB first and
 * walk the tables with {@link PageWalker} on a miss, faulting as the hardware does.
 *
 * <p>With {@code tagged} on (x86 CR4.PCIDE, AArch64 ASIDs in use), translations are cached under
 * the tag of the register that selects the address space (the root holding the user range) and a
 * root load keeps the other tags' entries; off, every translation is tag 0 and a root load drops
 * the non-global ones.
 *
 * <p>With {@link #setAccessedDirtyUpdates} on, a walk sets the accessed flag of every entry it used
 * and a write sets the leaf's dirty flag ({@code EntryFormat.withAccessed / withDirty}); a write
 * that hits a TLB entry filled by a read walks again to set it, as x86 does. Off by default, so
 * memory changes only when software writes it. Not thread-safe: callers serialise (the machine's
 * lock).
 */
public final class SimulatedCpu implements PagedMemory {
    private final Architecture architecture;
    private final List<TranslationRoot> roots;
    private final PhysicalMemory memory;
    private final SimulatedTlb tlb;
    private final TlbInstructions instructions;
    private final PageWalker walker;
    private final boolean tagged;
    private final int tagRoot;
    private final long[] registers;

    /**
     * Each register's table and the current tag, decoded once per root load rather than per hit.
     */
    private final long[] rootTables;

    private int currentTag;

    private final long pageSize;
    private boolean accessedDirtyUpdates;

    /**
     * A CPU with every root register 0 (load them with {@link #loadRoot} before translating).
     *
     * @param architecture the paging format the CPU walks
     * @param memory the physical memory its walks and accesses read and write
     * @param tlb the TLB its translations are cached in
     * @param tagged whether translations are cached under address-space tags; ignored (off) when
     *     the architecture has no tags
     */
    public SimulatedCpu(
            Architecture architecture, PhysicalMemory memory, SimulatedTlb tlb, boolean tagged) {
        this.architecture = architecture;
        this.roots = architecture.roots();
        this.memory = memory;
        this.tlb = tlb;
        this.instructions = architecture.tlbInstructions();
        this.walker = new PageWalker(architecture, memory);
        this.tagged = tagged && architecture.tagBits() > 0;
        this.tagRoot = architecture.tagRootIndex();
        this.registers = new long[roots.size()];
        this.rootTables = new long[roots.size()];
        for (int i = 0; i < rootTables.length; i++) {
            rootTables[i] = roots.get(i).tableAddress(0);
        }
        this.currentTag = this.tagged ? roots.get(tagRoot).tag(0) : 0;
        long smallest = Long.MAX_VALUE;
        for (TranslationRoot root : roots) {
            smallest = Math.min(smallest, root.geometry().pageSize());
        }
        this.pageSize = smallest;
    }

    /**
     * An untagged CPU with a TLB of {@link SimulatedTlb#DEFAULT_CAPACITY} entries.
     *
     * @param architecture the paging format the CPU walks
     * @param memory the physical memory its walks and accesses read and write
     */
    public SimulatedCpu(Architecture architecture, PhysicalMemory memory) {
        this(architecture, memory, new SimulatedTlb(), false);
    }

    @Override
    public Architecture architecture() {
        return architecture;
    }

    /**
     * The physical memory behind every access.
     *
     * @return the memory given at construction
     */
    public PhysicalMemory memory() {
        return memory;
    }

    /**
     * The CPU's TLB.
     *
     * @return the TLB given at construction (or the default one)
     */
    public SimulatedTlb tlb() {
        return tlb;
    }

    /**
     * Whether translations are cached under address-space tags (PCID / ASID on).
     *
     * @return true when tags are on and the architecture has them
     */
    public boolean isTagged() {
        return tagged;
    }

    /**
     * The smallest page size of any root: the step of per-page invalidation and of page-crossing
     * accesses.
     */
    @Override
    public long pageSize() {
        return pageSize;
    }

    /**
     * The raw value of root register {@code rootIndex}.
     *
     * @param rootIndex the root register's index in {@link Architecture#roots()}, from 0
     * @return the register's value, table address and tag bits together; 0 before the first load
     */
    public long register(int rootIndex) {
        return registers[rootIndex];
    }

    /**
     * A copy of every root register, in {@link Architecture#roots()} order, for {@link
     * PageWalker#walk(long, long...)}.
     *
     * @return a new array of the registers' raw values
     */
    public long[] registers() {
        return registers.clone();
    }

    /** The physical address of the table root register {@code rootIndex} points at. */
    @Override
    public long rootTable(int rootIndex) {
        return rootTables[rootIndex];
    }

    /**
     * The tag translations are cached under now (0 when untagged).
     *
     * @return the tag held by the register of {@link #tagRootIndex()}, or 0 when tags are off
     */
    public int currentTag() {
        return currentTag;
    }

    /**
     * The root whose register carries the address-space tag (the one translating the user range).
     *
     * @return the root register's index in {@link Architecture#roots()}
     */
    public int tagRootIndex() {
        return tagRoot;
    }

    /**
     * Loads a root register (MOV CR3, MSR TTBRn): the root-load check runs first (a PAE PDPTE with
     * a reserved bit faults and the register keeps its value), then the TLB sees the load as the
     * architecture says.
     *
     * @param rootIndex the root register's index in {@link Architecture#roots()}, from 0
     * @param registerValue the raw value to load: table address and tag bits as the register holds
     *     them
     * @throws PageFaultException of type {@link FaultType#ROOT_LOAD} when the hardware refuses the
     *     value
     */
    public void loadRoot(int rootIndex, long registerValue) {
        TranslationRoot root = roots.get(rootIndex);
        long table = root.tableAddress(registerValue);
        String fault = root.rootLoadFault(memory, table);
        if (fault != null) {
            throw new PageFaultException(
                    FaultType.ROOT_LOAD,
                    -1,
                    table,
                    Access.READ,
                    false,
                    "loading "
                            + root.registerName()
                            + " with "
                            + Hex.of(registerValue)
                            + ": "
                            + fault);
        }
        registers[rootIndex] = registerValue;
        rootTables[rootIndex] = table;
        if (tagged && rootIndex == tagRoot) {
            currentTag = root.tag(registerValue);
        }
        instructions.onRootLoad(tlb, currentTag, tagged);
    }

    /**
     * Translates {@code va} for an access: a TLB hit answers with the cached translation (stale or
     * not), a miss walks the tables and caches the result. Rights are checked on both paths.
     *
     * @param va the virtual address accessed
     * @param access the kind of access, which needs the matching right
     * @param user whether the access is made in user mode (then the page must be user-accessible)
     * @return the physical address
     * @throws PageFaultException when the walk faults or the effective rights forbid the access
     */
    public long translate(long va, Access access, boolean user) {
        int tag = currentTag;
        int slot = tlb.lookup(va, tag);
        if (slot >= 0) {
            checkRights(va, access, user, tlb.rights(slot), tlb.level(slot));
            if (!accessedDirtyUpdates || access != Access.WRITE || tlb.isDirty(slot)) {
                return tlb.physicalAddress(slot, va);
            }
        }
        int rootIndex = architecture.rootIndexFor(va).orElse(registers.length);
        // an address no root translates, or one whose root is not loaded, is walked by the faulting
        // path below
        AddressWalk walk =
                rootIndex < registers.length
                        ? walker.leafWalk(rootIndex, registers[rootIndex], va)
                        : null;
        if (walk == null) {
            // not a plain leaf: the full walk says which fault, at which level and why
            WalkResult fault = walker.walk(va, registers);
            if (!fault.isFault()) {
                throw new IllegalStateException(
                        "the walk of "
                                + Hex.of(va)
                                + " found a leaf only the second time: "
                                + fault);
            }
            throw new PageFaultException(
                    Objects.requireNonNull(fault.fault()),
                    fault.level(),
                    va,
                    access,
                    user,
                    fault.detail());
        }
        MappingFlags flags = walk.effectiveFlags();
        int level = walk.level();
        checkRights(va, access, user, flags.rights().bits(), level);
        long size = walk.span();
        boolean global = walk.isGlobal();
        long pa = walk.physicalAddress();
        // only translations the access may use are cached, as a hardware TLB fills on a successful
        // walk
        int filled =
                tlb.fill(va, pa - (va & (size - 1)), size, global ? 0 : tag, global, level, flags);
        if (accessedDirtyUpdates) {
            markWalk(roots.get(rootIndex).format(), walk, access == Access.WRITE);
            if (access == Access.WRITE) {
                tlb.markDirty(filled);
            }
        }
        return pa;
    }

    /**
     * The physical address a TLB hit gives a read of {@code bytes} bytes at {@code va}, or -1 when
     * the read needs more than a plain hit: a miss, a fault, or bytes crossing a page. Changes
     * nothing but the hit's count and age, so an optimistic reader may call it beside other readers
     * and validate afterwards (see {@code AddressSpace.readLong}); a -1 sends the caller to {@link
     * #translate}, which counts the miss or raises the fault.
     *
     * @param va the virtual address of the first byte
     * @param bytes how many bytes the read takes, 1 to 8
     * @param user whether the access is made in user mode
     * @return the physical address of the first byte, or -1
     */
    public long cachedReadAddress(long va, int bytes, boolean user) {
        if (!samePage(va, bytes)) {
            return -1;
        }
        int slot = tlb.probe(va, currentTag);
        if (slot < 0) {
            return -1;
        }
        int rights = tlb.rights(slot);
        if ((rights & Access.READ.requiredBit()) == 0
                || (user && (rights & MappingAccessRights.USER_ACCESSIBLE_BIT) == 0)) {
            return -1;
        }
        tlb.touch(slot);
        return tlb.physicalAddress(slot, va);
    }

    /**
     * Whether walks set accessed flags and writes set dirty flags in the entries.
     *
     * @param on true to have walks and writes update the entries in memory, false (the default) to
     *     leave them
     */
    public void setAccessedDirtyUpdates(boolean on) {
        this.accessedDirtyUpdates = on;
    }

    /**
     * Whether walks set accessed flags and writes set dirty flags in the entries.
     *
     * @return the value last given to {@link #setAccessedDirtyUpdates}, false by default
     */
    public boolean accessedDirtyUpdates() {
        return accessedDirtyUpdates;
    }

    /**
     * Sets the accessed flag of each entry of a successful walk, and the leaf's dirty flag for a
     * write.
     */
    private static void markWalk(EntryFormat format, AddressWalk walk, boolean write) {
        int leaf = walk.level();
        for (int level = 0; level <= leaf; level++) {
            long raw = walk.current(level);
            long updated = format.withAccessed(level, raw);
            if (write && level == leaf) {
                updated = format.withDirty(level, updated);
            }
            if (updated != raw) {
                walk.write(level, updated);
            }
        }
    }

    /**
     * A walk of the tables as they are in memory now, bypassing and leaving alone the TLB.
     *
     * @param va the virtual address to walk
     * @return the translation, or the fault the hardware would raise (no exception is thrown for a
     *     fault)
     */
    public WalkResult walkFresh(long va) {
        return walker.walk(va, registers);
    }

    private void checkRights(long va, Access access, boolean user, int rights, int level) {
        if ((rights & access.requiredBit()) == 0) {
            throw new PageFaultException(
                    FaultType.PROTECTION,
                    level,
                    va,
                    access,
                    user,
                    "effective rights "
                            + MappingAccessRights.ofBits(rights)
                            + " lack "
                            + access.name().toLowerCase(Locale.ROOT));
        }
        boolean userPage = (rights & MappingAccessRights.USER_ACCESSIBLE_BIT) != 0;
        if (user && !userPage) {
            throw new PageFaultException(
                    FaultType.PROTECTION, level, va, access, user, "a supervisor-only page");
        }
        // four-bit rights cannot say "user may execute, kernel may not"; the format says whether
        // its kernel ever does
        if (!user
                && userPage
                && access == Access.EXECUTE
                && !roots.get(architecture.rootIndexFor(va).orElseThrow())
                        .format()
                        .kernelExecutesUserPages()) {
            throw new PageFaultException(
                    FaultType.PROTECTION,
                    level,
                    va,
                    access,
                    user,
                    "kernel instruction fetch from a user page, which this format never allows");
        }
    }

    // ------------------------------------------------------------------ virtual memory accesses

    @Override
    public long readLong(long va) {
        return readLong(va, false);
    }

    /**
     * Reads 8 bytes, little-endian, at {@code va}; an access crossing a page is translated byte by
     * byte.
     *
     * @param va the virtual address of the first byte
     * @param user whether the access is made in user mode
     * @return the 64-bit value stored there
     * @throws PageFaultException when a page of the 8 bytes is not readable
     */
    public long readLong(long va, boolean user) {
        if (samePage(va, 8)) {
            return memory.readLong(translate(va, Access.READ, user));
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value |= (readByte(va + i, user) & 0xFFL) << (8 * i);
        }
        return value;
    }

    @Override
    public void writeLong(long va, long value) {
        writeLong(va, value, false);
    }

    /**
     * Writes 8 bytes, little-endian, at {@code va}; both pages of a crossing write are translated
     * before any byte is written.
     *
     * @param va the virtual address of the first byte
     * @param value the 64-bit value to store
     * @param user whether the access is made in user mode
     * @throws PageFaultException when a page of the 8 bytes is not writable; nothing is written
     *     then
     */
    public void writeLong(long va, long value, boolean user) {
        if (samePage(va, 8)) {
            memory.writeLong(translate(va, Access.WRITE, user), value);
            return;
        }
        // translate every page first so a fault on the second page leaves the first unwritten
        translate(va, Access.WRITE, user);
        translate(va + 7, Access.WRITE, user);
        for (int i = 0; i < 8; i++) {
            memory.writeByte(translate(va + i, Access.WRITE, user), (byte) (value >>> (8 * i)));
        }
    }

    @Override
    public int readInt(long va) {
        if (samePage(va, 4)) {
            return memory.readInt(translate(va, Access.READ, false));
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (readByte(va + i, false) & 0xFF) << (8 * i);
        }
        return value;
    }

    @Override
    public void writeInt(long va, int value) {
        if (samePage(va, 4)) {
            memory.writeInt(translate(va, Access.WRITE, false), value);
            return;
        }
        translate(va, Access.WRITE, false);
        translate(va + 3, Access.WRITE, false);
        for (int i = 0; i < 4; i++) {
            memory.writeByte(translate(va + i, Access.WRITE, false), (byte) (value >>> (8 * i)));
        }
    }

    /**
     * Reads one byte at {@code va}.
     *
     * @param va the virtual address
     * @param user whether the access is made in user mode
     * @return the byte stored there
     * @throws PageFaultException when the page is not readable
     */
    public byte readByte(long va, boolean user) {
        return memory.readByte(translate(va, Access.READ, user));
    }

    /**
     * Reads {@code length} bytes at {@code va} into {@code into}, one translation per page crossed.
     *
     * @param va the virtual address of the first byte
     * @param into the array to fill
     * @param offset the index in {@code into} of the first byte
     * @param length how many bytes to read
     * @param user whether the access is made in user mode
     * @throws PageFaultException when a page of the range is not readable; the bytes before it are
     *     already copied
     */
    public void readBytes(long va, byte[] into, int offset, int length, boolean user) {
        int done = 0;
        while (done < length) {
            long at = va + done;
            int chunk = (int) Math.min(length - done, pageSize - (at & (pageSize - 1)));
            memory.read(translate(at, Access.READ, user), into, offset + done, chunk);
            done += chunk;
        }
    }

    /**
     * Writes {@code length} bytes at {@code va}. Every page is translated before the first byte is
     * written, so a fault anywhere leaves memory unchanged.
     *
     * @param va the virtual address of the first byte
     * @param from the array to copy from
     * @param offset the index in {@code from} of the first byte
     * @param length how many bytes to write
     * @param user whether the access is made in user mode
     * @throws PageFaultException when a page of the range is not writable
     */
    public void writeBytes(long va, byte[] from, int offset, int length, boolean user) {
        for (long at = va; length > 0 && at - va < length; at = (at & -pageSize) + pageSize) {
            translate(at, Access.WRITE, user);
        }
        int done = 0;
        while (done < length) {
            long at = va + done;
            int chunk = (int) Math.min(length - done, pageSize - (at & (pageSize - 1)));
            memory.write(translate(at, Access.WRITE, user), from, offset + done, chunk);
            done += chunk;
        }
    }

    private boolean samePage(long va, int bytes) {
        return (va & (pageSize - 1)) <= pageSize - bytes;
    }
}
