package io.pagoda.conformance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md's rules for paging-api: no architecture, no test library, Guice only in the inject package. */
class PagingApiRulesTest {
    private static JavaClasses api;

    @BeforeAll
    static void importPagingApi() {
        api = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pagoda.paging");
    }

    @Test
    void knowsNoArchitecture() {
        noClasses().that().resideInAPackage("io.pagoda.paging..")
                .should().dependOnClassesThat().resideInAPackage("io.pagoda.arch..")
                .because("paging-api never knows an architecture; modules plug in through the SPI")
                .check(api);
    }

    @Test
    void touchesGuiceOnlyInTheInjectPackage() {
        noClasses().that().resideInAPackage("io.pagoda.paging..").and().resideOutsideOfPackage("io.pagoda.paging.inject..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..", "javax.inject..")
                .because("Guice is an optional dependency: consumers without it must never load it")
                .check(api);
    }

    @Test
    void dependsOnNoTestLibrary() {
        noClasses().that().resideInAPackage("io.pagoda.paging..")
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.mockito..", "com.tngtech..", "io.pagoda.conformance..")
                .check(api);
    }

    @Test
    void theKitTestArchitecturesFollowTheModuleRules() {
        ArchitectureModuleRules.check(io.pagoda.conformance.testarch.KitToyProvider.class);
    }
}
