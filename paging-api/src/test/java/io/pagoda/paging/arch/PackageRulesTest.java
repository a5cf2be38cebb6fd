package io.pagoda.paging.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package layers of paging-api, bottom to top, as docs/guide/architecture.md draws them: each
 * package may use only the packages below it, so a rule's home is found by going down, never round
 * in a circle.
 */
class PackageRulesTest {
    private static final JavaClasses API =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.pagoda.paging");

    @Test
    void eachPackageUsesOnlyThePackagesBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("values")
                .definedBy("io.pagoda.paging", "io.pagoda.paging.error")
                .layer("memory")
                .definedBy("io.pagoda.paging.memory")
                .layer("spi")
                .definedBy("io.pagoda.paging.spi")
                .layer("registry")
                .definedBy("io.pagoda.paging.registry")
                .layer("image")
                .definedBy("io.pagoda.paging.image")
                .layer("table")
                .definedBy("io.pagoda.paging.table")
                .layer("table.access")
                .definedBy("io.pagoda.paging.table.access")
                .layer("export")
                .definedBy("io.pagoda.paging.export")
                .layer("cpu")
                .definedBy("io.pagoda.paging.cpu")
                .layer("machine")
                .definedBy("io.pagoda.paging.machine")
                .layer("space")
                .definedBy("io.pagoda.paging.space")
                .layer("inject")
                .definedBy("io.pagoda.paging.inject")
                .whereLayer("values")
                .mayNotAccessAnyLayer()
                .whereLayer("memory")
                .mayOnlyAccessLayers("values")
                .whereLayer("spi")
                .mayOnlyAccessLayers("values", "memory")
                .whereLayer("registry")
                .mayOnlyAccessLayers("values", "spi")
                .whereLayer("image")
                .mayOnlyAccessLayers("values", "memory", "spi")
                .whereLayer("table")
                .mayOnlyAccessLayers("values", "memory", "spi")
                .whereLayer("table.access")
                .mayOnlyAccessLayers("values", "memory", "spi", "table")
                .whereLayer("export")
                .mayOnlyAccessLayers("values", "memory", "spi", "table", "table.access")
                .whereLayer("cpu")
                .mayOnlyAccessLayers("values", "memory", "spi", "table", "table.access")
                .whereLayer("machine")
                .mayOnlyAccessLayers("values", "memory", "spi", "table", "table.access", "cpu")
                .whereLayer("space")
                .mayOnlyAccessLayers(
                        "values", "memory", "spi", "table", "table.access", "cpu", "machine")
                .whereLayer("inject")
                .mayOnlyAccessLayers("values", "memory", "spi", "registry", "machine")
                .because(
                        "a package that reached up would tie a lower rule to a higher one (docs/guide/architecture.md)")
                .check(API);
    }
}
