package io.pagoda.example.riscv;

/** The two RV64 translation modes modelled: satp.MODE 8 (three levels) and 9 (four levels). */
enum SvMode {
    SV39("riscv-sv39", 8, 3),
    SV48("riscv-sv48", 9, 4);

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
