package io.pagoda.paging.testlib;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.HardwareVector.Meaning;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one {@link HardwareVector} through the {@link PageWalker} on fresh memory: the address or
 * fault (with its level), the leaf's meaning (size, user and kernel rights, memory type, global)
 * and the break-before-make decisions it states. Every difference names the vector, what it expects
 * and what was found.
 */
public final class HardwareVectorCheck {
    private static final int RWX =
            MappingAccessRights.READABLE_BIT
                    | MappingAccessRights.WRITABLE_BIT
                    | MappingAccessRights.EXECUTABLE_BIT;

    private HardwareVectorCheck() {}

    /**
     * Compares the walker with the vector.
     *
     * @param architecture the architecture whose walk is checked
     * @param vector the hand-worked expectation
     * @return null when they agree, else {@link #mismatches}'s sentences joined by "; "
     */
    public static @Nullable String mismatch(Architecture architecture, HardwareVector vector) {
        List<String> all = mismatches(architecture, vector);
        return all.isEmpty() ? null : String.join("; ", all);
    }

    /**
     * Asserts that the walker agrees with the vector.
     *
     * @param architecture the architecture whose walk is checked
     * @param vector the hand-worked expectation
     * @throws AssertionFailedError with {@link #mismatch}'s sentences when they differ
     */
    public static void assertAgrees(Architecture architecture, HardwareVector vector) {
        String wrong = mismatch(architecture, vector);
        if (wrong != null) {
            throw new AssertionFailedError(wrong);
        }
    }

    /**
     * {@link #assertAgrees(Architecture, HardwareVector)}, the failure prefixed with what the case
     * shows.
     *
     * @param architecture the architecture whose walk is checked
     * @param vector the hand-worked expectation
     * @param context what the case shows, put before the failure's sentences
     * @throws AssertionFailedError with {@code context} and {@link #mismatch}'s sentences when they
     *     differ
     */
    public static void assertAgrees(
            Architecture architecture, HardwareVector vector, String context) {
        String wrong = mismatch(architecture, vector);
        if (wrong != null) {
            throw new AssertionFailedError(context + ": " + wrong);
        }
    }

    /**
     * The vector's memory, written as it says.
     *
     * @param architecture the architecture, whose physical address width sizes the memory (33 to 63
     *     bits)
     * @param vector the vector whose entries are written, each at its address with the vector's
     *     entry size
     * @return fresh sparse memory holding exactly the vector's entries
     */
    public static SparseMemory memoryOf(Architecture architecture, HardwareVector vector) {
        SparseMemory memory =
                new SparseMemory(Math.min(63, Math.max(architecture.physicalAddressBits(), 33)));
        for (Map.Entry<Long, Long> entry : vector.entries().entrySet()) {
            memory.writeEntry(entry.getKey(), vector.entrySize(), entry.getValue());
        }
        return memory;
    }

    /**
     * The walk the vector describes, as the walker does it: from the vector's root register value,
     * or through the architecture's root selection when the address belongs to another root than
     * the vector's.
     *
     * @param architecture the architecture whose walker runs
     * @param vector the vector giving memory, register value and address
     * @return the walk's result, a translation or a fault
     */
    public static WalkResult walk(Architecture architecture, HardwareVector vector) {
        SparseMemory memory = memoryOf(architecture, vector);
        long[] registers = new long[architecture.roots().size()];
        registers[vector.rootIndex()] = vector.registerValue();
        WalkResult result =
                new PageWalker(architecture, memory)
                        .walk(vector.rootIndex(), vector.registerValue(), vector.virtualAddress());
        if (architecture.rootIndexFor(vector.virtualAddress()).orElse(-1) != vector.rootIndex()) {
            result = new PageWalker(architecture, memory).walk(vector.virtualAddress(), registers);
        }
        return result;
    }

