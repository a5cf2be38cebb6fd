package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Entries at the edges of what memory holds: values wider than a level's entries, and the root
 * table's entries as the root load sees them (the load-checked reserved bits of {@link
 * EntryFormat#loadCheckedBits}, the reason of {@link TranslationRoot#rootLoadFault}).
 */
@Tag("encoding")
@ConformanceArea("encoding")
public interface EntryEdgeContract extends ConformanceSubject {

    /**
     * A value with a bit beyond a level's entry size (bit 32 of a 4-byte entry) is no entry memory
     * can hold: it never decodes as a table or a leaf, even when its low bits would.
     */
    @Test
    default void valuesWiderThanAnEntryNeverMap() {
        List<String> wrong = new ArrayList<>();
        for (TranslationRoot root : architecture().roots()) {
            Geometry geometry = root.geometry();
            EntryFormat format = root.format();
            MappingFlags flags = ExpressibleFlags.of(root).typical();
            for (int level = 0; level <= geometry.lastLevel(); level++) {
                int size = geometry.entrySize(level);
                if (size >= 8) {
                    continue;
                }
                long beyond = 1L << (8 * size);
                List<Long> mapping = new ArrayList<>();
                if (level < geometry.lastLevel()) {
                    mapping.add(format.tableEntry(level, geometry.pageSize()));
                }
                if (geometry.level(level).leafAllowed()) {
                    long span = geometry.span(level);
                    mapping.add(format.leafEntry(level, format.leafTemplate(level, flags), span));
                }
                for (long raw : mapping) {
                    EntryKind kind = format.kind(level, raw | beyond);
                    if (kind == EntryKind.TABLE || kind == EntryKind.LEAF) {
                        wrong.add(
                                root.registerName()
                                        + " level "
                                        + level
                                        + ": "
                                        + Hex.of(raw | beyond)
                                        + " has bits beyond a "
                                        + size
                                        + "-byte entry but decodes as "
                                        + kind);
                    }
                }
            }
        }
        check(wrong.isEmpty(), () -> String.join("\n  ", wrong));
    }

    /**
     * The root table's entries of every hardware vector as the root load sees them: an entry the
     * hardware reads as not present has no load-checked bits; when the vector's root load succeeds
     * (any outcome but {@link FaultType#ROOT_LOAD}) no root entry has any (the load would have
     * faulted); when it faults, {@code rootLoadFault} gives a reason and some root entry reads as
     * reserved or invalid, so no algorithm builds on it.
     */
    @Test
    default void rootEntriesAreJudgedAsTheRootLoadJudgesThem() {
        List<String> wrong = new ArrayList<>();
        for (HardwareVector vector : architecture().hardwareVectors()) {
            TranslationRoot root = architecture().roots().get(vector.rootIndex());
            Geometry geometry = root.geometry();
            EntryFormat format = root.format();
            long table = root.tableAddress(vector.registerValue());
            long end = table + (long) geometry.entryCount(0) * geometry.entrySize(0);
            boolean loadFaults = vector.fault() == FaultType.ROOT_LOAD;
            boolean refusedEntry = false;
            for (Map.Entry<Long, Long> entry : vector.entries().entrySet()) {
                long address = entry.getKey();
                if (address < table
                        || address >= end
                        || (address - table) % geometry.entrySize(0) != 0) {
                    continue;
                }
                long raw = entry.getValue();
                EntryKind kind = format.kind(0, raw);
                long checked = format.loadCheckedBits(0, raw);
                boolean absent =
                        kind == EntryKind.UNUSED
                                || kind == EntryKind.GUARD
                                || kind == EntryKind.INVALID;
                if (checked != 0 && (absent || !loadFaults)) {
                    wrong.add(
                            vector.id()
                                    + ": root entry "
                                    + Hex.of(raw)
                                    + " at "
                                    + Hex.of(address)
                                    + " ("
                                    + kind
                                    + ") reports load-checked bits "
                                    + Hex.of(checked)
                                    + (absent
                                            ? ", but a not-present entry has no reserved bits"
                                            : ", but the vector's root load succeeds"));
                }
                refusedEntry |= kind == EntryKind.RESERVED || kind == EntryKind.INVALID;
            }
            if (loadFaults) {
                String reason =
                        root.rootLoadFault(
                                HardwareVectorCheck.memoryOf(architecture(), vector), table);
                if (reason == null || reason.isBlank()) {
                    wrong.add(
                            vector.id()
                                    + ": the root load must fault with a reason, but rootLoadFault gives "
                                    + (reason == null ? "none" : "a blank one"));
                }
                if (!refusedEntry) {
                    wrong.add(
                            vector.id()
                                    + ": the root load faults, but no entry of the root table at "
                                    + Hex.of(table)
                                    + " reads as RESERVED or INVALID: an algorithm would build on it");
                }
            }
        }
        check(wrong.isEmpty(), () -> String.join("\n  ", wrong));
    }

    /**
     * A root table the memory does not hold: {@code rootLoadFault} says nothing (no check at the
     * load) or gives a reason, and never throws.
     */
    @Test
    default void aRootTableOutsideMemoryIsAReasonNotAnException() {
        for (TranslationRoot root : architecture().roots()) {
            long table = 16 * Math.max(root.rootAlignment(), 4096);
            SparseMemory small = new SparseMemory(12);
            String reason;
            try {
                reason = root.rootLoadFault(small, table);
            } catch (RuntimeException e) {
                throw new AssertionError(
                        root.registerName()
                                + ": loading a root table at "
                                + Hex.of(table)
                                + " outside a 4 KiB memory throws "
                                + e
                                + " instead of giving the reason",
                        e);
            }
            check(
                    reason == null || !reason.isBlank(),
                    () ->
                            root.registerName()
                                    + ": the load of a root table outside memory faults without a reason");
        }
    }
}
