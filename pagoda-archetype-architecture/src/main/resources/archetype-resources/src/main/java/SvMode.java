package ${package};

import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.LevelGeometry;

/**
 * The translation modes this module models. It starts with RISC-V Sv39 (satp.MODE 8, three levels); a variant of the
 * same format with more levels (Sv48: MODE 9, four levels) is one more constant and its own hardware vectors.
 */
enum SvMode {
    SV39("${variantName}", 8, 3);

    final String variantName;
    /** The satp.MODE field value. */
    final long satpMode;
    final int levels;

    SvMode(String variantName, long satpMode, int levels) {
        this.variantName = variantName;
        this.satpMode = satpMode;
        this.levels = levels;
    }

    /** 9 index bits per level above the 12-bit offset; every level may hold a leaf (4 KiB, 2 MiB, 1 GiB). */
    Geometry geometry() {
        LevelGeometry[] tables = new LevelGeometry[levels];
        for (int i = 0; i < levels; i++) {
            int vpn = levels - 1 - i;
            tables[i] = new LevelGeometry("VPN[" + vpn + "]", 12 + 9 * vpn, 512, 8, true);
        }
        return Geometry.of(tables);
    }

    int virtualBits() {
        return 12 + 9 * levels;
    }
}
