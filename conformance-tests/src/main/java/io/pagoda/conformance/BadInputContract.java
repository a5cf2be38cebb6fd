package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.AddressSpaceTagException;
import io.pagoda.paging.error.InvalidRangeException;
import io.pagoda.paging.error.MisalignedAddressException;
import io.pagoda.paging.error.NonCanonicalAddressException;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.error.PhysicalAddressException;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.RegisterRole;
import io.pagoda.paging.spi.RegisterValue;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.UnmapCallback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bad arguments are refused with the right exception, a message naming the address, and no change
 * at all.
 */
@Tag("bad-input")
@ConformanceArea("bad-input")
public interface BadInputContract extends ConformanceSubject {

    /** The variant refuses misaligned and empty ranges with a typed exception, changing nothing. */
    @Test
    default void refusesMisalignedAndEmptyRanges() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            TableHierarchy tables = system.hierarchy(r);
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            long va = places.va(places.topBoundary());
            MisalignedAddressException misaligned =
                    Checks.refused(
                            system,
                            MisalignedAddressException.class,
                            "a misaligned address",
                            () ->
                                    tables.mapContiguous(
                                            va + 8, 0, page, flags, LeafSizePolicy.PAGES_ONLY));
            check(
                    misaligned.getMessage().contains(Hex.of(va + 8)),
                    () -> "the message must name the address: " + misaligned.getMessage());
            Checks.refused(
                    system,
                    MisalignedAddressException.class,
                    "a misaligned length",
                    () -> tables.guard(va, page + 1));
            Checks.refused(
                    system,
                    MisalignedAddressException.class,
                    "a misaligned frame",
                    () ->
                            tables.mapContiguous(
                                    va, 0x1000_0000L + 8, page, flags, LeafSizePolicy.PAGES_ONLY));
            Checks.refused(
                    system,
                    InvalidRangeException.class,
                    "a zero length",
                    () -> tables.unmap(va, 0, UnmapCallback.NONE));
            Checks.refused(
                    system,
                    InvalidRangeException.class,
                    "a negative length",
                    () -> tables.guard(va, -page));
            Checks.refused(
                    system,
                    InvalidRangeException.class,
                    "a range past the end of the space",
                    () -> tables.guard(places.va(places.lastPage()), 2 * page));
        }
    }

    /** The variant refuses non-canonical addresses with a typed exception, changing nothing. */
    @Test
    default void refusesNonCanonicalAddresses() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            long outside = places.va(places.lastPage()) + page;
            if (system.root(r).canonicalForm().isCanonical(outside)) {
                outside = 1L << (system.root(r).canonicalForm().bits() - 1);
            }
            if (system.root(r).canonicalForm().isCanonical(outside)) {
                continue;
            }
            long address = outside;
            TableHierarchy tables = system.hierarchy(r);
            NonCanonicalAddressException e =
                    Checks.refused(
                            system,
                            NonCanonicalAddressException.class,
                            "a non-canonical address " + Hex.of(address),
                            () -> tables.guard(address, page));
            check(
                    e.getMessage().contains(Hex.of(address)),
                    () -> "the message must name the address: " + e.getMessage());
        }
    }

    /** The variant refuses frames beyond its physical address width, changing nothing. */
    @Test
    default void refusesFramesPastThePhysicalWidth() {
        PagingSystem system = newSystem();
        int bits = system.architecture().physicalAddressBits();
        if (bits >= 63) {
            return;
        }
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            TableHierarchy tables = system.hierarchy(r);
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            Checks.refused(
                    system,
                    PhysicalAddressException.class,
                    "a frame past the physical width",
                    () ->
                            tables.mapContiguous(
                                    places.va(places.topBoundary()),
                                    1L << bits,
                                    page,
                                    flags,
                                    LeafSizePolicy.PAGES_ONLY));
        }
    }

    /**
     * The variant refuses flags its format cannot express with RightsNotExpressibleException,
     * changing nothing.
     */
    @Test
    default void refusesRightsItCannotExpress() {
        PagingSystem system = newSystem();
        for (int r = 0; r < system.rootCount(); r++) {
            Places places = new Places(system.root(r));
            long page = places.page();
            TableHierarchy tables = system.hierarchy(r);
            long va = places.va(places.topBoundary());
            Checks.refused(
                    system,
                    RightsNotExpressibleException.class,
                    "a mapping with no rights",
                    () ->
                            tables.mapContiguous(
                                    va,
                                    0,
                                    page,
                                    MappingFlags.of(MappingAccessRights.NONE),
                                    LeafSizePolicy.PAGES_ONLY));
            List<MappingFlags> expressible = ExpressibleFlags.of(system.root(r)).all();
            for (MappingAccessRights rights : MappingAccessRights.all()) {
                MappingFlags flags = MappingFlags.of(rights);
                if (rights.bits() == 0 || expressible.contains(flags)) {
                    continue;
                }
                // refused, or expressed at some level and not others; never silently changed
                PagingSystem.Snapshot before = system.snapshot();
                try {
                    tables.mapContiguous(va, 0, page, flags, LeafSizePolicy.PAGES_ONLY);
                    MappingFlags got = tables.translate(va).flags();
                    check(
                            got.rights().contains(rights) && got.global() == flags.global(),
                            () ->
                                    "mapped with "
                                            + flags
                                            + " but the page reads back "
                                            + got
                                            + ": refuse instead of dropping");
                    tables.unmap(va, page, UnmapCallback.NONE);
                } catch (RightsNotExpressibleException e) {
                    check(
                            system.differenceFrom(before) == null,
                            () -> "a refused map changed the tables");
                    check(
                            e.getMessage() != null && !e.getMessage().isBlank(),
                            () -> "the refusal has no message");
                } catch (PagingException e) {
                    throw new AssertionError(
                            "mapping with "
                                    + flags
                                    + " threw "
                                    + e
                                    + " instead of RightsNotExpressibleException",
                            e);
                }
            }
        }
    }

    /**
     * The variant refuses root tables a register cannot point at (misaligned, past the physical
     * width or the register's reach) and tags past the tag width, with typed exceptions.
     */
    @Test
    default void refusesBadRootRegisters() {
        Architecture architecture = architecture();
        int tagBits = architecture.tagBits();
        long widthLimit =
                architecture.physicalAddressBits() >= 62
                        ? Long.MAX_VALUE
                        : 1L << architecture.physicalAddressBits();
        for (TranslationRoot root : architecture.roots()) {
            long alignment = root.rootAlignment();
            long table = 16 * Math.max(alignment, 4096);
            if (alignment >= 16) {
                long misaligned = table + alignment / 2;
                refusedRegister(
                        root,
                        misaligned,
                        0,
                        MisalignedAddressException.class,
                        "a root table at "
                                + Hex.of(misaligned)
                                + ", off its "
                                + alignment
                                + "-byte alignment");
            }
            long tooWide = Math.min(widthLimit, root.rootAddressLimit());
            if (tooWide < (1L << 62)) {
                refusedRegister(
                        root,
                        tooWide,
                        0,
                        PhysicalAddressException.class,
                        "a root table at " + Hex.of(tooWide) + ", past what the register can hold");
            }
            if (tagBits == 0) {
                refusedRegister(
                        root,
                        table,
                        1,
                        AddressSpaceTagException.class,
                        "tag 1 on an architecture without tags");
            } else if (tagBits < 31) {
                refusedRegister(
                        root,
                        table,
                        1 << tagBits,
                        AddressSpaceTagException.class,
                        "tag " + (1 << tagBits) + ", wider than " + tagBits + " bits");
                refusedRegister(root, table, -1, AddressSpaceTagException.class, "tag -1");
            }
        }
    }

    /**
     * {@code rootRegisters} as the SPI states it: a wrong number of tables is refused with {@code
     * IllegalArgumentException}; a tag, uncached walks or shared tables are either refused (a tag
     * on an architecture without tags, a combination the registers cannot hold) or carried: every
     * root register still loads its table, the tag root carries the tag, and a setting that is
     * accepted changes some register (a setting silently dropped would load the tables otherwise
     * than asked).
     */
    @Test
    default void rootRegistersCarryTheirSettingsOrRefuseThem() {
        Architecture architecture = architecture();
        int roots = architecture.roots().size();
        long[] tables = new long[roots];
        for (int r = 0; r < roots; r++) {
            tables[r] = 0x0040_0000L * (r + 1);
        }
        for (int count : new int[] {roots - 1, roots + 1}) {
            long[] wrong = Arrays.copyOf(tables, count);
            try {
                RootRegisters registers = architecture.rootRegisters(wrong, RootSettings.DEFAULT);
                throw new AssertionError(
                        "rootRegisters accepts "
                                + count
                                + " root tables for "
                                + roots
                                + " roots: "
                                + registers.values());
            } catch (IllegalArgumentException expected) {
                // the SPI's answer
            }
        }
        List<RegisterValue> plain =
                architecture.rootRegisters(tables, RootSettings.DEFAULT).values();
        int tagBits = architecture.tagBits();
        List<RootSettings> settings =
                new ArrayList<>(
                        List.of(
                                new RootSettings(1, false, false),
                                new RootSettings(0, true, false),
                                new RootSettings(0, false, true),
                                new RootSettings(1, true, false)));
        if (tagBits > 1 && tagBits < 31) {
            settings.add(new RootSettings((1 << tagBits) - 1, false, false));
        }
        for (RootSettings setting : settings) {
            List<RegisterValue> values;
            try {
                values = architecture.rootRegisters(tables, setting).values();
            } catch (IllegalArgumentException | PagingException refused) {
                check(
                        setting.tag() != 0 || setting.uncachedWalks() || setting.commonNotPrivate(),
                        () -> "default settings refused");
                continue;
            }
            check(
                    setting.tag() == 0 || tagBits > 0,
                    () ->
                            "rootRegisters accepts tag "
                                    + setting.tag()
                                    + " on an architecture without tags: "
                                    + values);
            check(
                    !values.equals(plain),
                    () ->
                            "rootRegisters accepts "
                                    + setting
                                    + " but writes the same registers as for the"
                                    + " default settings: "
                                    + values);
            int tagRoot = architecture.tagRootIndex();
            for (RegisterValue value : values) {
                int r =
                        value.role() == RegisterRole.ROOT
                                ? 0
                                : value.role() == RegisterRole.ROOT_UPPER ? 1 : -1;
                if (r < 0 || r >= roots) {
                    continue;
                }
                TranslationRoot root = architecture.roots().get(r);
                int index = r;
                check(
                        root.tableAddress(value.value()) == tables[index],
                        () ->
                                value.name()
                                        + " = "
                                        + Hex.of(value.value())
                                        + " written for "
                                        + setting
                                        + " loads table "
                                        + Hex.of(root.tableAddress(value.value()))
                                        + ", not "
                                        + Hex.of(tables[index]));
                // with tag 0 the tag bits may say something else (x86: PWT/PCD while CR4.PCIDE is
                // clear)
                if (r == tagRoot && setting.tag() != 0) {
                    check(
                            root.tag(value.value()) == setting.tag(),
                            () ->
                                    value.name()
                                            + " = "
                                            + Hex.of(value.value())
                                            + " written for "
                                            + setting
                                            + " carries tag "
                                            + root.tag(value.value())
                                            + ", not "
                                            + setting.tag());
                }
            }
        }
    }

    /**
     * The edges of what a root register holds are not refused with the bad values beyond them: a
     * root table at physical address 0, and the last aligned one below the physical width and the
     * register's reach, each load and read back as that table.
     */
    @Test
    default void acceptsRootTablesAtTheEdgesOfTheRegister() {
        Architecture architecture = architecture();
        long widthLimit =
                architecture.physicalAddressBits() >= 62
                        ? Long.MAX_VALUE
                        : 1L << architecture.physicalAddressBits();
        List<String> wrong = new ArrayList<>();
        for (TranslationRoot root : architecture.roots()) {
            long alignment = Math.max(root.rootAlignment(), 1);
            long last = (Math.min(widthLimit, root.rootAddressLimit()) - 1) & -alignment;
            for (long table : new long[] {0, last}) {
                try {
                    long value = root.registerValue(table, 0);
                    if (root.tableAddress(value) != table) {
                        wrong.add(
                                root.registerName()
                                        + " = "
                                        + Hex.of(value)
                                        + " written for table "
                                        + Hex.of(table)
                                        + " loads "
                                        + Hex.of(root.tableAddress(value)));
                    }
                } catch (PagingException e) {
                    wrong.add(
                            root.registerName()
                                    + " refuses a root table at "
                                    + Hex.of(table)
                                    + ": "
                                    + e);
                }
            }
        }
        check(wrong.isEmpty(), () -> String.join("\n  ", wrong));
    }

    /**
     * The register value for a bad table or tag is refused with a reason, typed by what is wrong: a
     * misaligned table with {@code MisalignedAddressException}, one past the register's reach with
     * {@code PhysicalAddressException}, a bad tag with {@code AddressSpaceTagException} (a caller
     * can tell which of its inputs to fix).
     */
    private static void refusedRegister(
            TranslationRoot root,
            long table,
            int tag,
            Class<? extends PagingException> expected,
            String what) {
        long value;
        try {
            value = root.registerValue(table, tag);
        } catch (PagingException e) {
            check(
                    e.getMessage() != null && !e.getMessage().isBlank(),
                    () -> root.registerName() + ": refusing " + what + " gives no reason");
            check(
                    expected.isInstance(e),
                    () ->
                            root.registerName()
                                    + ": "
                                    + what
                                    + " is refused with "
                                    + e.getClass().getSimpleName()
                                    + " ("
                                    + e.getMessage()
                                    + "), not "
                                    + expected.getSimpleName());
            return;
        }
        throw new AssertionError(
                root.registerName()
                        + " accepts "
                        + what
                        + " as register value "
                        + Hex.of(value)
                        + "; refuse it with the reason (the hardware would load another table or tag)");
    }

    /** The variant routes non-canonical addresses to no root (root index -1). */
    @Test
    default void routesNonCanonicalAddressesToNoRoot() {
        Architecture architecture = architecture();
        List<TranslationRoot> roots = architecture.roots();
        List<Long> probes = new ArrayList<>();
        for (TranslationRoot root : roots) {
            CanonicalForm form = root.canonicalForm();
            int bits = form.bits();
            long lastLinear = bits >= 64 ? -1L : (1L << bits) - 1;
            probes.add(form.virtual(0) - 1);
            probes.add(form.virtual(lastLinear) + 1);
            probes.add(form.virtual(lastLinear >>> 1) + 1);
            probes.add(form.virtual((lastLinear >>> 1) + 1) - 1);
            probes.add(Long.MIN_VALUE);
            probes.add(Long.MAX_VALUE);
        }
        for (long va : probes) {
            int expected = -1;
            for (int r = roots.size() - 1; r >= 0; r--) {
                if (roots.get(r).canonicalForm().isCanonical(va)) {
                    expected = r;
                }
            }
            int want = expected;
            check(
                    architecture.rootIndexFor(va).orElse(-1) == want,
                    () ->
                            Hex.of(va)
                                    + " is "
                                    + (want < 0
                                            ? "translated by no root"
                                            : "translated by root "
                                                    + want
                                                    + " ("
                                                    + roots.get(want).registerName()
                                                    + ")")
                                    + " but rootIndexFor says "
                                    + architecture.rootIndexFor(va).orElse(-1));
        }
    }

    /**
     * The variant refuses leaves at physical addresses beyond its entry format's reach, changing
     * nothing.
     */
    @Test
    default void refusesPagesPastTheFormatsReach() {
        PagingSystem system = newSystem();
        int bits = system.architecture().physicalAddressBits();
        for (int r = 0; r < system.rootCount(); r++) {
            Geometry geometry = system.root(r).geometry();
            Places places = new Places(system.root(r));
            MappingFlags flags = ExpressibleFlags.of(system.root(r)).typical();
            for (int level = 0; level <= geometry.lastLevel(); level++) {
                long size = geometry.span(level);
                long reach = system.root(r).format().leafAddressLimit(level);
                if (!geometry.level(level).leafAllowed()
                        || bits >= 62
                        || reach >= 1L << bits
                        || !places.contiguous(places.topBoundary(), size)) {
                    continue;
                }
                TableHierarchy tables = system.newHierarchy(system.root(r));
                Checks.refused(
                        system,
                        PhysicalAddressException.class,
                        "a "
                                + Hex.size(size)
                                + " leaf at "
                                + Hex.of(reach)
                                + ", past what a level-"
                                + level
                                + " leaf reaches",
                        () ->
                                tables.mapContiguous(
                                        places.va(places.topBoundary()),
                                        reach,
                                        size,
                                        flags,
                                        LeafSizePolicy.LARGEST_FITTING));
            }
        }
    }
}
