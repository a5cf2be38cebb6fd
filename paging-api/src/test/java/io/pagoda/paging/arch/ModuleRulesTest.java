package io.pagoda.paging.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md's module rules for paging-api, enforced on its compiled main classes. */
class ModuleRulesTest {
    private static final JavaClasses API =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.pagoda.paging");

    @Test
    void pagingApiKnowsNoArchitecture() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.pagoda.arch..")
                .because("paging-api must not know any architecture")
                .check(API);
    }

    @Test
    void onlyTheInjectPackageTouchesGuice() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.pagoda.paging.inject..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.google.inject..", "jakarta.inject..")
                .because("Guice is optional: consumers without it must never load it")
                .check(API);
    }

    @Test
    void pagingApiUsesNoTestLibrary() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.junit..",
                        "org.opentest4j..",
                        "org.mockito..",
                        "com.tngtech..",
                        "io.pagoda.paging.testlib..")
                .because(
                        "test libraries are for paging-testlib, the conformance kit, docs and benchmarks")
                .check(API);
    }

    /**
     * Test support (oracles, checks that judge a machine, fault injectors, toy architectures,
     * reference models) lives in paging-testlib: main code had no test framework, so its checks
     * returned null-or-message strings. Named after today's kinds, so a new oracle has to find
     * another name on purpose.
     */
    @Test
    void pagingApiHoldsNoTestSupport() {
        noClasses()
                .should()
                .haveNameMatching(".*\\.(FaultInjecting|Toy|Fake|Stub|Mock|Reference)[A-Z].*")
                .orShould()
                .haveNameMatching(
                        ".*(Oracle|Scenario|CoherenceCheck|ContractCheck|VectorCheck|InvalidationCount)")
                .orShould()
                .resideInAnyPackage("..testlib..", "..testarch..")
                .because("paging-api main holds no test support: it belongs in paging-testlib")
                .check(API);
    }
}
