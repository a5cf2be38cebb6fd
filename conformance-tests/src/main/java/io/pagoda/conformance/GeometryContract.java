package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.error.VariantConfigurationException;
import io.pagoda.paging.inject.PagingModule;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.CpuRegisters;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.RegisterRole;
import io.pagoda.paging.spi.RegisterValue;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.spi.VariantCandidate;
import io.pagoda.paging.spi.VariantConfiguration;
import io.pagoda.paging.table.access.RecursiveTableAccess;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shape of each root is consistent: levels, widths, register encoding, layout and root
 * selection agree.
 */
@Tag("geometry")
@ConformanceArea("geometry")
public interface GeometryContract extends ConformanceSubject {

    /**
     * The name is lower case, there is a description and a root, the physical width is 12..63 bits
     * and the tag width 0..16.
     */
    @Test
    default void namesAndWidthsAreSane() {
        Architecture architecture = architecture();
        check(
                architecture.name().equals(architecture.name().toLowerCase(Locale.ROOT))
                        && !architecture.name().isBlank(),
                () -> "the name '" + architecture.name() + "' must be lower case and not blank");
        check(
                architecture.description() != null && !architecture.description().isBlank(),
                () -> "no description");
        check(
                architecture.physicalAddressBits() >= 12
                        && architecture.physicalAddressBits() <= 63,
                () ->
                        "physical width "
                                + architecture.physicalAddressBits()
                                + " is outside 12..63");
        check(!architecture.roots().isEmpty(), () -> "no roots");
        check(
                architecture.tagBits() >= 0 && architecture.tagBits() <= 16,
                () -> "tag bits " + architecture.tagBits() + " outside 0..16");
    }

    /**
     * Every root is a well-formed hierarchy: its canonical form as wide as its geometry, a
     * power-of-two page size, tables that fit in a frame, each level covering one entry of the
     * level above.
     */
    @Test
    default void everyRootIsAWellFormedHierarchy() {
        for (TranslationRoot root : architecture().roots()) {
            Geometry geometry = root.geometry();
            String name = root.registerName();
            check(
                    geometry.virtualBits() == root.canonicalForm().bits(),
                    () ->
                            name
                                    + ": the geometry translates "
                                    + geometry.virtualBits()
                                    + " bits but the canonical form "
                                    + root.canonicalForm().bits());
            check(
                    Long.bitCount(geometry.pageSize()) == 1 && geometry.pageSize() >= 1024,
                    () -> name + ": odd page size");
            check(
                    geometry.largestTableBytes() <= PagingModule.smallestPageSize(architecture()),
                    () -> name + ": a table does not fit in a frame of the smallest page size");
            for (int level = 1; level < geometry.levelCount(); level++) {
                int l = level;
                check(
                        geometry.entryCount(level) * geometry.span(level)
                                == geometry.span(level - 1),
                        () ->
                                name
                                        + ": level "
                                        + l
                                        + " does not cover exactly one entry of the level above");
            }
            check(
                    Long.bitCount(root.rootAlignment()) == 1,
                    () -> name + ": root alignment is not a power of two");
        }
    }

    /** A root register value carries the table address and the tag, and reads back as both. */
    @Test
    default void registerValuesCarryTheTableAndTheTag() {
        Architecture architecture = architecture();
        int maxTag = architecture.tagBits() == 0 ? 0 : (1 << architecture.tagBits()) - 1;
        long limit = 1L << Math.min(62, architecture.physicalAddressBits());
        for (TranslationRoot root : architecture.roots()) {
            long alignment = Math.max(root.rootAlignment(), 4096);
            for (long table : new long[] {alignment, (limit - alignment) & -alignment}) {
                for (int tag : new int[] {0, maxTag}) {
                    long register;
                    try {
                        register = root.registerValue(table, tag);
                    } catch (RuntimeException refused) {
                        // a register narrower than the physical width (i386 CR3) may refuse high
                        // tables, with a reason
                        check(
                                table != alignment && refused.getMessage() != null,
                                () ->
                                        root.registerName()
                                                + " refuses the low table "
                                                + Hex.of(table)
                                                + ": "
                                                + refused);
                        continue;
                    }
                    check(
                            root.tableAddress(register) == table,
                            () ->
                                    root.registerName()
                                            + ": register "
                                            + Hex.of(register)
                                            + " for table "
                                            + Hex.of(table)
                                            + " reads back table "
                                            + Hex.of(root.tableAddress(register)));
                    if (architecture.tagBits() > 0) {
                        check(
                                root.tag(register) == tag,
                                () ->
                                        root.registerName()
                                                + ": register "
                                                + Hex.of(register)
                                                + " for tag "
                                                + tag
                                                + " reads back tag "
                                                + root.tag(register));
                    }
                }
            }
        }
    }

