package io.pagoda.conformance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.pagoda.conformance.testarch.KitToyProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's rules for paging-api: no architecture, no test library, Guice only in the inject
 * package; and for every module on the kit's class path: only paging-testlib and the kit (with docs
 * and benchmarks, not on this class path) depend on test libraries.
 */
class PagingApiRulesTest {
    /**
     * paging-testlib shares paging-api's root package and is a test library: its classes are not
     * the API.
     */
    private static final String TESTLIB = "io.pagoda.paging.testlib..";

    private static final String[] TEST_LIBRARIES = {
        "org.junit..",
        "org.opentest4j..",
        "org.mockito..",
        "com.tngtech..",
        "io.pagoda.paging.testlib..",
        "io.pagoda.conformance.."
    };
    private static JavaClasses api;
    private static JavaClasses modules;

    @BeforeAll
    static void importPagingApi() {
        ClassFileImporter importer =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        api = importer.importPackages("io.pagoda.paging");
        modules = importer.importPackages("io.pagoda.paging", "io.pagoda.arch");
    }

    @Test
    void knowsNoArchitecture() {
        noClasses()
                .that()
                .resideInAPackage("io.pagoda.paging..")
                .and()
                .resideOutsideOfPackage(TESTLIB)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.pagoda.arch..")
                .because("paging-api never knows an architecture; modules plug in through the SPI")
                .check(api);
    }

    @Test
    void touchesGuiceOnlyInTheInjectPackage() {
        noClasses()
                .that()
                .resideInAPackage("io.pagoda.paging..")
                .and()
                .resideOutsideOfPackage("io.pagoda.paging.inject..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.google.inject..", "jakarta.inject..", "javax.inject..")
                .because("Guice is an optional dependency: consumers without it must never load it")
                .check(api);
    }

    @Test
    void dependsOnNoTestLibrary() {
        noClasses()
                .that()
                .resideInAPackage("io.pagoda.paging..")
                .and()
                .resideOutsideOfPackage(TESTLIB)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(TEST_LIBRARIES)
                .check(api);
    }

    @Test
    void onlyTheTestModulesDependOnTestLibraries() {
        noClasses()
                .that()
                .resideOutsideOfPackages(TESTLIB, "io.pagoda.conformance..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(TEST_LIBRARIES)
                .because(
                        "only paging-testlib, conformance-tests, docs and benchmarks depend on test libraries; paging-api"
                                + " and the architecture modules are library code")
                .check(modules);
    }

    @Test
    void theKitTestArchitecturesFollowTheModuleRules() {
        ArchitectureModuleRules.check(KitToyProvider.class);
    }
}
