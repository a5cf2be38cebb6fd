/**
 * The conformance kit: one suite that proves any architecture module against the paging API's contracts. Add the
 * jar at test scope and extend {@link io.pagoda.conformance.ArchitectureConformance}.
 *
 * <p>The kit ships as an automatic module ({@code Automatic-Module-Name: io.pagoda.conformance}) because JUnit
 * and ArchUnit load it from the class path; this descriptor exists only so the aggregated Javadoc can document the
 * kit beside the named modules. It is not compiled into the jar.
 */
module io.pagoda.conformance {
    requires transitive io.pagoda.paging;
    requires transitive io.pagoda.paging.testlib;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive org.junit.platform.launcher;
    requires transitive org.junit.platform.engine;
    requires transitive com.google.guice;
    requires transitive com.tngtech.archunit;

    exports io.pagoda.conformance;
}
