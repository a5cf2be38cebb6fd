package io.pagoda.conformance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
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
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureFamily;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.EntryFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ArchUnit rules every architecture module keeps: it depends on paging-api, the JDK and
 * architecture-family libraries only (never on another architecture), its providers are public,
 * constructible by ServiceLoader and registered in META-INF/services, and its entry formats are
 * stateless. Call {@link #check(Class)} from a test with any class of the module.
 *
 * <p>An architecture-family library is a package annotated {@link ArchitectureFamily} (the x86
 * family's {@code io.pagoda.arch.x86}, shared by i386 and x86-64): code several architectures of
 * one family share instead of copying. It is not an architecture, so its own rules ({@link
 * #checkFamilyLibrary(String)}) are the reverse: no provider, no {@link Architecture}, and no
 * dependency on any architecture module. {@link #check(Class)} applies them to every family library
 * the module uses, so a family annotation cannot smuggle one architecture into another.
 */
public final class ArchitectureModuleRules {
    private static final String SERVICES =
            "META-INF/services/" + ArchitectureProvider.class.getName();

    private ArchitectureModuleRules() {}

    /**
     * Classes of the module depend only on the JDK, paging-api and the module's own package (and
     * JSpecify's nullness annotations, which paging-api uses too: compile-time only, nothing to
     * load at run time); no family library either.
     *
     * @param modulePackage the module's package, such as {@code io.pagoda.arch.aarch64}
     * @return the rule
     */
    public static ArchRule dependOnlyOnPagingApiAndTheJdk(String modulePackage) {
        return classes()
                .that()
                .resideInAPackage(modulePackage + "..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "io.pagoda.paging..",
                        "org.jspecify.annotations..",
                        modulePackage + "..")
                .because(
                        "an architecture module knows paging-api and the JDK only, never another architecture or a library");
    }

    /**
     * Classes of the module depend only on the JDK, paging-api, the module's own package and
     * architecture-family libraries ({@link #IN_A_FAMILY_LIBRARY}): never on another architecture
     * module, nor on any other library (JSpecify's nullness annotations excepted: compile-time
     * only, as in paging-api).
     *
     * @param modulePackage the module's package, such as {@code io.pagoda.arch.x86_64}
     * @return the rule
     */
    public static ArchRule dependOnlyOnPagingApiFamilyLibrariesAndTheJdk(String modulePackage) {
        return classes()
                .that()
                .resideInAPackage(modulePackage + "..")
                .should()
                .onlyDependOnClassesThat(
                        JavaClass.Predicates.resideInAnyPackage(
                                        "java..",
                                        "io.pagoda.paging..",
                                        "org.jspecify.annotations..",
                                        modulePackage + "..")
                                .or(IN_A_FAMILY_LIBRARY))
                .because(
                        "an architecture module knows paging-api, the JDK and its family's shared library only,"
                                + " never another architecture or any other library");
    }

    /**
     * Classes in a package annotated {@link ArchitectureFamily}: an architecture-family library.
     */
    public static final DescribedPredicate<JavaClass> IN_A_FAMILY_LIBRARY =
            new DescribedPredicate<JavaClass>(
                    "reside in an architecture-family library (a package annotated @ArchitectureFamily)") {
                @Override
                public boolean test(JavaClass target) {
                    return isFamilyLibrary(target.getBaseComponentType().getPackageName());
                }
            };

    private static final Map<String, Boolean> FAMILY_PACKAGES = new ConcurrentHashMap<>();

    /**
     * Whether {@code packageName} is annotated {@link ArchitectureFamily} (read from its
     * package-info class).
     *
     * @param packageName a package, such as {@code io.pagoda.arch.x86}
     * @return true when its package-info carries the annotation
     */
    public static boolean isFamilyLibrary(String packageName) {
        return FAMILY_PACKAGES.computeIfAbsent(
                packageName,
                name -> {
                    ClassLoader loader = Thread.currentThread().getContextClassLoader();
                    try {
                        Class<?> info =
                                Class.forName(
                                        name + ".package-info",
                                        false,
                                        loader == null
                                                ? ArchitectureModuleRules.class.getClassLoader()
                                                : loader);
                        return info.isAnnotationPresent(ArchitectureFamily.class);
                    } catch (ClassNotFoundException | LinkageError e) {
                        return false; // no package-info, no annotation: an ordinary package
                    }
                });
    }

    /**
     * The family library's package carries {@link ArchitectureFamily}, so the architectures may use
     * it.
     *
     * @param familyPackage the library's package
     * @return the rule
     */
    public static ArchRule isAnnotatedAsAFamily(String familyPackage) {
        return classes()
                .that()
                .resideInAPackage(familyPackage)
                .should(
                        new ArchCondition<JavaClass>(
                                "be in a package annotated @ArchitectureFamily") {
                            @Override
                            public void check(JavaClass item, ConditionEvents events) {
                                boolean family = isFamilyLibrary(item.getPackageName());
                                events.add(
                                        new SimpleConditionEvent(
                                                item,
                                                family,
                                                item.getPackageName()
                                                        + (family ? " is" : " is not")
                                                        + " annotated @ArchitectureFamily"));
                            }
                        });
    }

    /**
     * A family library is no architecture: no {@link ArchitectureProvider}, no {@link
     * Architecture}, so no variant.
     *
     * @param familyPackage the library's package
     * @return the rule
     */
    public static ArchRule holdNoArchitecture(String familyPackage) {
        return noClasses()
                .that()
                .resideInAPackage(familyPackage + "..")
                .should()
                .implement(ArchitectureProvider.class)
                .orShould()
                .implement(Architecture.class)
                .because(
                        "a family library is shared code, not an architecture: it provides nothing and knows no variant");
    }

    /**
     * A family library depends on the JDK, paging-api, itself and other family libraries: on no
     * architecture module.
     *
     * @param familyPackage the library's package, such as {@code io.pagoda.arch.x86}
     * @return the rule
     */
    public static ArchRule dependOnNoArchitecture(String familyPackage) {
        return classes()
                .that()
                .resideInAPackage(familyPackage + "..")
                .should()
                .onlyDependOnClassesThat(
                        JavaClass.Predicates.resideInAnyPackage(
                                        "java..",
                                        "io.pagoda.paging..",
                                        "org.jspecify.annotations..",
                                        familyPackage + "..")
                                .or(IN_A_FAMILY_LIBRARY))
                .because(
                        "a family library sits below the architectures that share it, never beside or above one");
    }

    /**
     * Providers are public classes with a public no-argument constructor, as ServiceLoader needs.
     */
    public static final ArchRule PROVIDERS_ARE_CONSTRUCTIBLE =
            classes()
                    .that()
                    .implement(ArchitectureProvider.class)
                    .and()
                    .areNotInterfaces()
                    .should()
                    .bePublic()
                    .andShould(
                            new ArchCondition<JavaClass>("have a public no-argument constructor") {
                                @Override
                                public void check(JavaClass provider, ConditionEvents events) {
                                    boolean found = false;
                                    for (JavaConstructor constructor : provider.getConstructors()) {
                                        found |=
                                                constructor.getRawParameterTypes().isEmpty()
                                                        && constructor
                                                                .getModifiers()
                                                                .contains(JavaModifier.PUBLIC);
                                    }
                                    events.add(
                                            new SimpleConditionEvent(
                                                    provider,
                                                    found,
                                                    provider.getName()
                                                            + (found ? " has" : " lacks")
                                                            + " a public no-argument constructor"));
                                }
                            })
                    .allowEmptyShould(true);

    /** Providers are listed in META-INF/services/io.pagoda.paging.spi.ArchitectureProvider. */
    public static final ArchRule PROVIDERS_ARE_REGISTERED =
            classes()
                    .that()
                    .implement(ArchitectureProvider.class)
                    .and()
                    .areNotInterfaces()
                    .and()
                    .doNotHaveModifier(JavaModifier.ABSTRACT)
                    .should(
                            new ArchCondition<JavaClass>("be listed in " + SERVICES) {
                                @Override
                                public void check(JavaClass provider, ConditionEvents events) {
                                    boolean listed =
                                            registeredProviders(provider.reflect().getClassLoader())
                                                    .contains(provider.getName());
                                    events.add(
                                            new SimpleConditionEvent(
                                                    provider,
                                                    listed,
                                                    provider.getName()
                                                            + (listed ? " is" : " is not")
                                                            + " listed in "
                                                            + SERVICES));
                                }
                            })
                    .allowEmptyShould(true);

    /** Entry formats are pure functions: every field final. */
    public static final ArchRule ENTRY_FORMATS_ARE_STATELESS =
            fields().that()
                    .areDeclaredInClassesThat()
                    .implement(EntryFormat.class)
                    .should()
                    .beFinal()
                    .because(
                            "formats are stateless pure functions shared by every hierarchy and thread")
                    .allowEmptyShould(true);

    /**
     * The classes of the jar or class directory that holds {@code anyClass}, in its package and
     * subpackages: the module's own code, never its tests (which live elsewhere and may use test
     * libraries).
     *
     * @param anyClass any class of the module
     * @return the module's classes, tests excluded
     */
    public static JavaClasses importModuleOf(Class<?> anyClass) {
        CodeSource source = anyClass.getProtectionDomain().getCodeSource();
        ClassFileImporter importer = new ClassFileImporter();
        JavaClasses imported =
                source == null
                        ? importer.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                .importPackages(anyClass.getPackageName())
                        : importer.importUrl(source.getLocation());
        return imported.that(
                JavaClass.Predicates.resideInAPackage(anyClass.getPackageName() + ".."));
    }

    /**
     * Checks every rule on the module holding {@code anyClass}, and the family-library rules on
     * every family library it uses; throws an AssertionError listing the violations.
     *
     * @param anyClass any class of the module
     */
    public static void check(Class<?> anyClass) {
        JavaClasses classes = importModuleOf(anyClass);
        dependOnlyOnPagingApiFamilyLibrariesAndTheJdk(anyClass.getPackageName()).check(classes);
        PROVIDERS_ARE_CONSTRUCTIBLE.check(classes);
        PROVIDERS_ARE_REGISTERED.check(classes);
        ENTRY_FORMATS_ARE_STATELESS.check(classes);
        for (String family : familyLibrariesUsedBy(classes)) {
            checkFamilyLibrary(family);
        }
    }

    /**
     * Checks the family-library rules on {@code familyPackage} (its classes found on the class
     * path): annotated {@link ArchitectureFamily}, no provider and no architecture, no dependency
     * on any architecture module.
     *
     * @param familyPackage the library's package, such as {@code io.pagoda.arch.x86}
     */
    public static void checkFamilyLibrary(String familyPackage) {
        JavaClasses classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages(familyPackage);
        isAnnotatedAsAFamily(familyPackage).check(classes);
        holdNoArchitecture(familyPackage).check(classes);
        dependOnNoArchitecture(familyPackage).check(classes);
    }

    private static Set<String> familyLibrariesUsedBy(JavaClasses classes) {
        Set<String> families = new TreeSet<>();
        for (JavaClass origin : classes) {
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
                if (!target.equals(origin.getPackageName()) && isFamilyLibrary(target)) {
                    families.add(target);
                }
            }
        }
        return families;
    }

    private static Set<String> registeredProviders(ClassLoader loader) {
        Set<String> names = new HashSet<>();
        try {
            Enumeration<URL> files =
                    (loader == null ? ClassLoader.getSystemClassLoader() : loader)
                            .getResources(SERVICES);
            while (files.hasMoreElements()) {
                try (BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        files.nextElement().openStream(),
                                        StandardCharsets.UTF_8))) {
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
