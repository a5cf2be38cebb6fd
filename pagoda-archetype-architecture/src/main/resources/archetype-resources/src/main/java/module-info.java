/** ${variantName} for Pagoda: one paging variant, found through ServiceLoader on the class path and the module path. */
module ${package} {
    // transitive: the public types here (the architecture, the provider) expose the paging API's types
    requires transitive io.pagoda.paging;

    exports ${package};

    provides io.pagoda.paging.spi.ArchitectureProvider with ${package}.SvProvider;
}
