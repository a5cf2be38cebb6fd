package io.pagoda.arch.x86_64;

import java.util.Set;

/**
 * The two IA-32e paging modes: CR4.LA57 clear (4 levels, 48-bit addresses) or set (5 levels,
 * 57-bit). Their levels, and so their canonical width, are stated once, by {@link
 * X86_64EntryFormat#levels(int)}.
 */
public enum PagingMode {
    /** CR4.LA57 clear: PML4 at the top, 48-bit canonical addresses; variant {@code x86_64}. */
    FOUR_LEVEL(
            "x86_64",
            Set.of("amd64", "x86-64", "x86_64-4level", "intel64"),
            4,
            "x86-64 4-level paging (PML4): 48-bit canonical addresses, 4 KiB / 2 MiB / 1 GiB pages, PCID",
            0xFFFF888000000000L),
    /**
     * CR4.LA57 set: PML5 above the PML4, 57-bit canonical addresses; variant {@code x86_64-la57}.
     */
    FIVE_LEVEL(
            "x86_64-la57",
            Set.of("x86_64-5level", "x86-64-la57", "amd64-la57", "la57"),
            5,
            "x86-64 5-level paging (CR4.LA57, PML5): 57-bit canonical addresses, 4 KiB / 2 MiB / 1 GiB pages, PCID",
            0xFF11000000000000L);

    private final String architectureName;

    @SuppressWarnings(
            "ImmutableEnumChecker") // always a Set.of(...), unmodifiable; Guava's ImmutableSet is
    // no dependency here
    private final Set<String> aliases;

    private final int levelCount;
    private final String description;
    private final long linuxDirectMapBase;

    PagingMode(
            String architectureName,
            Set<String> aliases,
            int levelCount,
            String description,
            long linuxDirectMapBase) {
        this.architectureName = architectureName;
        this.aliases = aliases;
        this.levelCount = levelCount;
        this.description = description;
        this.linuxDirectMapBase = linuxDirectMapBase;
    }

    /**
     * The name of the variant that runs this mode.
     *
     * @return {@code x86_64} or {@code x86_64-la57}
     */
    public String architectureName() {
        return architectureName;
    }

    /**
     * Other names the variant answers to.
     *
     * @return an unmodifiable set of aliases
     */
    public Set<String> aliases() {
        return aliases;
    }

    /**
     * One line describing the mode, as the variant describes itself.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * How many levels a walk in this mode goes through.
     *
     * @return 4 or 5
     */
    public int levelCount() {
        return levelCount;
    }

    /**
     * Where Linux puts its direct map of all physical memory ({@code page_offset_base}) in this
     * mode.
     *
     * @return the virtual address, 0xFFFF888000000000 (4-level) or 0xFF11000000000000 (5-level)
     */
    public long linuxDirectMapBase() {
        return linuxDirectMapBase;
    }
}
