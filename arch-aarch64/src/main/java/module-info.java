/**
 * AArch64 VMSAv8-64 stage 1 (EL1&amp;0) for Pagoda: 4K, 16K and 64K granules, TTBR0/TTBR1 halves
 * that may differ (from TCR_EL1), ASID-tagged TLBI maintenance and break-before-make.
 */
@SuppressWarnings(
        "module") // the name io.pagoda.arch.aarch64 is the architecture's name, trailing digits and
// all
module io.pagoda.arch.aarch64 {
    requires static org.jspecify;
    // transitive: the public types here (formats, roots, architectures) expose the paging API's
    // types
    requires transitive io.pagoda.paging;

    exports io.pagoda.arch.aarch64;

    provides io.pagoda.paging.spi.ArchitectureProvider with
            io.pagoda.arch.aarch64.Aarch64Provider;
    provides io.pagoda.paging.image.TlbLineFormat with
            io.pagoda.arch.aarch64.Aarch64TlbLines;
    provides io.pagoda.paging.spi.ModuleVectors with
            io.pagoda.arch.aarch64.Aarch64ModuleVectors;
}
