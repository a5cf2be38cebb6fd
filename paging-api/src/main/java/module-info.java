/**
 * Pagoda's architecture-neutral paging model: values, the architecture SPI and registry, simulated
 * memory, the table algorithms, the simulated MMU and TLB, and the address-space facade.
 */
module io.pagoda.paging {
    requires static com.google.guice;
    // nullness annotations of the API: needed to compile and to check, not to run
    requires static org.jspecify;

    exports io.pagoda.paging;
    exports io.pagoda.paging.error;
    exports io.pagoda.paging.spi;
    exports io.pagoda.paging.memory;
    exports io.pagoda.paging.registry;
    exports io.pagoda.paging.table;
    exports io.pagoda.paging.image;
    exports io.pagoda.paging.export;
    exports io.pagoda.paging.cpu;
    exports io.pagoda.paging.machine;
    exports io.pagoda.paging.table.access;
    exports io.pagoda.paging.space;
    exports io.pagoda.paging.inject;

    // Guice reads the provider methods of PagingModule reflectively
    opens io.pagoda.paging.inject to
            com.google.guice;

    uses io.pagoda.paging.spi.ArchitectureProvider;
}
