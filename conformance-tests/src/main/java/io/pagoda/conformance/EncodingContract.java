package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.RightsNotExpressibleException;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.walk.HardwareVectorCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Entries decode as the hardware reads them: the module's hardware vectors, and round trips of every flag combination. */
@Tag("encoding")
@ConformanceArea("encoding")
public interface EncodingContract extends ConformanceSubject {

    @Test
    default void contributesHardwareVectors() {
        check(!architecture().hardwareVectors().isEmpty(), () -> architectureName()
                + " contributes no hardware vectors: return verified translations from Architecture.hardwareVectors()");
    }

    @Test
    default void everyHardwareVectorWalksAsTheHardwareDoes() {
        Architecture architecture = architecture();
        List<String> mismatches = new ArrayList<>();
        for (HardwareVector vector : architecture.hardwareVectors()) {
            String mismatch = HardwareVectorCheck.mismatch(architecture, vector);
            if (mismatch != null) {
                mismatches.add(mismatch);
            }
        }
        check(mismatches.isEmpty(), () -> mismatches.size() + " hardware vector(s) disagree:\n  " + String.join("\n  ", mismatches));
    }

    @Test
    default void everyFlagCombinationIsRefusedOrReadBackUnchanged() {
        List<String> wrong = new ArrayList<>();
        for (TranslationRoot root : architecture().roots()) {
            Geometry geometry = root.geometry();
            EntryFormat format = root.format();
            long limit = 1L << Math.min(62, architecture().physicalAddressBits());
            for (int level = 0; level <= geometry.lastLevel(); level++) {
                if (!geometry.level(level).leafAllowed()) {
                    continue;
                }
                long span = geometry.span(level);
                long top = Math.min(limit, format.leafAddressLimit(level));
                long[] addresses = {span, (top - span) & -span};
                for (MappingAccessRights rights : MappingAccessRights.all()) {
                    for (MemoryType type : MemoryType.values()) {
                        for (boolean global : new boolean[] {false, true}) {
                            MappingFlags flags = new MappingFlags(rights, type, global);
                            long template;
                            try {
                                template = format.leafTemplate(level, flags);
                            } catch (RightsNotExpressibleException e) {
                                if (e.getMessage() == null || e.getMessage().isBlank()) {
                                    wrong.add(root.registerName() + " level " + level + ": refusal of " + flags + " has no message");
                                }
                                continue;
                            }
                            for (long pa : addresses) {
                                long raw = format.leafEntry(level, template, pa);
                                String where = root.registerName() + " level " + level + " " + flags + " at " + Hex.of(pa)
                                        + " (raw " + Hex.of(raw) + ")";
                                if (format.kind(level, raw) != EntryKind.LEAF) {
                                    wrong.add(where + ": decodes as " + format.kind(level, raw));
                                } else if (format.leafAddress(level, raw) != pa) {
                                    wrong.add(where + ": address reads back as " + Hex.of(format.leafAddress(level, raw)));
                                } else if (!format.leafFlags(level, raw).equals(format.effectiveFlags(level, flags))) {
                                    wrong.add(where + ": flags read back as " + format.leafFlags(level, raw)
                                            + " but effectiveFlags promises " + format.effectiveFlags(level, flags));
                                } else if (!format.leafFlags(level, raw).rights().contains(rights)
                                        || format.leafFlags(level, raw).global() != global) {
                                    wrong.add(where + ": flags read back as " + format.leafFlags(level, raw)
                                            + ", dropping what was asked (refuse what the format cannot express)");
                                } else if (format.isGlobal(level, raw) != global) {
                                    wrong.add(where + ": isGlobal says " + format.isGlobal(level, raw));
                                }
                            }
                        }
                    }
                }
            }
        }
        check(wrong.isEmpty(), () -> wrong.size() + " round trip(s) fail, e.g.:\n  " + String.join("\n  ", wrong.subList(0, Math.min(8, wrong.size()))));
    }

    @Test
    default void noRightsAtAllIsNeverExpressedSilently() {
        for (TranslationRoot root : architecture().roots()) {
            check(!ExpressibleFlags.of(root).isEmpty(), () -> root.registerName() + ": the format expresses no rights at all");
        }
    }

    @Test
    default void tableEntriesLinkAndRestrictNothing() {
        for (TranslationRoot root : architecture().roots()) {
            Geometry geometry = root.geometry();
            EntryFormat format = root.format();
            long table = Math.max(4096, geometry.largestTableBytes());
            for (int level = 0; level < geometry.lastLevel(); level++) {
                int l = level;
                long raw = format.tableEntry(level, table);
                check(format.kind(level, raw) == EntryKind.TABLE, () -> root.registerName() + " level " + l
                        + ": tableEntry " + Hex.of(raw) + " decodes as " + format.kind(l, raw));
                check(format.tableAddress(level, raw) == table, () -> root.registerName() + " level " + l
                        + ": tableEntry of " + Hex.of(table) + " reads back " + Hex.of(format.tableAddress(l, raw)));
                int limit = format.tableRightsLimit(level, raw);
                for (MappingAccessRights rights : MappingAccessRights.all()) {
                    check(format.combineRights(rights.bits(), limit) == rights.bits(), () -> root.registerName()
                            + " level " + l + ": a new table entry restricts " + rights + " (limit " + Hex.of(limit) + ")");
                }
            }
        }
    }

    @Test
    default void zeroIsUnusedAndGuardsAreGuardsAtEveryLevel() {
        for (TranslationRoot root : architecture().roots()) {
            EntryFormat format = root.format();
            for (int level = 0; level <= root.geometry().lastLevel(); level++) {
                int l = level;
                long guard = format.guardEntry(level);
                check(format.kind(level, 0) == EntryKind.UNUSED, () -> root.registerName() + " level " + l + ": zero is not UNUSED");
                check(guard != 0 && format.kind(level, guard) == EntryKind.GUARD, () -> root.registerName() + " level " + l
                        + ": guard entry " + Hex.of(guard) + " decodes as " + format.kind(l, guard));
                check(format.describe(level, guard) != null && !format.describe(level, guard).isBlank(),
                        () -> root.registerName() + " level " + l + ": describe() of a guard is empty");
            }
        }
    }
}
