package io.pagoda.conformance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.EntryFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;

/**
 * ArchUnit rules every architecture module keeps: it depends on paging-api and the JDK only, its providers
 * are public, constructible by ServiceLoader and registered in META-INF/services, and its entry formats are
 * stateless. Call {@link #check(Class)} from a test with any class of the module.
 */
public final class ArchitectureModuleRules {
    private static final String SERVICES = "META-INF/services/" + ArchitectureProvider.class.getName();

    private ArchitectureModuleRules() {
    }

    /**
     * Classes of the module depend only on the JDK, paging-api and the module's own package (and JSpecify's
     * nullness annotations, which paging-api uses too: compile-time only, nothing to load at run time).
     *
     * @param modulePackage the module's package, such as {@code io.pagoda.arch.aarch64}
     * @return the rule
     */
    public static ArchRule dependOnlyOnPagingApiAndTheJdk(String modulePackage) {
        return classes().that().resideInAPackage(modulePackage + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.pagoda.paging..", "org.jspecify.annotations..",
                        modulePackage + "..")
                .because("an architecture module knows paging-api and the JDK only, never another architecture or a library");
    }

    /** Providers are public classes with a public no-argument constructor, as ServiceLoader needs. */
    public static final ArchRule PROVIDERS_ARE_CONSTRUCTIBLE = classes().that().implement(ArchitectureProvider.class)
            .and().areNotInterfaces()
            .should().bePublic().andShould(new ArchCondition<JavaClass>("have a public no-argument constructor") {
                @Override
                public void check(JavaClass provider, ConditionEvents events) {
                    boolean found = false;
                    for (JavaConstructor constructor : provider.getConstructors()) {
                        found |= constructor.getRawParameterTypes().isEmpty() && constructor.getModifiers().contains(JavaModifier.PUBLIC);
                    }
                    events.add(new SimpleConditionEvent(provider, found, provider.getName()
                            + (found ? " has" : " lacks") + " a public no-argument constructor"));
                }
            }).allowEmptyShould(true);

    /** Providers are listed in META-INF/services/io.pagoda.paging.spi.ArchitectureProvider. */
    public static final ArchRule PROVIDERS_ARE_REGISTERED = classes().that().implement(ArchitectureProvider.class)
            .and().areNotInterfaces().and().doNotHaveModifier(JavaModifier.ABSTRACT)
            .should(new ArchCondition<JavaClass>("be listed in " + SERVICES) {
                @Override
                public void check(JavaClass provider, ConditionEvents events) {
                    boolean listed = registeredProviders(provider.reflect().getClassLoader()).contains(provider.getName());
                    events.add(new SimpleConditionEvent(provider, listed, provider.getName()
                            + (listed ? " is" : " is not") + " listed in " + SERVICES));
                }
            }).allowEmptyShould(true);

    /** Entry formats are pure functions: every field final. */
    public static final ArchRule ENTRY_FORMATS_ARE_STATELESS = fields().that().areDeclaredInClassesThat().implement(EntryFormat.class)
            .should().beFinal()
            .because("formats are stateless pure functions shared by every hierarchy and thread")
            .allowEmptyShould(true);

    /**
     * The classes of the jar or class directory that holds {@code anyClass}, in its package and subpackages:
     * the module's own code, never its tests (which live elsewhere and may use test libraries).
     *
     * @param anyClass any class of the module
     * @return the module's classes, tests excluded
     */
    public static JavaClasses importModuleOf(Class<?> anyClass) {
        java.security.CodeSource source = anyClass.getProtectionDomain().getCodeSource();
        ClassFileImporter importer = new ClassFileImporter();
        JavaClasses imported = source == null ? importer.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(anyClass.getPackageName()) : importer.importUrl(source.getLocation());
        return imported.that(JavaClass.Predicates.resideInAPackage(anyClass.getPackageName() + ".."));
    }

    /**
     * Checks every rule on the module holding {@code anyClass}; throws an AssertionError listing the violations.
     *
     * @param anyClass any class of the module
     */
    public static void check(Class<?> anyClass) {
        JavaClasses classes = importModuleOf(anyClass);
        dependOnlyOnPagingApiAndTheJdk(anyClass.getPackageName()).check(classes);
        PROVIDERS_ARE_CONSTRUCTIBLE.check(classes);
        PROVIDERS_ARE_REGISTERED.check(classes);
        ENTRY_FORMATS_ARE_STATELESS.check(classes);
    }

    private static Set<String> registeredProviders(ClassLoader loader) {
        Set<String> names = new HashSet<>();
        try {
            Enumeration<URL> files = (loader == null ? ClassLoader.getSystemClassLoader() : loader).getResources(SERVICES);
            while (files.hasMoreElements()) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        String name = line.replaceAll("#.*", "").trim();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SERVICES, e);
        }
        return names;
    }
}
