package io.pagoda.arch.aarch64;

/**
 * A translation granule: the page size, which fixes how many VA bits each level resolves (granule
 * bits minus 3, since a table is one granule of 8-byte descriptors), where blocks are allowed, and
 * the TCR_EL1 TG0/TG1 encodings (which differ between the two halves, for historical reasons).
 */
public enum Granule {
    /** 4 KiB pages, 9 VA bits per level; TG0 0b00, TG1 0b10. */
    FOUR_KIB(12, 0b00, 0b10),
    /** 16 KiB pages, 11 VA bits per level; TG0 0b10, TG1 0b01. */
    SIXTEEN_KIB(14, 0b10, 0b01),
    /** 64 KiB pages, 13 VA bits per level; TG0 0b01, TG1 0b11. */
    SIXTY_FOUR_KIB(16, 0b01, 0b11);

    private final int pageShift;
    private final int tg0;
    private final int tg1;

    Granule(int pageShift, int tg0, int tg1) {
        this.pageShift = pageShift;
        this.tg0 = tg0;
        this.tg1 = tg1;
    }

    /**
     * log2 of the page size: 12, 14 or 16.
     *
     * @return the page shift in bits
     */
    public int pageShift() {
        return pageShift;
    }

    /**
     * The page size in bytes, which is also the size of every full table.
     *
     * @return 4096, 16384 or 65536
     */
    public long pageSize() {
        return 1L << pageShift;
    }

    /**
     * VA bits one level resolves: 9, 11 or 13.
     *
     * @return the index width in bits
     */
    public int stride() {
        return pageShift - 3;
    }

    /**
     * The lowest VA bit indexed by hardware level {@code n} (0..3).
     *
     * @param hardwareLevel the hardware level, -1..3
     * @return the bit position
     */
    public int shift(int hardwareLevel) {
        return pageShift + stride() * (3 - hardwareLevel);
    }

    /**
     * The level a walk of a {@code vaBits}-bit range starts at (reference §4: {@code 4 - ((vaBits -
     * 4) / stride)}): -1 for 4K with 49..52 bits (FEAT_LPA2).
     *
     * @param vaBits the VA size of the half
     * @return the hardware start level, -1..3
     */
    public int startLevel(int vaBits) {
        return 4 - ((vaBits - 4) / stride());
    }

    /**
     * Whether a block descriptor is allowed at hardware level {@code n} (-1..2): 4K at L1 (1 GiB)
     * and L2 (2 MiB), 16K at L2 (32 MiB), 64K at L2 (512 MiB); with 52-bit output descriptors one
     * more: 4K at L0 (512 GiB) and 16K at L1 (64 GiB) with DS=1 (FEAT_LPA2), 64K at L1 (4 TiB) with
     * a 52-bit PA (FEAT_LPA). Never at L-1.
     *
     * @param hardwareLevel the hardware level, -1..3
     * @param wideOutput whether the half has 52-bit output-address descriptors
     * @return true when a block descriptor may sit at that level
     */
    public boolean blockAllowed(int hardwareLevel, boolean wideOutput) {
        return switch (this) {
            case FOUR_KIB ->
                    hardwareLevel == 1 || hardwareLevel == 2 || (hardwareLevel == 0 && wideOutput);
            case SIXTEEN_KIB -> hardwareLevel == 2 || (hardwareLevel == 1 && wideOutput);
            case SIXTY_FOUR_KIB -> hardwareLevel == 2 || (hardwareLevel == 1 && wideOutput);
        };
    }

    /**
     * The TCR_EL1.TG0 value selecting this granule.
     *
     * @return TG0, 2 bits
     */
    public int tg0() {
        return tg0;
    }

    /**
     * The TCR_EL1.TG1 value selecting this granule.
     *
     * @return TG1, 2 bits
     */
    public int tg1() {
        return tg1;
    }

    /**
     * {@code 4k}, {@code 16k}, {@code 64k}: the form variant names use.
     *
     * @return the label
     */
    public String label() {
        return (1 << (pageShift - 10)) + "k";
    }

    /**
     * The granule TCR_EL1.TG0 selects for the lower half.
     *
     * @param tg0 the TG0 field, 2 bits
     * @return the granule
     * @throws IllegalArgumentException for the reserved value 0b11
     */
    public static Granule ofTg0(int tg0) {
        for (Granule g : values()) {
            if (g.tg0 == tg0) {
                return g;
            }
        }
        throw new IllegalArgumentException(
                "TCR_EL1.TG0 = 0b11 is reserved; use 0b00 (4K), 0b10 (16K) or 0b01 (64K)");
    }

    /**
     * The granule TCR_EL1.TG1 selects for the upper half.
     *
     * @param tg1 the TG1 field, 2 bits
     * @return the granule
     * @throws IllegalArgumentException for the reserved value 0b00
     */
    public static Granule ofTg1(int tg1) {
        for (Granule g : values()) {
            if (g.tg1 == tg1) {
                return g;
            }
        }
        throw new IllegalArgumentException(
                "TCR_EL1.TG1 = 0b00 is reserved; use 0b10 (4K), 0b01 (16K) or 0b11 (64K)");
    }
}
