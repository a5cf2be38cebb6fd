package ${package};

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
}