    /**
     * {@code rootRegisters} (what an exported core or a boot stub loads) names each root table as
     * the root's own encoding does, and a CPU state made of those registers is read back by the
     * variant detection of whichever provider claims it as a variant with the same tables (same
     * root values, same number of levels): an export and a later {@code pagoda inspect} of it
     * agree. No provider claiming the state (AArch64 cores record no system registers) leaves
     * nothing to compare.
     */
    @Test
    default void rootRegistersNameTheTablesAndAreDetectedAsThisVariant() {
        Architecture architecture = architecture();
        List<TranslationRoot> roots = architecture.roots();
        long[] tables = new long[roots.size()];
        for (int r = 0; r < tables.length; r++) {
            tables[r] = 0x0020_0000L * (r + 1);
        }
        RootRegisters registers = architecture.rootRegisters(tables, RootSettings.DEFAULT);
        Map<String, Long> named = new HashMap<>();
        long[] values = new long[tables.length];
        for (RegisterValue value : registers.values()) {
            named.put(value.name().toLowerCase(Locale.ROOT), value.value());
            int r =
                    value.role() == RegisterRole.ROOT
                            ? 0
                            : value.role() == RegisterRole.ROOT_UPPER ? 1 : -1;
            if (r >= 0 && r < tables.length) {
                long table = roots.get(r).tableAddress(value.value());
                long expected = roots.get(r).registerValue(tables[r], 0);
                int root = r;
                check(
                        table == tables[root] && value.value() == expected,
                        () ->
                                value.name()
                                        + " = "
                                        + Hex.of(value.value())
                                        + " from rootRegisters should load table "
                                        + Hex.of(tables[root])
                                        + " as registerValue does ("
                                        + Hex.of(expected)
                                        + ") but names "
                                        + Hex.of(table));
                values[r] = value.value();
            }
        }
        CpuRegisters cpu =
                new CpuRegisters(
                        architecture.elfIdentity().machine(), 0, "the conformance kit", named);
        Architectures registry = Architectures.discover();
        List<VariantCandidate> found = registry.candidatesFrom(cpu);
        if (found.isEmpty()) {
            return;
        }
        // the same tables: every root value the candidate names, and roots of the same levels over
        // the same ranges
        boolean same =
                found.stream()
                        .anyMatch(
                                candidate -> {
                                    Architecture proposed = registry.get(candidate.architecture());
                                    if (proposed.roots().size() != roots.size()
                                            || proposed.physicalAddressBits()
                                                    != architecture.physicalAddressBits()) {
                                        return false;
                                    }
                                    for (int r = 0; r < roots.size(); r++) {
                                        if ((r < candidate.roots().size()
                                                        && candidate.roots().get(r) != values[r])
                                                || !proposed.roots()
                                                        .get(r)
                                                        .geometry()
                                                        .levels()
                                                        .equals(roots.get(r).geometry().levels())
                                                || !proposed.roots()
                                                        .get(r)
                                                        .canonicalForm()
                                                        .describeRanges()
                                                        .equals(
                                                                roots.get(r)
                                                                        .canonicalForm()
                                                                        .describeRanges())) {
                                            return false;
                                        }
                                    }
                                    return true;
                                });
        check(
                same,
                () ->
                        "the registers "
                                + registers.values()
                                + " of "
                                + architectureName()
                                + " are detected as "
                                + found
                                + ", none of which reads the same tables");
        // the SPI: no answer for registers of another machine; and a state missing one of the
        // registers written is
        // either not answered ("does not tell") or answered with the same tables, never an
        // exception
        CpuRegisters foreign = new CpuRegisters(0xFFFF, 0, "the conformance kit", named);
        check(
                registry.candidatesFrom(foreign).isEmpty(),
                () ->
                        "registers of ELF machine 0xFFFF, which no provider claims, are detected as "
                                + registry.candidatesFrom(foreign));
        for (RegisterValue missing : registers.values()) {
            Map<String, Long> fewer = new HashMap<>(named);
            fewer.remove(missing.name().toLowerCase(Locale.ROOT));
            List<VariantCandidate> partial;
            try {
                partial =
                        registry.candidatesFrom(
                                new CpuRegisters(
                                        architecture.elfIdentity().machine(),
                                        0,
                                        "the conformance kit",
                                        fewer));
            } catch (RuntimeException e) {
                throw new AssertionError(
                        "detection fails on the registers of "
                                + architectureName()
                                + " without "
                                + missing.name()
                                + " instead of saying it cannot tell: "
                                + e,
                        e);
            }
            check(
                    partial.isEmpty()
                            || partial.stream()
                                    .anyMatch(candidate -> candidate.roots().get(0) == values[0]),
                    () ->
                            "without "
                                    + missing.name()
                                    + " the registers of "
                                    + architectureName()
                                    + " are detected as "
                                    + partial
                                    + ", which name other tables");
        }
    }