    /**
     * Every difference between the walker and the vector: address or fault and its level, the
     * leaf's meaning, global table entries, the retained bits and the break-before-make decisions
     * the vector states.
     *
     * @param architecture the architecture whose walk and format are checked
     * @param vector the hand-worked expectation
     * @return one sentence per difference, each naming the vector; empty when they agree
     */
    public static List<String> mismatches(Architecture architecture, HardwareVector vector) {
        List<String> out = new ArrayList<>();
        WalkResult result = walk(architecture, vector);
        String va = Hex.of(vector.virtualAddress());
        if (vector.expectsFault()) {
            if (result.fault() != vector.fault()) {
                out.add(
                        vector.id()
                                + ": expected a "
                                + vector.fault()
                                + " fault for "
                                + va
                                + " but got "
                                + result);
            } else if (result.fault() == FaultType.ROOT_LOAD
                    && (result.detail() == null || result.detail().isBlank())) {
                // a load refused without a word leaves the reader of a dump guessing which
                // register bit or entry to fix
                out.add(vector.id() + ": the root load faults, but rootLoadFault gives no reason");
            } else if (vector.faultLevel() != HardwareVector.ANY_LEVEL
                    && result.level() != vector.faultLevel()) {
                out.add(
                        vector.id()
                                + ": expected the "
                                + vector.fault()
                                + " fault for "
                                + va
                                + " at level "
                                + vector.faultLevel()
                                + " but got it at level "
                                + result.level()
                                + " ("
                                + result
                                + ")");
            }
        } else if (result.isFault() || result.physicalAddress() != vector.physicalAddress()) {
            out.add(
                    vector.id()
                            + ": expected "
                            + va
                            + " -> "
                            + Hex.of(vector.physicalAddress())
                            + " but got "
                            + result);
        } else if (vector.meaning() != null) {
            Meaning found = meaningOf(architecture, result);
            if (!found.equals(vector.meaning())) {
                out.add(
                        vector.id()
                                + ": expected "
                                + va
                                + " to mean "
                                + vector.meaning()
                                + " but the walk found "
                                + found);
            }
        }
        EntryFormat format = architecture.roots().get(vector.rootIndex()).format();
        globalTableEntries(architecture, vector, out);
        if (vector.retained() != HardwareVector.UNSTATED && !result.isFault()) {
            long leaf = leafEntry(architecture, vector);
            long kept = format.retainedBits(result.level(), leaf);
            if (kept != vector.retained()) {
                out.add(
                        vector.id()
                                + ": a protect or split of leaf "
                                + Hex.of(leaf)
                                + " must keep bits "
                                + Hex.of(vector.retained())
                                + " but retainedBits gives "
                                + Hex.of(kept));
            }
        }
        for (HardwareVector.Rewrite rewrite : vector.rewrites()) {
            // a rewrite names an entry of the vector (HardwareVector checks it when built)
            long old = vector.entries().getOrDefault(rewrite.entryAddress(), 0L);
            boolean decided = format.needsBreakBeforeMake(rewrite.level(), old, rewrite.newValue());
            if (decided != rewrite.needsBreakBeforeMake()) {
                out.add(
                        vector.id()
                                + ": replacing "
                                + Hex.of(old)
                                + " by "
                                + Hex.of(rewrite.newValue())
                                + " at level "
                                + rewrite.level()
                                + " ("
                                + rewrite.what()
                                + ") "
                                + (rewrite.needsBreakBeforeMake() ? "needs" : "does not need")
                                + " break-before-make, but needsBreakBeforeMake says "
                                + decided);
            }
        }
        return out;
    }

