/**
 * Pagoda's i386 architectures: legacy 32-bit paging with 4 MiB PSE/PSE-36 pages ({@code i386},
 * {@code i386-widen-exec}) and PAE ({@code i386-pae}).
 */
@SuppressWarnings(
        "module") // the name io.pagoda.arch.i386 is the architecture's name, trailing digits and
// all
module io.pagoda.arch.i386 {
    requires static org.jspecify;
    // transitive: the public types here (formats, roots, architectures) expose the paging API's
    // types
    requires transitive io.pagoda.paging;
    // the x86 family library: shared PAT, entry bits, rights and TLB semantics, used inside this
    // module only
    requires io.pagoda.arch.x86;

    exports io.pagoda.arch.i386;

    provides io.pagoda.paging.spi.ArchitectureProvider with
            io.pagoda.arch.i386.I386ArchitectureProvider;
    provides io.pagoda.paging.image.TlbLineFormat with
            io.pagoda.arch.i386.I386TlbLines;
    provides io.pagoda.paging.spi.ModuleVectors with
            io.pagoda.arch.i386.I386ModuleVectors;
}
