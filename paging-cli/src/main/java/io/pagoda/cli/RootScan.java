package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.image.ImageSegment;
import io.pagoda.paging.image.LoadedRoots;
import io.pagoda.paging.image.MappedImageMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.RangeCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds pages of an image that could be the top table of one root of one variant, for {@code pagoda
 * find-roots}. Only the variant's geometry and entry format are asked, so it works for every
 * architecture. Entries are judged as the loaded CPU holds them ({@link LoadedRoots}): a dump shows
 * a running CPU, so bits the hardware checks only when the root register is loaded (QEMU's Accessed
 * bit in PAE PDPTEs) were set after a load that succeeded and do not disqualify a table. Three
 * passes, each cheaper per page than the next and run on fewer pages:
 *
 * <ol>
 *   <li>every aligned address: each top-level entry must decode (unused, guard, table or leaf; no
 *       reserved or invalid bits) and point inside the image, with at least one table link; stops
 *       at the first bad entry;
 *   <li>the survivors' lower tables: every entry of each linked table must decode the same way;
 *   <li>the best of those are walked (bounded): leaves and bytes mapped, entries the hardware would
 *       fault on, the upper half's entries (which the kernel shares between address spaces) and
 *       links back to the table itself.
 * </ol>
 */
final class RootScan {
    /** What one candidate showed. */
    /**
     * {@code bytesMapped} and {@code upperHalfBytes} count image memory reached by leaves, each 4
     * KiB page once.
     */
    record Candidate(
            Architecture architecture,
            int rootIndex,
            long table,
            long leaves,
            long bytesMapped,
            long upperHalfBytes,
            long faults,
            long tables,
            int selfLinks,
            long upperHalfHash,
            int lowerHalfEntries,
            int usedEntries,
            int accessedEntries,
            long spanMapped,
            Set<Long> visited,
            boolean complete) {
        /**
         * Memory reached, weighed by the share of what the leaves span that is memory reached: a
         * table the kernel runs on maps each page of memory about once, while boot-time copies map
         * it twice (identity and kernel address) and garbage repeats blocks or maps past the end of
         * memory.
         */
        double weight() {
            return spanMapped == 0
                    ? 0
                    : (double) bytesMapped * ((double) bytesMapped / (double) spanMapped);
        }

        TranslationRoot root() {
            return architecture.roots().get(rootIndex);
        }

        long register() {
            return root().registerValue(table, 0);
        }
    }

    private final MappedImageMemory memory;
    private final long[] starts;
    private final long[] ends;
    // the first image page of each segment, numbering the pages a walk reaches across all segments
    private final long[] firstPage;
    private final int imagePages;
    private final long walkBudget;

    RootScan(MappedImageMemory memory, long walkBudget) {
        this.memory = memory;
        List<ImageSegment> segments = memory.segments();
        starts = new long[segments.size()];
        ends = new long[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            starts[i] = segments.get(i).physicalStart();
            // only bytes the file holds: past them everything reads as zero, which holds no table
            ends[i] = segments.get(i).physicalStart() + segments.get(i).fileLength();
        }
        firstPage = new long[starts.length];
        long pages = 0;
        for (int i = 0; i < starts.length; i++) {
            firstPage[i] = pages;
            pages += (ends[i] - starts[i] + PAGE - 1) / PAGE;
        }
        imagePages = (int) Math.min(pages, Integer.MAX_VALUE - 64);
        this.walkBudget = walkBudget;
    }

    private static final long PAGE = 4096;