    /**
     * The translation-control and memory-attribute registers {@code rootRegisters} writes (TCR_EL1,
     * MAIR_EL1) are what a reader of an exported core configures the variant from ({@link
     * Architectures#configure}, which finds the provider that offers it); the variant it gets must
     * read the same tables as this one: same name, physical width, roots with the same levels,
     * canonical ranges and root selection, and the same bits for every memory type. A register that
     * encodes a field wrongly (a granule, a size, the PA size, an attribute byte) gives another
     * variant and fails here.
     */
    @Test
    default void controlRegistersItWritesDescribeThisVariant() {
        Architecture architecture = architecture();
        long[] tables = new long[architecture.roots().size()];
        for (int r = 0; r < tables.length; r++) {
            tables[r] = 0x0020_0000L * (r + 1);
        }
        RootRegisters registers = architecture.rootRegisters(tables, RootSettings.DEFAULT);
        Optional<RegisterValue> control = registers.withRole(RegisterRole.TRANSLATION_CONTROL);
        OptionalLong stated = architecture.controlRegisterValue();
        check(
                control.isPresent() == stated.isPresent(),
                () ->
                        "rootRegisters writes the translation control "
                                + control.map(v -> v.name() + " = " + Hex.of(v.value()))
                                        .orElse("not at all")
                                + " but controlRegisterValue() says "
                                + (stated.isPresent() ? Hex.of(stated.getAsLong()) : "none"));
        if (control.isPresent()) {
            // the register as loaded (with cache, shareability and ASID-size fields) and the value
            // the variant states
            // (its geometry fields) must both select this variant
            sameTables(
                    architecture,
                    configuredBy(
                            architecture,
                            VariantConfiguration.none()
                                    .withTranslationControl(control.get().value())),
                    control.get().name() + " = " + Hex.of(control.get().value()));
            sameTables(
                    architecture,
                    configuredBy(
                            architecture,
                            VariantConfiguration.none().withTranslationControl(stated.getAsLong())),
                    "controlRegisterValue() " + Hex.of(stated.getAsLong()));
        }
        Optional<RegisterValue> attributes = registers.withRole(RegisterRole.MEMORY_ATTRIBUTES);
        if (attributes.isPresent()) {
            Architecture reread =
                    configuredBy(
                            architecture,
                            VariantConfiguration.none()
                                    .withMemoryAttributes(attributes.get().value()));
            sameTables(
                    architecture,
                    reread,
                    attributes.get().name() + " = " + Hex.of(attributes.get().value()));
        }
    }

