package io.pagoda.conformance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.pagoda.arch.i386.I386ArchitectureProvider;
import io.pagoda.arch.x86_64.X86_64Provider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules allow an architecture-family library and still forbid one architecture knowing
 * another: proved on fixtures (io.pagoda.conformance.familyfixture) that break each rule once, and
 * on the real x86 family library.
 */
class FamilyLibraryRulesTest {
    private static final String FIXTURES = "io.pagoda.conformance.familyfixture";
    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURES);
    }

    @Test
    void anArchitectureMayUseAFamilyLibrary() {
        ArchitectureModuleRules.dependOnlyOnPagingApiFamilyLibrariesAndTheJdk(
                        FIXTURES + ".goodarch")
                .check(fixtures);
    }

    @Test
    void anArchitectureMayNotUseAnotherArchitecture() {
        AssertionError e =
                assertThrows(
                        AssertionError.class,
                        () ->
                                ArchitectureModuleRules
                                        .dependOnlyOnPagingApiFamilyLibrariesAndTheJdk(
                                                FIXTURES + ".crossarch")
                                        .check(fixtures));
        assertTrue(e.getMessage().contains("KitToyProvider"), e.getMessage());
    }

    @Test
    void theStrictRuleStillRefusesAFamilyLibrary() {
        assertThrows(
                AssertionError.class,
                () ->
                        ArchitectureModuleRules.dependOnlyOnPagingApiAndTheJdk(
                                        FIXTURES + ".goodarch")
                                .check(fixtures));
    }

    @Test
    void aWellBehavedFamilyLibraryPasses() {
        ArchitectureModuleRules.isAnnotatedAsAFamily(FIXTURES + ".shared").check(fixtures);
        ArchitectureModuleRules.holdNoArchitecture(FIXTURES + ".shared").check(fixtures);
        ArchitectureModuleRules.dependOnNoArchitecture(FIXTURES + ".shared").check(fixtures);
    }

    @Test
    void aFamilyLibraryMayHoldNoProvider() {
        AssertionError e =
                assertThrows(
                        AssertionError.class,
                        () ->
                                ArchitectureModuleRules.holdNoArchitecture(FIXTURES + ".badfamily")
                                        .check(fixtures));
        assertTrue(e.getMessage().contains("SmuggledProvider"), e.getMessage());
    }

    @Test
    void aFamilyLibraryMayNotUseAnArchitecture() {
        AssertionError e =
                assertThrows(
                        AssertionError.class,
                        () ->
                                ArchitectureModuleRules.dependOnNoArchitecture(
                                                FIXTURES + ".badfamily")
                                        .check(fixtures));
        assertTrue(e.getMessage().contains("KitToyProvider"), e.getMessage());
    }

    @Test
    void anUnannotatedPackageIsNoFamilyLibrary() {
        assertThrows(
                AssertionError.class,
                () ->
                        ArchitectureModuleRules.isAnnotatedAsAFamily(FIXTURES + ".goodarch")
                                .check(fixtures));
        assertTrue(
                !ArchitectureModuleRules.isFamilyLibrary("io.pagoda.arch.x86_64"),
                "an architecture is no family library");
    }

    @Test
    void theX86FamilyLibraryFollowsItsRules() {
        assertTrue(ArchitectureModuleRules.isFamilyLibrary("io.pagoda.arch.x86"));
        ArchitectureModuleRules.checkFamilyLibrary("io.pagoda.arch.x86");
    }

    @Test
    void theX86ArchitecturesFollowTheModuleRulesWithTheirFamilyLibrary() {
        ArchitectureModuleRules.check(I386ArchitectureProvider.class);
        ArchitectureModuleRules.check(X86_64Provider.class);
    }
}
