/**
 * x86-64 paging for Pagoda: 4-level (48-bit canonical addresses) and 5-level / LA57 (57-bit),
 * bit-exact entries with 4 KiB, 2 MiB and 1 GiB leaves, PAT memory types, protection keys,
 * PCID-tagged CR3 and the INVLPG / MOV CR3 / CR4.PGE invalidations.
 */
@SuppressWarnings(
        "module") // the name io.pagoda.arch.x86_64 is the architecture's name, trailing digits and
// all
module io.pagoda.arch.x86_64 {
    requires static org.jspecify;
    // transitive: the public types here (formats, roots, architectures) expose the paging API's
    // types
    requires transitive io.pagoda.paging;
    // the x86 family library: shared PAT, entry bits, rights and TLB semantics, used inside this
    // module only
    requires io.pagoda.arch.x86;

    exports io.pagoda.arch.x86_64;

    provides io.pagoda.paging.spi.ArchitectureProvider with
            io.pagoda.arch.x86_64.X86_64Provider;
    provides io.pagoda.paging.image.TlbLineFormat with
            io.pagoda.arch.x86_64.X86_64TlbLines;
    provides io.pagoda.paging.spi.ModuleVectors with
            io.pagoda.arch.x86_64.X86_64ModuleVectors;
}