    /**
     * {@code architecture} configured as a reader of its cores configures it: through the registry,
     * which finds the provider that offers it.
     */
    private static Architecture configuredBy(
            Architecture architecture, VariantConfiguration configuration) {
        try {
            return Architectures.discover().configure(architecture, configuration);
        } catch (VariantConfigurationException | IllegalArgumentException e) {
            throw new AssertionError(
                    architecture.name()
                            + " writes "
                            + configuration
                            + " but cannot be configured from it: "
                            + e.getMessage()
                            + " (a reader configures a variant through the provider that offers it;"
                            + " register the provider, or override offers() for the variants it"
                            + " configures)",
                    e);
        }
    }

    /** {@code other}, made from {@code register}, reads the tables as {@code architecture} does. */
    private static void sameTables(Architecture architecture, Architecture other, String register) {
        // the name a reader gets must find this variant: its name or one of its aliases ("aarch64"
        // is "aarch64-4k-48")
        boolean sameName =
                other.name().equals(architecture.name())
                        || architecture.aliases().contains(other.name())
                        || other.aliases().contains(architecture.name());
        check(
                sameName
                        && other.physicalAddressBits() == architecture.physicalAddressBits()
                        && other.roots().size() == architecture.roots().size()
                        && other.tagBits() == architecture.tagBits(),
                () ->
                        register
                                + " from rootRegisters selects "
                                + other.name()
                                + " ("
                                + other.physicalAddressBits()
                                + "-bit PA, "
                                + other.roots().size()
                                + " roots, "
                                + other.tagBits()
                                + " tag bits), not "
                                + architecture.name()
                                + " ("
                                + architecture.physicalAddressBits()
                                + "-bit PA, "
                                + architecture.roots().size()
                                + " roots, "
                                + architecture.tagBits()
                                + " tag bits)");
        for (int r = 0; r < architecture.roots().size(); r++) {
            TranslationRoot mine = architecture.roots().get(r);
            TranslationRoot theirs = other.roots().get(r);
            int root = r;
            check(
                    mine.geometry().levels().equals(theirs.geometry().levels())
                            && mine.canonicalForm()
                                    .describeRanges()
                                    .equals(theirs.canonicalForm().describeRanges()),
                    () ->
                            register
                                    + " selects root "
                                    + root
                                    + " "
                                    + theirs.geometry()
                                    + " over "
                                    + theirs.canonicalForm()
                                    + ", not "
                                    + mine.geometry()
                                    + " over "
                                    + mine.canonicalForm());
            Places places = new Places(mine);
            for (long linear : new long[] {0, places.lastPage(), places.topBoundary()}) {
                long va = places.va(linear);
                check(
                        other.rootIndexFor(va).equals(architecture.rootIndexFor(va)),
                        () ->
                                register
                                        + " sends "
                                        + Hex.of(va)
                                        + " to root "
                                        + other.rootIndexFor(va)
                                        + ", not "
                                        + architecture.rootIndexFor(va));
            }
            for (int level = 0; level < mine.geometry().levelCount(); level++) {
                if (!mine.geometry().level(level).leafAllowed()) {
                    continue;
                }
                for (MemoryType type : MemoryType.values()) {
                    MappingFlags flags =
                            new MappingFlags(MappingAccessRights.parse("rw-"), type, false);
                    String written = template(mine.format(), level, flags);
                    String rewritten = template(theirs.format(), level, flags);
                    int at = level;
                    check(
                            written.equals(rewritten),
                            () ->
                                    register
                                            + " writes "
                                            + type
                                            + " at level "
                                            + at
                                            + " as "
                                            + rewritten
                                            + ", not "
                                            + written);
                }
            }
        }
    }

    private static String template(EntryFormat format, int level, MappingFlags flags) {
        try {
            return Hex.of(format.leafTemplate(level, flags));
        } catch (PagingException e) {
            return "refused";
        }
    }

    /** Each root selects its own range. */
    @Test
    default void eachRootSelectsItsOwnRange() {
        Architecture architecture = architecture();
        List<TranslationRoot> roots = architecture.roots();
        for (int i = 0; i < roots.size(); i++) {
            TranslationRoot root = roots.get(i);
            Places places = new Places(root);
            for (long linear : new long[] {0, places.lastPage(), places.topBoundary()}) {
                long va = places.va(linear);
                int index = i;
                check(
                        architecture.rootIndexFor(va).orElse(-1) == index,
                        () ->
                                Hex.of(va)
                                        + " belongs to root "
                                        + index
                                        + " ("
                                        + root.registerName()
                                        + ") but rootIndexFor says "
                                        + architecture.rootIndexFor(va).orElse(-1));
            }
        }
    }

