package io.pagoda.paging.cpu;

import io.pagoda.paging.Hex;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.AddressWalk;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Walks tables in physical memory the way the hardware does, from raw root register values: selects
 * the root, checks the canonical form, applies the root-load check, reads each level's entry and
 * faults like the hardware (not present, reserved bit, ...). An entry pointing outside memory is
 * reported as a reserved-bit fault with the reason, so a hostile image cannot crash or loop a walk
 * (depth is bounded by the geometry).
 *
 * <p>Each root's walk is one reusable {@link AddressWalk}, so a walker is not thread-safe: one walk
 * at a time.
 */
public final class PageWalker {
    private final Architecture architecture;
    private final PhysicalMemory memory;

    /** One reusable walk per root, made on first use. */
    private final AddressWalk[] walks;

    /**
     * A walker of {@code architecture}'s tables in {@code memory}.
     *
     * @param architecture the paging format walked
     * @param memory the physical memory holding the tables
     */
    public PageWalker(Architecture architecture, PhysicalMemory memory) {
        this.architecture = architecture;
        this.memory = memory;
        this.walks = new AddressWalk[architecture.roots().size()];
    }

    /**
     * Walks {@code va} with one raw register value per root (CR3; or TTBR0, TTBR1).
     *
     * @param va the virtual address to walk
     * @param registerValues the root registers' raw values, in the architecture's root order
     * @return the translation, or the fault the hardware would raise (a non-canonical address is a
     *     fault too)
     * @throws IllegalArgumentException when the root translating {@code va} has no value among
     *     {@code registerValues}
     */
    public WalkResult walk(long va, long... registerValues) {
        OptionalInt selected = architecture.rootIndexFor(va);
        if (selected.isEmpty()) {
            StringBuilder ranges = new StringBuilder();
            for (TranslationRoot root : architecture.roots()) {
                ranges.append(ranges.length() == 0 ? "" : ", ")
                        .append(root.registerName())
                        .append(' ')
                        .append(root.canonicalForm().describeRanges());
            }
            return new WalkResult(
                    va,
                    -1,
                    FaultType.NON_CANONICAL,
                    -1,
                    0,
                    null,
                    false,
                    -1,
                    Hex.of(va) + " is outside every translated range: " + ranges);
        }
        int rootIndex = selected.getAsInt();
        if (rootIndex >= registerValues.length) {
            throw new IllegalArgumentException(
                    Hex.of(va)
                            + " is translated by "
                            + architecture.roots().get(rootIndex).registerName()
                            + " but only "
                            + registerValues.length
                            + " register value(s) were given");
        }
        return walk(rootIndex, registerValues[rootIndex], va);
    }

    /**
     * Walks {@code va} through one root, given that root's raw register value.
     *
     * @param rootIndex the root's index in the architecture's roots, from 0
     * @param registerValue the root register's raw value
     * @param va the virtual address to walk
     * @return the translation, or the fault: non-canonical, root load, guard, not present or
     *     reserved bit (also for a table outside physical memory)
     */
    public WalkResult walk(int rootIndex, long registerValue, long va) {
        TranslationRoot root = architecture.roots().get(rootIndex);
        if (!root.canonicalForm().isCanonical(va)) {
            return new WalkResult(
                    va,
                    -1,
                    FaultType.NON_CANONICAL,
                    -1,
                    0,
                    null,
                    false,
                    rootIndex,
                    Hex.of(va)
                            + " is outside "
                            + root.registerName()
                            + "'s range "
                            + root.canonicalForm().describeRanges());
        }
        long table = root.tableAddress(registerValue);
        String rootFault = root.rootLoadFault(memory, table);
        if (rootFault != null) {
            return new WalkResult(
                    va, -1, FaultType.ROOT_LOAD, -1, 0, null, false, rootIndex, rootFault);
        }
        AddressWalk walk = walkFor(rootIndex);
        long linear = root.canonicalForm().linear(va);
        EntryKind kind;
        try {
            kind = walk.walk(table, linear);
        } catch (PhysicalAddressException e) {
            int level = walk.level();
            return new WalkResult(
                    va,
                    -1,
                    FaultType.RESERVED_BIT,
                    level,
                    root.geometry().span(level),
                    null,
                    false,
                    rootIndex,
                    "the level "
                            + level
                            + " table at "
                            + Hex.of(walk.table(level))
                            + " is outside physical memory: "
                            + e.getMessage());
        }
        int level = walk.level();
        long span = walk.span();
        long raw = walk.raw();
        return switch (kind) {
            case LEAF ->
                    new WalkResult(
                            va,
                            walk.physicalAddress(),
                            null,
                            level,
                            span,
                            walk.effectiveFlags(),
                            walk.isGlobal(),
                            rootIndex,
                            null);
            case GUARD ->
                    new WalkResult(
                            va,
                            -1,
                            FaultType.GUARD,
                            level,
                            span,
                            null,
                            false,
                            rootIndex,
                            "guard entry " + Hex.of(raw));
            case UNUSED ->
                    new WalkResult(
                            va,
                            -1,
                            FaultType.NOT_PRESENT,
                            level,
                            span,
                            null,
                            false,
                            rootIndex,
                            "unused entry");
            case INVALID ->
                    new WalkResult(
                            va,
                            -1,
                            FaultType.NOT_PRESENT,
                            level,
                            span,
                            null,
                            false,
                            rootIndex,
                            walk.malformation());
            case RESERVED ->
                    new WalkResult(
                            va,
                            -1,
                            FaultType.RESERVED_BIT,
                            level,
                            span,
                            null,
                            false,
                            rootIndex,
                            walk.isTableAtLastLevel()
                                    ? walk.malformation()
                                    : walk.malformation() + " (raw " + Hex.of(raw) + ")");
            default -> throw new IllegalStateException(kind.name());
        };
    }

    /**
     * The walk of {@code va} through root {@code rootIndex} when it ends at a leaf without any
     * fault, else null (then {@link #walk(int, long, long)} says why). Allocation-free: the
     * simulated CPU's TLB-miss path.
     *
     * @param rootIndex the root's index in the architecture's roots, from 0
     * @param registerValue the root register's raw value
     * @param va the virtual address to walk
     * @return the walk, positioned at its leaf and reused by the next call through the same root;
     *     null on any fault
     */
    public @Nullable AddressWalk leafWalk(int rootIndex, long registerValue, long va) {
        TranslationRoot root = architecture.roots().get(rootIndex);
        if (!root.canonicalForm().isCanonical(va)) {
            return null;
        }
        long table = root.tableAddress(registerValue);
        if (root.rootLoadFault(memory, table) != null) {
            return null;
        }
        AddressWalk walk = walkFor(rootIndex);
        try {
            return walk.walk(table, root.canonicalForm().linear(va)) == EntryKind.LEAF
                    ? walk
                    : null;
        } catch (PhysicalAddressException e) {
            return null;
        }
    }

    private AddressWalk walkFor(int rootIndex) {
        AddressWalk walk = walks[rootIndex];
        if (walk == null) {
            TranslationRoot root = architecture.roots().get(rootIndex);
            walk = new AddressWalk(root, new PhysicalTableAccess(memory, root.geometry()));
            walks[rootIndex] = walk;
        }
        return walk;
    }
}
