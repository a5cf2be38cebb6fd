package io.pagoda.paging.image;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.ForwardingArchitecture;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Tables in a memory image read as the CPU holds them: the image was taken while the root registers
 * were loaded, so the checks the hardware makes only at that load ({@link
 * EntryFormat#loadCheckedBits}) passed then, and bits such entries show now were set afterwards
 * (QEMU's walker sets Accessed in PAE PDPTEs, which the CPU, holding them in registers, never
 * re-reads). {@link #asLoaded} decodes root-table entries with those bits cleared; {@link #find}
 * lists them, for a warning or for a strict reader's refusal. Knows no architecture: the formats
 * say which bits are load-checked. The simulated machine never uses this view: what it writes and
 * loads stays strict.
 */
public final class LoadedRoots {
    private LoadedRoots() {}

    /**
     * A root-table entry with load-checked bits set.
     *
     * @param registerName the root register whose table holds the entry, as the architecture names
     *     it (e.g. CR3)
     * @param index the entry's index in the root table (level 0)
     * @param physicalAddress the physical address of the entry, in bytes
     * @param raw the entry's raw value as the image holds it
     * @param bits the load-checked bits of {@code raw} that are set (a subset of {@code raw})
     */
    public record LoadCheckedEntry(
            String registerName, int index, long physicalAddress, long raw, long bits) {
        /**
         * The entry on one line, for a warning or a refusal.
         *
         * @return e.g. {@code CR3 entry 2 at 0x345ff0 = 0x123456021 (bits 0x20)}
         */
        public String describe() {
            return registerName
                    + " entry "
                    + index
                    + " at "
                    + Hex.of(physicalAddress)
                    + " = "
                    + Hex.of(raw)
                    + " (bits "
                    + Hex.of(bits)
                    + ")";
        }
    }

    /**
     * The root-table entries of each given register whose load-checked bits are set, in register
     * and index order. A root table that lies (partly) outside memory is scanned up to its first
     * unreadable entry only: the walk reports such a table itself.
     *
     * @param architecture the architecture whose roots ({@link Architecture#roots()}) the registers
     *     load, in order
     * @param memory the memory image holding the tables
     * @param registers the root registers' values, one per root in the architecture's order; values
     *     beyond the architecture's roots are ignored
     * @return the entries found, empty when no root table has a load-checked bit set
     */
    public static List<LoadCheckedEntry> find(
            Architecture architecture, PhysicalMemory memory, long... registers) {
        List<LoadCheckedEntry> found = new ArrayList<>();
        for (int i = 0; i < registers.length && i < architecture.roots().size(); i++) {
            TranslationRoot root = architecture.roots().get(i);
            scan(root, memory, root.tableAddress(registers[i]), found);
        }
        return found;
    }

    private static void scan(
            TranslationRoot root, PhysicalMemory memory, long table, List<LoadCheckedEntry> into) {
        Geometry geometry = root.geometry();
        int size = geometry.entrySize(0);
        // entry after entry, stepping by the entry size (addresses to indices are the range
        // cursor's, a layer above this one; a scan of a whole table needs none)
        long at = table - size;
        for (int index = 0; index < geometry.entryCount(0); index++) {
            at += size;
            long raw;
            try {
                raw = memory.readEntry(at, size);
            } catch (PhysicalAddressException e) {
                return; // the walk reports a table outside memory itself
            }
            long bits = root.format().loadCheckedBits(0, raw);
            if (bits != 0) {
                into.add(new LoadCheckedEntry(root.registerName(), index, at, raw, bits));
            }
        }
    }

    /**
     * The architecture with every root read as loaded (entries of formats without load-checked bits
     * read unchanged).
     *
     * @param architecture the architecture to view as loaded; one already viewed so is returned as
     *     it is
     * @return an architecture that delegates everything to {@code architecture} except its roots,
     *     whose entries are decoded with their load-checked bits cleared
     */
    public static Architecture asLoaded(Architecture architecture) {
        return architecture instanceof LoadedArchitecture
                ? architecture
                : new LoadedArchitecture(architecture);
    }

    /**
     * Forwards everything; only the roots differ. Configured through its delegate's provider, then
     * viewed as loaded again ({@link #withDelegate}).
     */
    private static final class LoadedArchitecture extends ForwardingArchitecture {
        private final Architecture delegate;
        private final List<TranslationRoot> roots;

        LoadedArchitecture(Architecture delegate) {
            this.delegate = delegate;
            this.roots = delegate.roots().stream().<TranslationRoot>map(LoadedRoot::new).toList();
        }

        @Override
        public Architecture delegate() {
            return delegate;
        }

        @Override
        public Architecture withDelegate(Architecture configured) {
            return asLoaded(configured);
        }

        @Override
        public List<TranslationRoot> roots() {
            return roots;
        }

        /** Two loaded views of equal variants are equal, as the record this was compared. */
        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof LoadedArchitecture loaded && loaded.delegate.equals(delegate);
        }

        @Override
        public int hashCode() {
            return delegate.hashCode();
        }
    }

    /** A root whose load already happened: its entries decoded without their load-checked bits. */
    private record LoadedRoot(TranslationRoot delegate, EntryFormat format)
            implements TranslationRoot {
        LoadedRoot(TranslationRoot delegate) {
            this(delegate, new LoadedFormat(delegate.format()));
        }

        @Override
        public String registerName() {
            return delegate.registerName();
        }

        @Override
        public Geometry geometry() {
            return delegate.geometry();
        }

        @Override
        public CanonicalForm canonicalForm() {
            return delegate.canonicalForm();
        }

        @Override
        public long tableAddress(long registerValue) {
            return delegate.tableAddress(registerValue);
        }

        @Override
        public int tag(long registerValue) {
            return delegate.tag(registerValue);
        }

        @Override
        public long registerValue(long tablePhysicalAddress, int tag) {
            return delegate.registerValue(tablePhysicalAddress, tag);
        }

        @Override
        public long rootAlignment() {
            return delegate.rootAlignment();
        }

        @Override
        public long rootAddressLimit() {
            return delegate.rootAddressLimit();
        }

        /**
         * With load-checked bits in the root table, the load that refused them is known to have
         * succeeded before they were set (the image shows a running CPU); whatever else is wrong
         * the walk still meets per entry. Without them, the delegate's load checks hold unchanged.
         */
        @Override
        public @Nullable String rootLoadFault(PhysicalMemory memory, long tablePhysicalAddress) {
            List<LoadCheckedEntry> found = new ArrayList<>();
            scan(delegate, memory, tablePhysicalAddress, found);
            return found.isEmpty() ? delegate.rootLoadFault(memory, tablePhysicalAddress) : null;
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }

    /** Every function of the delegate, on the entry with its load-checked bits cleared. */
    private record LoadedFormat(EntryFormat delegate) implements EntryFormat {
        private long held(int level, long raw) {
            return raw & ~delegate.loadCheckedBits(level, raw);
        }

        @Override
        public Geometry geometry() {
            return delegate.geometry();
        }

        @Override
        public EntryKind kind(int level, long raw) {
            return delegate.kind(level, held(level, raw));
        }

        @Override
        public long tableAddress(int level, long raw) {
            return delegate.tableAddress(level, held(level, raw));
        }

        @Override
        public long leafAddress(int level, long raw) {
            return delegate.leafAddress(level, held(level, raw));
        }

        @Override
        public long tableEntry(int level, long tablePhysicalAddress) {
            return delegate.tableEntry(level, tablePhysicalAddress);
        }

        @Override
        public long kernelTableEntry(int level, long tablePhysicalAddress) {
            return delegate.kernelTableEntry(level, tablePhysicalAddress);
        }

        @Override
        public long leafTemplate(int level, MappingFlags flags) {
            return delegate.leafTemplate(level, flags);
        }

        @Override
        public long leafEntry(int level, long template, long physicalAddress) {
            return delegate.leafEntry(level, template, physicalAddress);
        }

        @Override
        public long guardEntry(int level) {
            return delegate.guardEntry(level);
        }

        @Override
        public MappingFlags leafFlags(int level, long raw) {
            return delegate.leafFlags(level, held(level, raw));
        }

        @Override
        public int tableRightsLimit(int level, long raw) {
            return delegate.tableRightsLimit(level, held(level, raw));
        }

        @Override
        public int combineRights(int leafRights, int tableLimit) {
            return delegate.combineRights(leafRights, tableLimit);
        }

        @Override
        public boolean kernelExecutesUserPages() {
            return delegate.kernelExecutesUserPages();
        }

        @Override
        public boolean isGlobal(int level, long raw) {
            return delegate.isGlobal(level, held(level, raw));
        }

        @Override
        public boolean needsBreakBeforeMake(int level, long oldRaw, long newRaw) {
            return delegate.needsBreakBeforeMake(level, oldRaw, newRaw);
        }

        @Override
        public long leafAddressLimit(int level) {
            return delegate.leafAddressLimit(level);
        }

        @Override
        public long tableAddressLimit(int level) {
            return delegate.tableAddressLimit(level);
        }

        @Override
        public MappingFlags effectiveFlags(int level, MappingFlags requested) {
            return delegate.effectiveFlags(level, requested);
        }

        @Override
        public long retainedBits(int level, long raw) {
            return delegate.retainedBits(level, raw);
        }

        @Override
        public long withAccessed(int level, long raw) {
            return delegate.withAccessed(level, raw);
        }

        @Override
        public long withDirty(int level, long raw) {
            return delegate.withDirty(level, raw);
        }

        @Override
        public long loadCheckedBits(int level, long raw) {
            return delegate.loadCheckedBits(level, raw);
        }

        @Override
        public String malformation(int level, long raw) {
            return delegate.malformation(level, held(level, raw));
        }

        @Override
        public String describe(int level, long raw) {
            return delegate.describe(level, held(level, raw));
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
