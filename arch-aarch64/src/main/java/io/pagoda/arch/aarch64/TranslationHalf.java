package io.pagoda.arch.aarch64;

import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.LevelGeometry;
import java.util.ArrayList;
import java.util.List;

/**
 * One half of the EL1&amp;0 address space, as TCR_EL1 configures it: a granule (TGn) and a VA size
 * ({@code 64 - TnSZ}). It fixes the start level and the size of the possibly partial first table
 * (reference §4 geometry table: e.g. 16K with 48 bits starts at L0 with a 2-entry table).
 *
 * @param granule the translation granule
 * @param vaBits  the VA size of the half, 25..48 (TnSZ 16..39)
 */
public record TranslationHalf(Granule granule, int vaBits) {

    public TranslationHalf {
        if (vaBits < 25 || vaBits > 48) {
            throw new IllegalArgumentException("a VA size of " + vaBits + " bits (TnSZ " + (64 - vaBits)
                    + ") is outside 25..48 bits (TnSZ 16..39) without FEAT_LVA/FEAT_TTST; choose a TnSZ in 16..39");
        }
    }

    /** The hardware level a walk starts at, 0..3. */
    public int startLevel() {
        return granule.startLevel(vaBits);
    }

    /** Entries of the first table: {@code 2^(vaBits - shift(startLevel))}. */
    public int firstTableEntries() {
        return 1 << (vaBits - granule.shift(startLevel()));
    }

    /** The levels from the start level to L3, named L0..L3 as the hardware names them. */
    public Geometry geometry(boolean largePhysicalAddress) {
        List<LevelGeometry> levels = new ArrayList<>();
        int start = startLevel();
        for (int n = start; n <= 3; n++) {
            int entries = n == start ? firstTableEntries() : 1 << granule.stride();
            boolean leaf = n == 3 || granule.blockAllowed(n, largePhysicalAddress);
            levels.add(new LevelGeometry("L" + n, granule.shift(n), entries, 8, leaf));
        }
        return new Geometry(levels);
    }

    /** {@code 4k-48}: the suffix of variant names. */
    public String label() {
        return granule.label() + "-" + vaBits;
    }

    @Override
    public String toString() {
        return granule.label().toUpperCase(java.util.Locale.ROOT) + " granule, " + vaBits + "-bit VA from L" + startLevel();
    }
}
