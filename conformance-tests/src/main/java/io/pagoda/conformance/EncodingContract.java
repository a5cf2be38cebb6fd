package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.image.TlbLineFormat;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Entries decode as the hardware reads them: the module's hardware vectors, and round trips of
 * every flag combination.
 */
@Tag("encoding")
@ConformanceArea("encoding")
public interface EncodingContract extends ConformanceSubject {

    /** The variant ships at least one verified hardware vector. */
    @Test
    default void contributesHardwareVectors() {
        check(
                !architecture().hardwareVectors().isEmpty(),
                () ->
                        architectureName()
                                + " contributes no hardware vectors: return verified translations from Architecture.hardwareVectors()");
    }

    /**
     * Every hardware vector walks, with the hardware-like walker, to the address or fault it
     * states.
     */
    @Test
    default void everyHardwareVectorWalksAsTheHardwareDoes() {
        Architecture architecture = architecture();
        List<String> mismatches = new ArrayList<>();
        for (HardwareVector vector : architecture.hardwareVectors()) {
            mismatches.addAll(HardwareVectorCheck.mismatches(architecture, vector));
        }
        check(
                mismatches.isEmpty(),
                () ->
                        mismatches.size()
                                + " hardware vector(s) disagree with the walker:\n  "
                                + String.join("\n  ", mismatches));
    }

    /**
     * Every hardware vector runs on the simulated CPU as its meaning says, access type by access
     * type.
     */
    @Test
    default void everyHardwareVectorRunsOnTheSimulatedCpuAsItsMeaningSays() {
        Architecture architecture = architecture();
        List<String> mismatches = new ArrayList<>();
        for (HardwareVector vector : architecture.hardwareVectors()) {
            mismatches.addAll(VectorOnCpu.mismatches(architecture, vector));
        }
        check(
                mismatches.isEmpty(),
                () ->
                        mismatches.size()
                                + " access(es) of hardware vectors disagree on the simulated CPU:\n  "
                                + String.join(
                                        "\n  ",
                                        mismatches.subList(0, Math.min(12, mismatches.size()))));
    }

    /** Every {@code info tlb} line a vector states is printed as QEMU prints it. */
    @Test
    default void everyStatedInfoTlbLineIsPrintedAsQemuPrintsIt() {
        Architecture architecture = architecture();
        List<String> wrong = new ArrayList<>();
        TlbLineFormat lines = null;
        for (TlbLineFormat candidate : ServiceLoader.load(TlbLineFormat.class)) {
            if (candidate.supports(architecture.name())) {
                lines = candidate;
            }
        }
        for (HardwareVector vector : architecture.hardwareVectors()) {
            if (vector.tlbLine() == null) {
                continue;
            }
            if (vector.meaning() == null || lines == null) {
                wrong.add(
                        vector.id()
                                + " states the info tlb line '"
                                + vector.tlbLine()
                                + "' but "
                                + (lines == null
                                        ? "no TlbLineFormat supports " + architecture.name()
                                        : "no meaning (leaf level and size)"));
                continue;
            }
            long base = vector.virtualAddress() & -vector.meaning().size();
            long leaf = HardwareVectorCheck.leafEntry(architecture, vector);
            String printed =
                    lines.line(
                            architecture, vector.rootIndex(), vector.meaning().level(), base, leaf);
            if (!vector.tlbLine().equals(printed)) {
                wrong.add(
                        vector.id()
                                + ": expected the info tlb line '"
                                + vector.tlbLine()
                                + "' but the format prints '"
                                + printed
                                + "'");
            }
        }
        check(wrong.isEmpty(), () -> String.join("\n  ", wrong));
    }

    /** The hardware vectors state a meaning for at least one translation of every root. */
    @Test
    default void hardwareVectorsStateMeaningForEveryRoot() {
        Architecture architecture = architecture();
        for (int r = 0; r < architecture.roots().size(); r++) {
            int root = r;
            boolean stated =
                    architecture.hardwareVectors().stream()
                            .anyMatch(v -> v.rootIndex() == root && v.meaning() != null);
            check(
                    stated,
                    () ->
                            architectureName()
                                    + ": no hardware vector through "
                                    + architecture.roots().get(root).registerName()
                                    + " states what its leaf means (HardwareVector.meaning: size, user and kernel rights, memory type, global);"
                                    + " a vector that gives only an address cannot catch swapped rights bits");
        }
    }

