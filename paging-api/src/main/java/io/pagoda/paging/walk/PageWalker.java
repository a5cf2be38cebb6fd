package io.pagoda.paging.walk;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PhysicalAddressException;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;

/**
 * Walks tables in physical memory the way the hardware does, from raw root register values: selects the
 * root, checks the canonical form, applies the root-load check, reads each level's entry and faults like
 * the hardware (not present, reserved bit, ...). An entry pointing outside memory is reported as a
 * reserved-bit fault with the reason, so a hostile image cannot crash or loop a walk (depth is bounded
 * by the geometry).
 */
public final class PageWalker {
    private final Architecture architecture;
    private final PhysicalMemory memory;

    public PageWalker(Architecture architecture, PhysicalMemory memory) {
        this.architecture = architecture;
        this.memory = memory;
    }

    /** Walks {@code va} with one raw register value per root (CR3; or TTBR0, TTBR1). */
    public WalkResult walk(long va, long... registerValues) {
        int rootIndex = architecture.rootIndexFor(va);
        if (rootIndex < 0) {
            StringBuilder ranges = new StringBuilder();
            for (TranslationRoot root : architecture.roots()) {
                ranges.append(ranges.length() == 0 ? "" : ", ").append(root.registerName()).append(' ')
                        .append(root.canonicalForm().describeRanges());
            }
            return new WalkResult(va, -1, FaultType.NON_CANONICAL, -1, 0, null, false, -1,
                    Hex.of(va) + " is outside every translated range: " + ranges);
        }
        if (rootIndex >= registerValues.length) {
            throw new IllegalArgumentException(Hex.of(va) + " is translated by " + architecture.roots().get(rootIndex).registerName()
                    + " but only " + registerValues.length + " register value(s) were given");
        }
        return walk(rootIndex, registerValues[rootIndex], va);
    }

    /** Walks {@code va} through one root, given that root's raw register value. */
    public WalkResult walk(int rootIndex, long registerValue, long va) {
        TranslationRoot root = architecture.roots().get(rootIndex);
        if (!root.canonicalForm().isCanonical(va)) {
            return new WalkResult(va, -1, FaultType.NON_CANONICAL, -1, 0, null, false, rootIndex,
                    Hex.of(va) + " is outside " + root.registerName() + "'s range " + root.canonicalForm().describeRanges());
        }
        long table = root.tableAddress(registerValue);
        String rootFault = root.rootLoadFault(memory, table);
        if (rootFault != null) {
            return new WalkResult(va, -1, FaultType.ROOT_LOAD, -1, 0, null, false, rootIndex, rootFault);
        }
        Geometry geometry = root.geometry();
        EntryFormat format = root.format();
        long linear = root.canonicalForm().linear(va);
        int limit = EntryFormat.NO_RESTRICTION;
        for (int level = 0; level <= geometry.lastLevel(); level++) {
            long span = geometry.span(level);
            long entryAddress = table + ((long) geometry.indexOf(level, linear) * geometry.entrySize(level));
            long raw;
            try {
                raw = memory.readEntry(entryAddress, geometry.entrySize(level));
            } catch (PhysicalAddressException e) {
                return new WalkResult(va, -1, FaultType.RESERVED_BIT, level, span, null, false, rootIndex,
                        "the level " + level + " table at " + Hex.of(table) + " is outside physical memory: " + e.getMessage());
            }
            switch (format.kind(level, raw)) {
                case TABLE -> {
                    if (level == geometry.lastLevel()) {
                        return new WalkResult(va, -1, FaultType.RESERVED_BIT, level, span, null, false, rootIndex,
                                "a table entry at the last level");
                    }
                    limit &= format.tableRightsLimit(level, raw);
                    table = format.tableAddress(level, raw);
                }
                case LEAF -> {
                    MappingFlags own = format.leafFlags(level, raw);
                    MappingFlags effective = own.withRights(MappingAccessRights.ofBits(format.combineRights(own.rights().bits(), limit)));
                    return new WalkResult(va, format.leafAddress(level, raw) + (linear & (span - 1)), null, level, span,
                            effective, format.isGlobal(level, raw), rootIndex, null);
                }
                case GUARD -> {
                    return new WalkResult(va, -1, FaultType.GUARD, level, span, null, false, rootIndex, "guard entry " + Hex.of(raw));
                }
                case UNUSED -> {
                    return new WalkResult(va, -1, FaultType.NOT_PRESENT, level, span, null, false, rootIndex, "unused entry");
                }
                case INVALID -> {
                    return new WalkResult(va, -1, FaultType.NOT_PRESENT, level, span, null, false, rootIndex,
                            format.malformation(level, raw));
                }
                case RESERVED -> {
                    return new WalkResult(va, -1, FaultType.RESERVED_BIT, level, span, null, false, rootIndex,
                            format.malformation(level, raw) + " (raw " + Hex.of(raw) + ")");
                }
                default -> throw new IllegalStateException();
            }
        }
        throw new IllegalStateException("unreachable: the last level always ends a walk");
    }
}