    /**
     * Global is a property of leaves: a table entry's bit in the leaf's G/nG place is ignored by
     * the walk (x86 bit 8 of a PML4E/PDPTE/PDE that links a table; an AArch64 table descriptor's
     * bit 11), so a format must never report a table entry as global, or a TLB would keep
     * translations a root switch should drop.
     */
    private static void globalTableEntries(
            Architecture architecture, HardwareVector vector, List<String> out) {
        TranslationRoot root = architecture.roots().get(vector.rootIndex());
        SparseMemory memory = memoryOf(architecture, vector);
        long table = root.tableAddress(vector.registerValue());
        if (root.canonicalForm().isCanonical(vector.virtualAddress())
                && root.rootLoadFault(memory, table) == null) {
            Geometry geometry = root.geometry();
            EntryFormat format = root.format();
            long linear = root.canonicalForm().linear(vector.virtualAddress());
            for (int level = 0; level <= geometry.lastLevel(); level++) {
                long raw =
                        memory.readEntry(
                                table
                                        + (long) geometry.indexOf(level, linear)
                                                * geometry.entrySize(level),
                                geometry.entrySize(level));
                EntryKind kind = format.kind(level, raw);
                if (kind != EntryKind.TABLE) {
                    boolean notMapping =
                            kind == EntryKind.UNUSED
                                    || kind == EntryKind.GUARD
                                    || kind == EntryKind.INVALID;
                    if (notMapping && format.isGlobal(level, raw)) {
                        out.add(
                                vector.id()
                                        + ": the level-"
                                        + level
                                        + " entry "
                                        + Hex.of(raw)
                                        + " is "
                                        + kind
                                        + " yet reads as global");
                    }
                    return;
                }
                if (format.isGlobal(level, raw)) {
                    out.add(
                            vector.id()
                                    + ": the level-"
                                    + level
                                    + " table entry "
                                    + Hex.of(raw)
                                    + " reads as global, but global is a "
                                    + "property of leaves (the walk ignores that bit in a table entry)");
                }
                table = format.tableAddress(level, raw);
            }
        }
    }

    /**
     * The raw leaf a successful walk of the vector ends at, read level by level as the hardware
     * indexes.
     *
     * @param architecture the architecture whose geometry and format index the tables
     * @param vector the vector giving memory, register value and address
     * @return the first entry on the walk that is not a table entry
     * @throws IllegalStateException when every level holds a table entry
     */
    public static long leafEntry(Architecture architecture, HardwareVector vector) {
        TranslationRoot root = architecture.roots().get(vector.rootIndex());
        Geometry geometry = root.geometry();
        EntryFormat format = root.format();
        SparseMemory memory = memoryOf(architecture, vector);
        long linear = root.canonicalForm().linear(vector.virtualAddress());
        long table = root.tableAddress(vector.registerValue());
        for (int level = 0; level <= geometry.lastLevel(); level++) {
            long raw =
                    memory.readEntry(
                            table
                                    + (long) geometry.indexOf(level, linear)
                                            * geometry.entrySize(level),
                            geometry.entrySize(level));
            if (format.kind(level, raw) != EntryKind.TABLE) {
                return raw;
            }
            table = format.tableAddress(level, raw);
        }
        throw new IllegalStateException("the walk of " + vector.id() + " ends at no leaf");
    }

    /**
     * What a successful walk means in hardware terms: user rights are the effective rights when the
     * page is user-accessible (none otherwise); kernel rights are the effective rights, without
     * execution of a user page where the format forbids it.
     *
     * @param architecture the architecture whose format says whether the kernel may execute user
     *     pages
     * @param result a walk that translated (not a fault)
     * @return the size, level, user and kernel rights, memory type and global bit of the leaf
     */
    public static Meaning meaningOf(Architecture architecture, WalkResult result) {
        int rights = result.flags().rights().bits();
        boolean userPage = (rights & MappingAccessRights.USER_ACCESSIBLE_BIT) != 0;
        int user = userPage ? rights & RWX : 0;
        int kernel = rights & RWX;
        if (userPage
                && !architecture
                        .roots()
                        .get(result.rootIndex())
                        .format()
                        .kernelExecutesUserPages()) {
            kernel &= ~MappingAccessRights.EXECUTABLE_BIT;
        }
        return new Meaning(
                result.size(),
                result.level(),
                MappingAccessRights.ofBits(user),
                MappingAccessRights.ofBits(kernel),
                result.flags().memoryType(),
                result.global());
    }
}