    /**
     * What a vector says a leaf means, the module can also write: the rights (user rights plus user
     * access for a user page, else the kernel's), memory type and global of every stated meaning
     * are accepted by {@code leafTemplate} at the leaf's level and read back as themselves (or as
     * the format's declared {@code effectiveFlags}). A module that refuses rights its own hardware
     * has (an XD bit it forgets, a memory type it cannot select) would otherwise pass, since
     * refused combinations are simply not mapped.
     */
    @Test
    default void everyMeaningAVectorStatesCanBeWritten() {
        List<String> wrong =
                MeaningWrites.unwritable(architecture(), architecture().hardwareVectors());
        check(
                wrong.isEmpty(),
                () ->
                        wrong.size()
                                + " meaning(s) the hardware has cannot be written by the module:\n  "
                                + String.join("\n  ", wrong.subList(0, Math.min(8, wrong.size()))));
    }

    /** Every flag combination is refused or read back unchanged. */
    @Test
    default void everyFlagCombinationIsRefusedOrReadBackUnchanged() {
        List<String> wrong = new ArrayList<>();
        for (TranslationRoot root : architecture().roots()) {
            Geometry geometry = root.geometry();
            EntryFormat format = root.format();
            boolean declares = declaresReadBackPolicy(format);
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
                                    wrong.add(
                                            root.registerName()
                                                    + " level "
                                                    + level
                                                    + ": refusal of "
                                                    + flags
                                                    + " has no message");
                                }
                                continue;
                            }
                            MappingFlags expected = flags;
                            if (declares) {
                                MappingFlags promised = format.effectiveFlags(level, flags);
                                String why = widening(flags, promised);
                                if (why != null) {
                                    wrong.add(
                                            root.registerName()
                                                    + " level "
                                                    + level
                                                    + " "
                                                    + flags
                                                    + ": effectiveFlags promises "
                                                    + promised
                                                    + ", "
                                                    + why);
                                    continue;
                                }
                                expected = promised;
                            }
                            for (long pa : addresses) {
                                long raw = format.leafEntry(level, template, pa);
                                String where =
                                        root.registerName()
                                                + " level "
                                                + level
                                                + " "
                                                + flags
                                                + " at "
                                                + Hex.of(pa)
                                                + " (raw "
                                                + Hex.of(raw)
                                                + ")";
                                MappingFlags read =
                                        format.kind(level, raw) == EntryKind.LEAF
                                                ? format.leafFlags(level, raw)
                                                : null;
                                if (read == null) {
                                    wrong.add(where + ": decodes as " + format.kind(level, raw));
                                } else if (format.leafAddress(level, raw) != pa) {
                                    wrong.add(
                                            where
                                                    + ": address reads back as "
                                                    + Hex.of(format.leafAddress(level, raw)));
                                } else if (!read.equals(expected)) {
                                    wrong.add(
                                            where
                                                    + ": expected to read back as "
                                                    + expected
                                                    + " but reads back as "
                                                    + read
                                                    + (declares
                                                            ? " (the format's declared effectiveFlags)"
                                                            : " (refuse what the format cannot express)"));
                                } else if (format.isGlobal(level, raw) != global) {
                                    wrong.add(
                                            where
                                                    + ": isGlobal says "
                                                    + format.isGlobal(level, raw));
                                }
                            }
                        }
                    }
                }
            }
        }
        check(
                wrong.isEmpty(),
                () ->
                        wrong.size()
                                + " round trip(s) fail, e.g.:\n  "
                                + String.join("\n  ", wrong.subList(0, Math.min(8, wrong.size()))));
    }

    private static boolean declaresReadBackPolicy(EntryFormat format) {
        return MeaningWrites.declaresReadBackPolicy(format);
    }

    /**
     * Null when a declared read-back is a widening the kit accepts: the same rights or EXECUTABLE
     * added (a format without execute-disable), the same global bit, the same memory type or DEVICE
     * read as UNCACHED (a format whose strong-uncacheable type has no encoding of its own); else
     * what is wrong with it.
     */
    private static String widening(MappingFlags requested, MappingFlags promised) {
        int added = promised.rights().bits() & ~requested.rights().bits();
        if (!promised.rights().contains(requested.rights())) {
            return "narrower than asked";
        }
        if (added != 0 && added != MappingAccessRights.EXECUTABLE_BIT) {
            return "wider than asked in more than execution";
        }
        if (promised.global() != requested.global()) {
            return "changing global";
        }
        if (promised.memoryType() != requested.memoryType()
                && !(requested.memoryType() == MemoryType.DEVICE
                        && promised.memoryType() == MemoryType.UNCACHED)) {
            return "changing the memory type "
                    + requested.memoryType()
                    + " into "
                    + promised.memoryType();
        }
        return null;
    }

    /** Every accepted memory type reads back as itself on a mapping. */
    @Test
    default void everyAcceptedMemoryTypeReadsBackAsItselfOnAMapping() {
        List<String> wrong = new ArrayList<>();
        for (TranslationRoot root : architecture().roots()) {
            EntryFormat format = root.format();
            Geometry geometry = root.geometry();
            int level = geometry.lastLevel();
            for (MemoryType type : MemoryType.values()) {
                for (MappingFlags base : ExpressibleFlags.of(root).plain()) {
                    MappingFlags flags = base.withMemoryType(type);
                    long template;
                    try {
                        template = format.leafTemplate(level, flags);
                    } catch (RightsNotExpressibleException e) {
                        continue;
                    }
                    MemoryType read =
                            format.leafFlags(
                                            level,
                                            format.leafEntry(level, template, geometry.pageSize()))
                                    .memoryType();
                    boolean declaredDevice =
                            type == MemoryType.DEVICE
                                    && read == MemoryType.UNCACHED
                                    && declaresReadBackPolicy(format);
                    if (read != type && !declaredDevice) {
                        wrong.add(
                                root.registerName()
                                        + ": "
                                        + flags
                                        + " is accepted but its page reads back "
                                        + read);
                    }
                    break;
                }
            }
        }
        check(
                wrong.isEmpty(),
                () ->
                        "memory types are accepted and then changed:\n  "
                                + String.join("\n  ", wrong));
    }

    /** Every root's format expresses at least one flag combination. */
    @Test
    default void noRightsAtAllIsNeverExpressedSilently() {
        for (TranslationRoot root : architecture().roots()) {
            check(
                    !ExpressibleFlags.of(root).isEmpty(),
                    () -> root.registerName() + ": the format expresses no rights at all");
        }
    }

    /** Table entries link the next table and restrict no rights. */
    @Test
    default void tableEntriesLinkAndRestrictNothing() {
        for (TranslationRoot root : architecture().roots()) {
            Geometry geometry = root.geometry();
            EntryFormat format = root.format();
            long table = Math.max(4096, geometry.largestTableBytes());
            for (int level = 0; level < geometry.lastLevel(); level++) {
                int l = level;
                long raw = format.tableEntry(level, table);
                check(
                        format.kind(level, raw) == EntryKind.TABLE,
                        () ->
                                root.registerName()
                                        + " level "
                                        + l
                                        + ": tableEntry "
                                        + Hex.of(raw)
                                        + " decodes as "
                                        + format.kind(l, raw));
                check(
                        format.tableAddress(level, raw) == table,
                        () ->
                                root.registerName()
                                        + " level "
                                        + l
                                        + ": tableEntry of "
                                        + Hex.of(table)
                                        + " reads back "
                                        + Hex.of(format.tableAddress(l, raw)));
                int limit = format.tableRightsLimit(level, raw);
                for (MappingAccessRights rights : MappingAccessRights.all()) {
                    check(
                            format.combineRights(rights.bits(), limit) == rights.bits(),
                            () ->
                                    root.registerName()
                                            + " level "
                                            + l
                                            + ": a new table entry restricts "
                                            + rights
                                            + " (limit "
                                            + Hex.of(limit)
                                            + ")");
                }
            }
        }
    }

    /**
     * Every level the geometry says holds leaves takes one, of some rights in write-back memory: a
     * format that refuses every combination there (a level check off by one) would leave those
     * sizes unmappable, and the contracts that skip refused combinations would never see it.
     */
    @Test
    default void acceptsLeavesAtEveryLevelThatHoldsThem() {
        List<String> wrong = new ArrayList<>();
        for (TranslationRoot root : architecture().roots()) {
            Geometry geometry = root.geometry();
            for (int level = 0; level <= geometry.lastLevel(); level++) {
                if (!geometry.level(level).leafAllowed()) {
                    continue;
                }
                String firstRefusal = null;
                boolean accepted = false;
                for (MappingAccessRights rights : MappingAccessRights.all()) {
                    MappingFlags flags = new MappingFlags(rights, MemoryType.WRITE_BACK, false);
                    try {
                        root.format().leafTemplate(level, flags);
                        accepted = true;
                        break;
                    } catch (PagingException e) {
                        firstRefusal = firstRefusal == null ? flags + ": " + e : firstRefusal;
                    }
                }
                if (!accepted) {
                    wrong.add(
                            levelOf(root, level)
                                    + " holds leaves, but leafTemplate refuses every set of"
                                    + " rights with write-back memory, first "
                                    + firstRefusal);
                }
            }
        }
        check(wrong.isEmpty(), () -> String.join("\n  ", wrong));
    }

    /** {@code "TTBR0_EL1 level 1 (L1)"}: a level of a root, in messages. */
    private static String levelOf(TranslationRoot root, int level) {
        return root.registerName()
                + " level "
                + level
                + " ("
                + root.geometry().level(level).name()
                + ")";
    }

    /**
     * A level the geometry says holds no leaves refuses to encode one (x86-64: a PML4E's PS bit is
     * reserved).
     */
    @Test
    default void refusesLeavesAtLevelsThatCannotHoldThem() {
        List<String> wrong = new ArrayList<>();
        for (TranslationRoot root : architecture().roots()) {
            Geometry geometry = root.geometry();
            for (MappingFlags flags : ExpressibleFlags.of(root).plain()) {
                for (int level = 0; level <= geometry.lastLevel(); level++) {
                    if (geometry.level(level).leafAllowed()) {
                        continue;
                    }
                    try {
                        long template = root.format().leafTemplate(level, flags);
                        wrong.add(
                                levelOf(root, level)
                                        + " holds no leaves, but "
                                        + "leafTemplate gives "
                                        + Hex.of(template)
                                        + " for "
                                        + flags);
                    } catch (PagingException expected) {
                        // refused, as it must be
                    }
                }
                break;
            }
        }
        check(wrong.isEmpty(), () -> String.join("\n  ", wrong));
    }

    /** The zero entry reads as unused and the guard entry as a guard, at every level. */
    @Test
    default void zeroIsUnusedAndGuardsAreGuardsAtEveryLevel() {
        for (TranslationRoot root : architecture().roots()) {
            EntryFormat format = root.format();
            for (int level = 0; level <= root.geometry().lastLevel(); level++) {
                int l = level;
                long guard = format.guardEntry(level);
                check(
                        format.kind(level, 0) == EntryKind.UNUSED,
                        () -> root.registerName() + " level " + l + ": zero is not UNUSED");
                check(
                        guard != 0 && format.kind(level, guard) == EntryKind.GUARD,
                        () ->
                                root.registerName()
                                        + " level "
                                        + l
                                        + ": guard entry "
                                        + Hex.of(guard)
                                        + " decodes as "
                                        + format.kind(l, guard));
                check(
                        format.describe(level, guard) != null
                                && !format.describe(level, guard).isBlank(),
                        () ->
                                root.registerName()
                                        + " level "
                                        + l
                                        + ": describe() of a guard is empty");
            }
        }
    }
}