    /** The default layout's user and kernel ranges lie in ranges the roots translate. */
    @Test
    default void layoutRangesAreTranslated() {
        Architecture architecture = architecture();
        AddressLayout layout = architecture.layout();
        check(
                Long.compareUnsigned(layout.userFirst(), layout.userLast()) <= 0,
                () -> "user range is empty: " + layout);
        check(
                Long.compareUnsigned(layout.kernelFirst(), layout.kernelLast()) <= 0,
                () -> "kernel range is empty: " + layout);
        for (long va :
                new long[] {
                    layout.userFirst(), layout.userLast(), layout.kernelFirst(), layout.kernelLast()
                }) {
            check(
                    architecture.rootIndexFor(va).isPresent(),
                    () -> "layout address " + Hex.of(va) + " is not translated by any root");
        }
        if (layout.sharesKernelRootEntries()) {
            int top =
                    architecture
                            .roots()
                            .get(architecture.rootIndexFor(layout.kernelFirst()).getAsInt())
                            .geometry()
                            .entryCount(0);
            check(
                    layout.kernelRootFirst() <= layout.kernelRootLast()
                            && layout.kernelRootLast() < top,
                    () ->
                            "shared kernel root entries "
                                    + layout.kernelRootFirst()
                                    + ".."
                                    + layout.kernelRootLast()
                                    + " are outside the top table");
        }
        layoutRangeIsWhole(architecture, "user", layout.userFirst(), layout.userLast(), false);
        layoutRangeIsWhole(
                architecture,
                "kernel",
                layout.kernelFirst(),
                layout.kernelLast(),
                layout.sharesKernelRootEntries());
        check(
                !overlaps(
                        layout.userFirst(),
                        layout.userLast(),
                        layout.kernelFirst(),
                        layout.kernelLast()),
                () ->
                        "the user range "
                                + Hex.of(layout.userFirst())
                                + ".."
                                + Hex.of(layout.userLast())
                                + " and the kernel range "
                                + Hex.of(layout.kernelFirst())
                                + ".."
                                + Hex.of(layout.kernelLast())
                                + " overlap");
    }

    /**
     * A range of the layout is whole pages of one root, every address of it canonical (it does not
     * run through the hole between canonical halves), and, when it is the shared kernel part, whole
     * top-level entries (what a switch copies is exactly the range).
     */
    private static void layoutRangeIsWhole(
            Architecture architecture,
            String what,
            long first,
            long last,
            boolean wholeTopEntries) {
        int rootIndex = architecture.rootIndexFor(first).orElse(-1);
        check(
                rootIndex >= 0 && rootIndex == architecture.rootIndexFor(last).orElse(-1),
                () ->
                        "the "
                                + what
                                + " range "
                                + Hex.of(first)
                                + ".."
                                + Hex.of(last)
                                + " starts in root "
                                + rootIndex
                                + " and ends in root "
                                + architecture.rootIndexFor(last).orElse(-1));
        TranslationRoot root = architecture.roots().get(rootIndex);
        CanonicalForm form = root.canonicalForm();
        check(
                form.isCanonical(first)
                        && form.isCanonical(last)
                        && form.linear(last) - form.linear(first) == last - first,
                () ->
                        "the "
                                + what
                                + " range "
                                + Hex.of(first)
                                + ".."
                                + Hex.of(last)
                                + " is not all canonical in "
                                + form.describeRanges());
        long unit = wholeTopEntries ? root.geometry().span(0) : root.geometry().pageSize();
        check(
                (first & (unit - 1)) == 0 && ((last + 1) & (unit - 1)) == 0,
                () ->
                        "the "
                                + what
                                + " range "
                                + Hex.of(first)
                                + ".."
                                + Hex.of(last)
                                + " is not whole "
                                + (wholeTopEntries ? "top-level entries" : "pages")
                                + " of "
                                + Hex.of(unit)
                                + " bytes");
    }

