package io.pagoda.paging.export;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.RootSettings;
import java.util.List;
import java.util.Objects;

/**
 * A machine's first address space, declared: the variant, where its tables will live in physical
 * memory, and what they map. {@link BootTables#build} turns it into tables, register values and
 * files.
 *
 * @param architecture the paging variant
 * @param base physical address where the tables will be loaded (the root tables come first), page
 *     aligned
 * @param tableSpace bytes the tables may take from {@code base} on; building needs no more than it
 *     uses
 * @param mappings the ranges, in any order; they may not overlap
 * @param settings tag and cache bits of the root registers
 */
public record BootLayout(
        Architecture architecture,
        long base,
        long tableSpace,
        List<BootMapping> mappings,
        RootSettings settings) {
    /**
     * Table space when none is given: 64 MiB, room for the tables of several TiB of 4 KiB pages.
     */
    public static final long DEFAULT_TABLE_SPACE = 64L << 20;

    /**
     * Checks that the variant and settings are given and copies the mappings.
     *
     * @param architecture the paging variant
     * @param base physical address where the tables will be loaded, page aligned
     * @param tableSpace bytes the tables may take from {@code base} on
     * @param mappings the ranges, in any order
     * @param settings tag and cache bits of the root registers
     * @throws NullPointerException when {@code architecture} or {@code settings} is null
     */
    public BootLayout {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(settings, "settings");
        mappings = List.copyOf(mappings);
    }

    /**
     * A layout with {@link #DEFAULT_TABLE_SPACE} and {@link RootSettings#DEFAULT} settings.
     *
     * @param architecture the paging variant
     * @param base physical address where the tables will be loaded, page aligned
     * @param mappings the ranges, in any order; they may not overlap
     * @return the layout, checked only when {@link BootTables#build} builds it
     */
    public static BootLayout of(Architecture architecture, long base, List<BootMapping> mappings) {
        return new BootLayout(
                architecture, base, DEFAULT_TABLE_SPACE, mappings, RootSettings.DEFAULT);
    }
}
