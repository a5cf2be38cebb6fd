/** AArch64 VMSAv8-64 stage 1 (EL1&amp;0) for Pagoda: 4K, 16K and 64K granules, TTBR0/TTBR1, ASID-tagged TLB. */
module io.pagoda.arch.aarch64 {
    requires io.pagoda.paging;

    exports io.pagoda.arch.aarch64;

    provides io.pagoda.paging.spi.ArchitectureProvider with io.pagoda.arch.aarch64.Aarch64Provider;
}
