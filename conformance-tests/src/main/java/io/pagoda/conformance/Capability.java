package io.pagoda.conformance;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a variant may or may not have, and what a contract test may need ({@link Requires}). A test
 * whose needs the variant lacks is reported as {@code n/a} in the matrix: it proves nothing there,
 * so it must not count as a pass. By default the kit derives a variant's capabilities from the SPI
 * ({@link #of}); an author may declare them instead ({@link ConformanceSubject#capabilities()}).
 */
public enum Capability {
    /** Leaves above the last level (huge pages, blocks) in at least one root. */
    BLOCKS,
    /**
     * A level above the leaf level in at least one root, so one entry can cover (guard) many pages.
     */
    UPPER_LEVELS,
    /** Address-space tags (PCID, ASID). */
    TAGS,
    /**
     * Top-level entries every address space shares with the kernel (copied on switch), in a root
     * that translates the kernel.
     */
    SHARED_KERNEL_ROOTS,
    /**
     * Some live-entry change that must go through an invalid entry and a flush (AArch64
     * break-before-make).
     */
    BREAK_BEFORE_MAKE,
    /** A recursive slot in the default layout. */
    RECURSIVE_SLOT,
    /** A direct map of physical memory in the default layout. */
    DIRECT_MAP,
    /** Boot vectors of the module ({@link ModuleVectors#bootVectors()}) name the variant. */
    BOOT_VECTORS,
    /** Detection vectors ({@link ModuleVectors#detectionVectors()}) name the variant. */
    DETECTION_VECTORS,
    /** Layout vectors ({@link ModuleVectors#layoutVectors()}) name the variant. */
    LAYOUT_VECTORS,
    /**
     * The variant under another memory-attribute configuration ({@link
     * ModuleVectors#configuredVariants()}).
     */
    CONFIGURED_VARIANTS,
    /** Build vectors ({@link ModuleVectors#buildVectors()}) name the variant. */
    BUILD_VECTORS,
    /** The module documents names for the variant ({@link ModuleVectors#documentedNames()}). */
    DOCUMENTED_NAMES,
    /** Write vectors ({@link ModuleVectors#writeVectors()}) name the variant. */
    WRITE_VECTORS,
    /**
     * Configuration vectors ({@link ModuleVectors#configurationVectors()}) configure the variant.
     */
    CONFIGURATION_VECTORS;

    /**
     * The name used in reports: lower case with dashes.
     *
     * @return the label, such as {@code shared-kernel-roots}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * What the SPI says the variant has.
     *
     * @param architecture the variant
     * @return the capabilities its roots, layout and formats show
     */
    public static Set<Capability> of(Architecture architecture) {
        Set<Capability> has = EnumSet.noneOf(Capability.class);
        for (TranslationRoot root : architecture.roots()) {
            Geometry geometry = root.geometry();
            if (geometry.lastLevel() > 0) {
                has.add(UPPER_LEVELS);
            }
            for (int level = 0; level < geometry.lastLevel(); level++) {
                if (geometry.level(level).leafAllowed()) {
                    has.add(BLOCKS);
                }
            }
            if (needsBreakBeforeMake(root)) {
                has.add(BREAK_BEFORE_MAKE);
            }
        }
        if (architecture.tagBits() > 0) {
            has.add(TAGS);
        }
        AddressLayout layout = architecture.layout();
        if (layout.sharesKernelRootEntries()
                && architecture.rootIndexFor(layout.kernelFirst()).isPresent()) {
            has.add(SHARED_KERNEL_ROOTS);
        }
        if (layout.hasRecursiveSlot()) {
            has.add(RECURSIVE_SLOT);
        }
        if (layout.hasDirectMap()) {
            has.add(DIRECT_MAP);
        }
        return has;
    }

    /**
     * What the module's vectors state about the variant: each kind of {@link ModuleVectors} that
     * names it. The tests of a kind no vector names show {@code n/a}, not a pass that checked
     * nothing.
     *
     * @param variant the variant's name
     * @param sources the module vectors found
     * @return the vector capabilities of {@code variant}
     */
    public static Set<Capability> ofVectors(String variant, List<ModuleVectors> sources) {
        Set<Capability> has = EnumSet.noneOf(Capability.class);
        for (ModuleVectors source : sources) {
            if (source.bootVectors().stream().anyMatch(v -> v.variant().equals(variant))) {
                has.add(BOOT_VECTORS);
            }
            if (source.detectionVectors().stream()
                    .anyMatch(
                            v ->
                                    v.detected().containsKey(variant)
                                            || v.notDetected().contains(variant))) {
                has.add(DETECTION_VECTORS);
            }
            if (source.layoutVectors().stream().anyMatch(v -> v.variant().equals(variant))) {
                has.add(LAYOUT_VECTORS);
            }
            if (source.configuredVariants().stream().anyMatch(v -> v.variant().equals(variant))) {
                has.add(CONFIGURED_VARIANTS);
            }
            if (source.buildVectors().stream().anyMatch(v -> v.variant().equals(variant))) {
                has.add(BUILD_VECTORS);
            }
            if (source.writeVectors().stream().anyMatch(v -> v.variant().equals(variant))) {
                has.add(WRITE_VECTORS);
            }
            if (source.configurationVectors().stream().anyMatch(v -> v.variant().equals(variant))) {
                has.add(CONFIGURATION_VECTORS);
            }
            if (source.documentedNames().containsValue(variant)) {
                has.add(DOCUMENTED_NAMES);
            }
        }
        return has;
    }

    /**
     * Whether moving a live leaf to another frame needs break-before-make at some leaf level of the
     * root.
     */
    private static boolean needsBreakBeforeMake(TranslationRoot root) {
        Geometry geometry = root.geometry();
        EntryFormat format = root.format();
        ExpressibleFlags expressible = ExpressibleFlags.of(root);
        if (expressible.isEmpty()) {
            return false;
        }
        MappingFlags flags = expressible.typical();
        for (int level = 0; level <= geometry.lastLevel(); level++) {
            if (!geometry.level(level).leafAllowed()) {
                continue;
            }
            long size = geometry.span(level);
            long template = format.leafTemplate(level, flags);
            if (format.needsBreakBeforeMake(
                    level,
                    format.leafEntry(level, template, size),
                    format.leafEntry(level, template, 2 * size))) {
                return true;
            }
        }
        return false;
    }
}
