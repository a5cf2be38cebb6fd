/**
 * Test support for Pagoda (Guava's testlib pattern): oracles that judge a running machine or an
 * architecture's walk, fault injection, one toy architecture and the flat reference models. Test
 * scope only; never a dependency of library code.
 */
module io.pagoda.paging.testlib {
    requires transitive io.pagoda.paging;
    // the checks fail as assertions (opentest4j's AssertionFailedError, which JUnit Jupiter's API
    // re-exports)
    requires transitive org.junit.jupiter.api;
    requires static org.jspecify;

    exports io.pagoda.paging.testlib;
    exports io.pagoda.paging.testlib.model;
    exports io.pagoda.paging.testlib.toy;
}