    /**
     * The layout's shared kernel entries cover exactly the kernel range, its recursive window
     * borders the user or kernel range without overlapping either and reaches the tables, and its
     * direct map lies in the kernel range.
     */
    @Test
    default void layoutWindowsLieWhereTheyBelong() {
        Architecture architecture = architecture();
        AddressLayout layout = architecture.layout();
        int kernelRoot = architecture.rootIndexFor(layout.kernelFirst()).orElse(-1);
        check(
                kernelRoot >= 0,
                () ->
                        "the kernel range starts at "
                                + Hex.of(layout.kernelFirst())
                                + ", which no root translates");
        TranslationRoot root = architecture.roots().get(kernelRoot);
        Geometry geometry = root.geometry();
        CanonicalForm form = root.canonicalForm();
        if (layout.sharesKernelRootEntries()) {
            int first = geometry.indexOf(0, form.linear(layout.kernelFirst()));
            int last = geometry.indexOf(0, form.linear(layout.kernelLast()));
            check(
                    first == layout.kernelRootFirst() && last == layout.kernelRootLast(),
                    () ->
                            "the kernel range "
                                    + Hex.of(layout.kernelFirst())
                                    + ".."
                                    + Hex.of(layout.kernelLast())
                                    + " covers top-level entries "
                                    + first
                                    + ".."
                                    + last
                                    + " but the layout shares entries "
                                    + layout.kernelRootFirst()
                                    + ".."
                                    + layout.kernelRootLast());
        }
        if (layout.hasRecursiveSlot()) {
            int slot = layout.recursiveSlot();
            check(
                    slot < geometry.entryCount(0),
                    () -> "recursive slot " + slot + " is outside the top table");
            long first = form.virtual((long) slot << geometry.shift(0));
            long last = first + geometry.span(0) - 1;
            check(
                    !overlaps(first, last, layout.userFirst(), layout.userLast())
                            && !overlaps(first, last, layout.kernelFirst(), layout.kernelLast()),
                    () ->
                            "the recursive window "
                                    + Hex.of(first)
                                    + ".."
                                    + Hex.of(last)
                                    + " overlaps the user or kernel range of "
                                    + layout);
            check(
                    last + 1 == layout.userFirst()
                            || first - 1 == layout.userLast()
                            || last + 1 == layout.kernelFirst()
                            || first - 1 == layout.kernelLast(),
                    () ->
                            "the recursive window "
                                    + Hex.of(first)
                                    + ".."
                                    + Hex.of(last)
                                    + " does not border the user or kernel range of "
                                    + layout
                                    + ": the ranges must stop exactly at it");
            check(
                    !layout.sharesKernelRootEntries()
                            || slot < layout.kernelRootFirst()
                            || slot > layout.kernelRootLast(),
                    () ->
                            "recursive slot "
                                    + slot
                                    + " is among the shared kernel entries: switching address spaces would copy it");
            // the slot's own entry (kernelTableEntry) must read as a table at every level above the
            // leaves and as a
            // writable page at the last, or the machine cannot reach its tables through the slot at
            // all
            String unusable =
                    architecture.roots().size() == 1
                            ? RecursiveTableAccess.unsupportedReason(root, slot)
                            : null;
            check(
                    unusable == null,
                    () ->
                            "the layout names recursive slot "
                                    + slot
                                    + " but the tables cannot be reached through it: "
                                    + unusable);
        }
        if (layout.hasDirectMap()) {
            long base = layout.directMapBase();
            check(
                    Long.compareUnsigned(base, layout.kernelFirst()) >= 0
                            && Long.compareUnsigned(base, layout.kernelLast()) <= 0,
                    () ->
                            "the direct map at "
                                    + Hex.of(base)
                                    + " is outside the kernel range "
                                    + Hex.of(layout.kernelFirst())
                                    + ".."
                                    + Hex.of(layout.kernelLast()));
            check(
                    (base & (geometry.pageSize() - 1)) == 0,
                    () -> "the direct map at " + Hex.of(base) + " is not page aligned");
        }
    }

    private static boolean overlaps(long first, long last, long otherFirst, long otherLast) {
        return Long.compareUnsigned(first, otherLast) <= 0
                && Long.compareUnsigned(otherFirst, last) <= 0;
    }
}