    /** Marks the image pages {@code [pa, pa + length)} covers in {@code reached}. */
    private void reach(BitSet reached, long pa, long length) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(pa, starts[mid]) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(pa, ends[mid]) >= 0) {
                lo = mid + 1;
            } else {
                long room = ends[mid] - pa;
                long inside = Long.compareUnsigned(room, length) < 0 ? room : length;
                long first = firstPage[mid] + (pa - starts[mid]) / PAGE;
                long last = firstPage[mid] + (pa - starts[mid] + inside - 1) / PAGE;
                if (last < imagePages) {
                    reached.set((int) first, (int) last + 1);
                }
                return;
            }
        }
    }

    /** Whether {@code [pa, pa + length)} lies in bytes the file holds. */
    boolean inside(long pa, long length) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(pa, starts[mid]) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(pa, ends[mid]) >= 0) {
                lo = mid + 1;
            } else {
                return Long.compareUnsigned(ends[mid] - pa, length) >= 0;
            }
        }
        return false;
    }

    /** One root of one variant being scanned, with what pass 1 and 2 let through. */
    private static final class Spec {
        final Architecture architecture;
        final int rootIndex;
        final TranslationRoot root;
        final Geometry geometry;
        final RangeCursor cursor;
        final EntryFormat format;
        final int topEntries;
        final int entrySize;
        final long topBytes;
        final long alignment;
        final long limit;
        final List<long[]> survivors = new ArrayList<>();
        final Map<Long, Long> judged = new HashMap<>();
        final long[] buffer;

        Spec(Architecture architecture, int rootIndex) {
            this.architecture = architecture;
            this.rootIndex = rootIndex;
            root = loadedRoot(architecture, rootIndex);
            geometry = root.geometry();
            cursor = new RangeCursor(geometry);
            format = root.format();
            topEntries = geometry.entryCount(0);
            entrySize = geometry.entrySize(0);
            topBytes = geometry.level(0).tableBytes();
            alignment = Math.max(entrySize, root.rootAlignment());
            limit = root.rootAddressLimit();
            buffer =
                    new long
                            [geometry.levelCount() < 2
                                    ? 1
                                    : (int) ((geometry.level(1).tableBytes() + 7L) >>> 3)];
        }
    }

    /**
     * Bytes read per bulk copy: the largest top table (64 KiB granule) fits, so aligned tables
     * never straddle two reads.
     */
    static final int CHUNK = 64 * 1024;

    /**
     * Candidates for the last root of each variant (x86: CR3; AArch64: TTBR1, the kernel's half,
     * which always has tables), at most {@code keep} per variant, of which {@code walked} are
     * walked in pass 3. The image is read once, in chunks copied to a long array, and every variant
     * checks each chunk.
     */
    List<Candidate> scan(List<Architecture> variants, int keep, int walked) {
        List<Spec> specs = new ArrayList<>();
        for (Architecture variant : variants) {
            specs.add(new Spec(variant, variant.roots().size() - 1));
        }
        long[] chunk = new long[CHUNK / 8];
        for (int s = 0; s < starts.length; s++) {
            long readStart = (starts[s] + 7) & -8L;
            while (Long.compareUnsigned(readStart, ends[s]) < 0) {
                long readEnd = Math.min((readStart & -(long) CHUNK) + CHUNK, ends[s]);
                int longs = (int) ((readEnd - readStart) >>> 3);
                if (longs == 0) {
                    break;
                }
                memory.readLongs(readStart, chunk, longs);
                if (!allZero(chunk, longs)) {
                    for (Spec spec : specs) {
                        scanChunk(spec, chunk, readStart, readStart + 8L * longs);
                    }
                }
                readStart = readEnd;
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Spec spec : specs) {
            // the fullest lower tables first: they are walked
            spec.survivors.sort((a, b) -> Long.compare(b[1], a[1]));
            List<Candidate> mine = new ArrayList<>();
            for (int i = 0; i < spec.survivors.size() && i < walked; i++) {
                mine.add(walk(spec.architecture, spec.rootIndex, spec.survivors.get(i)[0]));
            }
            List<Candidate> best = ranked(mine);
            candidates.addAll(best.subList(0, Math.min(keep, best.size())));
        }
        return candidates;
    }

    private static boolean allZero(long[] values, int count) {
        long any = 0;
        for (int i = 0; i < count; i++) {
            any |= values[i];
        }
        return any == 0;
    }

    private void scanChunk(Spec spec, long[] chunk, long chunkStart, long chunkEnd) {
        long first = (chunkStart + spec.alignment - 1) & -spec.alignment;
        for (long table = first;
                Long.compareUnsigned(table + spec.topBytes, chunkEnd) <= 0
                        && Long.compareUnsigned(table, spec.limit) < 0;
                table += spec.alignment) {
            int links = topLevelLinks(spec, chunk, (int) (table - chunkStart));
            if (links > 0 && spec.root.rootLoadFault(memory, table) == null) {
                long lower = lowerTablesScore(spec, table);
                if (lower >= 0) {
                    spec.survivors.add(new long[] {table, lower});
                }
            }
        }
    }

    /**
     * The entry at byte {@code at} of the chunk (a table's offset in the chunk plus the cursor's
     * {@link RangeCursor#entryOffset}).
     */
    private static long entry(long[] chunk, long position, int entrySize) {
        int at = (int) position;
        if (entrySize == 8) {
            return chunk[at >>> 3];
        }
        return (chunk[at >>> 3] >>> ((at & 4) * 8)) & 0xFFFF_FFFFL;
    }

    /**
     * Best first: tables with no faulting entry before others; then tables reaching memory through
     * their upper half (where every x86 kernel maps itself, and every address space shares it; a
     * two-root variant's TTBR1 counts whole) before those reaching none there (boot-time identity
     * maps, and other tables read as a top table: an x86-64 PDPT read as a PAE PDPT maps the direct
     * map through its first entry only); then the most image memory reached (each page once: the
     * table a running kernel uses maps all of memory); among equals, the most economical ({@link
     * Candidate#weight}: boot-time copies map memory twice, garbage repeats blocks or maps past
     * memory); then the fewest used top-level entries (the kernel's own table, which the other
     * address spaces copy and add entries to, is what a kernel thread or a panicked kernel runs
     * on); then more top-level entries the hardware marked accessed; then more memory reached in
     * all, more leaves, lower address.
     */
    static List<Candidate> ranked(List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(
                (a, b) -> {
                    if ((a.faults() == 0) != (b.faults() == 0)) {
                        return a.faults() == 0 ? -1 : 1;
                    }
                    if ((a.upperHalfBytes() == 0) != (b.upperHalfBytes() == 0)) {
                        return a.upperHalfBytes() != 0 ? -1 : 1;
                    }
                    if (a.bytesMapped() != b.bytesMapped()) {
                        return Long.compareUnsigned(b.bytesMapped(), a.bytesMapped());
                    }
                    if (a.weight() != b.weight()) {
                        return Double.compare(b.weight(), a.weight());
                    }
                    if (a.usedEntries() != b.usedEntries()) {
                        return Integer.compare(a.usedEntries(), b.usedEntries());
                    }
                    if (a.accessedEntries() != b.accessedEntries()) {
                        return Integer.compare(b.accessedEntries(), a.accessedEntries());
                    }
                    return better(a, b);
                });
        // a table another candidate's walk passes through, reaching no less memory, is one of its
        // lower tables (or the
        // same table read by a variant that explains less of it): listed after every table no other
        // candidate holds
        List<Candidate> roots = new ArrayList<>();
        List<Candidate> inner = new ArrayList<>();
        for (Candidate c : sorted) {
            boolean held = false;
            for (Candidate other : sorted) {
                if (!other.equals(c)
                        && other.visited().contains(c.table())
                        && Long.compareUnsigned(other.bytesMapped(), c.bytesMapped()) >= 0
                        && (other.table() != c.table() || other.leaves() > c.leaves())) {
                    held = true;
                    break;
                }
            }
            (held ? inner : roots).add(c);
        }
        roots.addAll(inner);
        return roots;
    }

    /** More bytes mapped, more leaves, lower address. */
    static int better(Candidate a, Candidate b) {
        if (a.bytesMapped() != b.bytesMapped()) {
            return Long.compareUnsigned(b.bytesMapped(), a.bytesMapped());
        }
        if (a.leaves() != b.leaves()) {
            return Long.compare(b.leaves(), a.leaves());
        }
        return Long.compareUnsigned(a.table(), b.table());
    }

    private long read(long pa, int size) {
        return size == 8 ? memory.readLong(pa) : Integer.toUnsignedLong(memory.readInt(pa));
    }

    /**
     * Pass 1: the number of table links, or -1 at the first entry that does not decode or points
     * outside.
     */
    private int topLevelLinks(Spec spec, long[] chunk, int offset) {
        EntryFormat format = spec.format;
        int links = 0;
        for (int i = 0; i < spec.topEntries; i++) {
            long raw = entry(chunk, offset + spec.cursor.entryOffset(0, i), spec.entrySize);
            if (raw == 0) {
                continue;
            }
            switch (format.kind(0, raw)) {
                case UNUSED, GUARD -> {}
                case TABLE -> {
                    if (spec.geometry.levelCount() < 2
                            || !inside(
                                    format.tableAddress(0, raw),
                                    spec.geometry.level(1).tableBytes())) {
                        return -1;
                    }
                    links++;
                }
                case LEAF -> {
                    if (!inside(format.leafAddress(0, raw), 1)) {
                        return -1;
                    }
                }
                default -> {
                    return -1;
                }
            }
        }
        return links;
    }

    /**
     * Pass 2: the number of used entries in the linked tables, or -1 when one of them holds an
     * entry that does not decode. Each lower table is judged once per variant (garbage candidates
     * often point at the same pages) and read with one bulk copy.
     */
    private long lowerTablesScore(Spec spec, long table) {
        long used = 0;
        for (int i = 0; i < spec.topEntries; i++) {
            long raw = read(table + spec.cursor.entryOffset(0, i), spec.entrySize);
            if (raw == 0 || spec.format.kind(0, raw) != EntryKind.TABLE) {
                continue;
            }
            long child = spec.format.tableAddress(0, raw);
            Long known = spec.judged.get(child);
            long score = known != null ? known : judge(spec, child);
            if (known == null && spec.judged.size() < MAX_JUDGED) {
                spec.judged.put(child, score);
            }
            if (score < 0) {
                return -1;
            }
            used += score;
        }
        return used;
    }

    /**
     * Lower tables remembered per variant at most: a bound on the memo's memory, not on
     * correctness.
     */
    private static final int MAX_JUDGED = 1 << 20;

    /** The used entries of one level-1 table, or -1 when one does not decode. */
    private long judge(Spec spec, long child) {
        int entries = spec.geometry.entryCount(1);
        int size = spec.geometry.entrySize(1);
        int longs = (int) ((spec.cursor.entryOffset(1, entries) + 7) >>> 3);
        memory.readLongs(child, spec.buffer, longs);
        if (allZero(spec.buffer, longs)) {
            return 0;
        }
        long used = 0;
        for (int j = 0; j < entries; j++) {
            long entry = entry(spec.buffer, spec.cursor.entryOffset(1, j), size);
            if (entry == 0) {
                continue;
            }
            EntryKind kind = spec.format.kind(1, entry);
            if (kind == EntryKind.RESERVED || kind == EntryKind.INVALID) {
                return -1;
            }
            used++;
        }
        return used;
    }

    /**
     * Root {@code rootIndex} of {@code architecture} read as loaded. Only the root is taken from
     * the loaded view: the candidate keeps the variant itself, whose registers and control-register
     * value the proposal prints.
     */
    static TranslationRoot loadedRoot(Architecture architecture, int rootIndex) {
        return LoadedRoots.asLoaded(architecture).roots().get(rootIndex);
    }

    /** Pass 3: a bounded walk of every level, counting what it maps and what would fault. */
    private Candidate walk(Architecture architecture, int rootIndex, long table) {
        TranslationRoot root = loadedRoot(architecture, rootIndex);
        Walk walk = new Walk(root, walkBudget);
        // the upper half first: with a bounded walk, tables sharing one kernel half count it alike
        int entries = root.geometry().entryCount(0);
        boolean split = architecture.roots().size() == 1 && entries >= 2;
        walk.tables++;
        walk.visited.add(table);
        if (split) {
            walk.entries(table, 0, table, entries / 2, entries);
        }
        long upperBytes = split ? walk.reached.cardinality() * PAGE : 0;
        walk.entries(table, 0, table, 0, split ? entries / 2 : entries);
        if (!split) {
            upperBytes = walk.reached.cardinality() * PAGE;
        }
        long upper = split ? upperHalfHash(root, table) : 0;
        return new Candidate(
                architecture,
                rootIndex,
                table,
                walk.leaves,
                walk.reached.cardinality() * PAGE,
                upperBytes,
                walk.faults,
                walk.tables,
                walk.selfLinks,
                upper,
                split ? lowerHalfEntries(root, table, entries / 2) : 0,
                lowerHalfEntries(root, table, entries),
                accessedEntries(root, table),
                walk.bytes,
                walk.visited,
                walk.budget > 0);
    }

    /**
     * A hash of the top table's upper half when one root translates the whole space (x86): the
     * kernel's half, which every address space of one kernel copies entry for entry from the
     * kernel's own table. 0 when empty.
     */
    private long upperHalfHash(TranslationRoot root, long table) {
        Geometry geometry = root.geometry();
        RangeCursor cursor = new RangeCursor(geometry);
        int entries = geometry.entryCount(0);
        int entrySize = geometry.entrySize(0);
        if (entries < 2) {
            return 0;
        }
        long hash = 0;
        for (int i = entries / 2; i < entries; i++) {
            hash = hash * 0x9E3779B97F4A7C15L + read(table + cursor.entryOffset(0, i), entrySize);
        }
        return hash == 0 ? 0 : hash | 1;
    }

    /**
     * Top-level entries with their Accessed flag set, where the format has one ({@link
     * EntryFormat#withAccessed} leaves them unchanged): the hardware sets it on the entries it
     * walks, so the table in use gathers more than copies made of it.
     */
    private int accessedEntries(TranslationRoot root, long table) {
        Geometry geometry = root.geometry();
        RangeCursor cursor = new RangeCursor(geometry);
        EntryFormat format = root.format();
        int entrySize = geometry.entrySize(0);
        // the flag as the format sets it in an empty entry; 0 when the format has none at this
        // level
        long flag = format.withAccessed(0, 0);
        int accessed = 0;
        for (int i = 0; flag != 0 && i < geometry.entryCount(0); i++) {
            long raw = read(table + cursor.entryOffset(0, i), entrySize);
            if ((raw & flag) == flag && format.kind(0, raw) == EntryKind.TABLE) {
                accessed++;
            }
        }
        return accessed;
    }

    /**
     * Used entries among the first {@code count} of the top table (the lower half: what an address
     * space adds).
     */
    private int lowerHalfEntries(TranslationRoot root, long table, int count) {
        RangeCursor cursor = new RangeCursor(root.geometry());
        int entrySize = cursor.entrySize(0);
        int used = 0;
        for (int i = 0; i < count; i++) {
            if (read(table + cursor.entryOffset(0, i), entrySize) != 0) {
                used++;
            }
        }
        return used;
    }

    /** Counts how many other candidates share each candidate's upper half. */
    static Map<String, Integer> sharedUpperHalves(List<Candidate> all) {
        Map<String, Integer> counts = new HashMap<>();
        for (Candidate c : all) {
            if (c.upperHalfHash() != 0) {
                counts.merge(familyKey(c), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Candidates of one variant with one upper half: the tables of one kernel. */
    static String familyKey(Candidate c) {
        return c.architecture().name() + "/" + c.upperHalfHash();
    }

    /**
     * Lower tables whose subtree counts one walk remembers at most: a bound on memory, not on
     * correctness.
     */
    private static final int MAX_SUBTREES = 1 << 16;

    /** One bounded depth-first walk. */
    private final class Walk {
        final Geometry geometry;
        final RangeCursor cursor;
        final EntryFormat format;
        long budget;
        long leaves;
        long bytes;
        final BitSet reached = new BitSet();
        final Set<Long> visited = new HashSet<>();
        long faults;
        long tables;
        int selfLinks;

        Walk(TranslationRoot root, long budget) {
            this.geometry = root.geometry();
            this.cursor = new RangeCursor(geometry);
            this.format = root.format();
            this.budget = budget;
        }

        // per lower table (address and level) walked in full: what its subtree added, {leaves,
        // bytes, faults, tables,
        // selfLinks}. Kernels link one lower table from many entries (x86-64's ESPFIX: one table
        // thousands of times);
        // walking it again reaches no new memory, so its counts are added once more instead, for
        // one entry of budget.
        final Map<Long, long[]> subtrees = new HashMap<>();

        void table(long table, int level, long top) {
            long key = table << 3 | level;
            long[] known = subtrees.get(key);
            if (known != null) {
                budget--;
                leaves += known[0];
                bytes += known[1];
                faults += known[2];
                tables += known[3];
                selfLinks += (int) known[4];
                return;
            }
            long leaves0 = leaves;
            long bytes0 = bytes;
            long faults0 = faults;
            long tables0 = tables;
            int selfLinks0 = selfLinks;
            tables++;
            visited.add(table);
            entries(table, level, top, 0, geometry.entryCount(level));
            if (budget > 0 && subtrees.size() < MAX_SUBTREES) {
                subtrees.put(
                        key,
                        new long[] {
                            leaves - leaves0,
                            bytes - bytes0,
                            faults - faults0,
                            tables - tables0,
                            selfLinks - selfLinks0
                        });
            }
        }

        /**
         * Entries {@code [0, to)} of the table at {@code level}, or null when they are not all in
         * the image (then read one by one).
         */
        long[] copy(long table, int level, int to) {
            int longs = (int) ((cursor.entryOffset(level, to) + 7) >>> 3);
            if (!inside(table, 8L * longs)) {
                return null;
            }
            if (copies.length <= level) {
                copies = Arrays.copyOf(copies, level + 1);
            }
            if (copies[level] == null || copies[level].length < longs) {
                copies[level] = new long[longs];
            }
            memory.readLongs(table, copies[level], longs);
            return copies[level];
        }

        // per level, the table being walked, copied with one bulk read (a lookup per entry cost a
        // third of the scan)
        long[][] copies = new long[0][];

        void entries(long table, int level, long top, int from, int to) {
            int entrySize = geometry.entrySize(level);
            long span = geometry.span(level);
            long[] copy = copy(table, level, to);
            for (int i = from; i < to && budget > 0; i++) {
                budget--;
                long raw =
                        copy != null
                                ? entry(copy, cursor.entryOffset(level, i), entrySize)
                                : read(table + cursor.entryOffset(level, i), entrySize);
                if (raw == 0) {
                    continue;
                }
                switch (format.kind(level, raw)) {
                    case TABLE -> {
                        long next = format.tableAddress(level, raw);
                        if (next == top) {
                            // a recursive slot: evidence of a self-mapping layout, not more memory
                            selfLinks++;
                        } else if (level + 1 < geometry.levelCount()
                                && inside(next, geometry.level(level + 1).tableBytes())) {
                            table(next, level + 1, top);
                        } else {
                            faults++;
                        }
                    }
                    case LEAF -> {
                        leaves++;
                        bytes += span;
                        // only memory the image holds counts, once: device windows (MMIO) reach
                        // none, and
                        // garbage that repeats one block reaches no more than one
                        reach(reached, format.leafAddress(level, raw), span);
                    }
                    case RESERVED, INVALID -> faults++;
                    default -> {}
                }
            }
        }
    }

    /** The register name and value of a candidate, as {@code CR3=0x1000}. */
    static String register(Candidate c) {
        return c.root().registerName() + "=" + Hex.of(c.register());
    }
}
