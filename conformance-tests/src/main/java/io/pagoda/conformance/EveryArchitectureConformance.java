package io.pagoda.conformance;

import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole kit once per architecture variant that ServiceLoader finds (the context class
 * loader's). The selection narrows to the names {@link ConformanceRunner} was given, or to the
 * comma-separated system property {@code pagoda.conformance.variants}.
 */
@ParameterizedClass(name = "{0}", allowZeroInvocations = true)
@MethodSource("io.pagoda.conformance.EveryArchitectureConformance#variants")
public class EveryArchitectureConformance implements ArchitectureConformance {
    /**
     * The system property naming the variants to run, comma-separated (names or aliases); unset or
     * empty for all.
     */
    public static final String VARIANTS_PROPERTY = "pagoda.conformance.variants";

    /**
     * The system property that makes each test build its variant afresh ({@code true}), from a new
     * discovery of the providers instead of the registry's kept instances. The mutation profile
     * sets it: a mutant in a constructor or in a provider's {@code architectures()} then shows in
     * the next test, where the kept instances, built before the mutant was switched on, hide it.
     */
    public static final String FRESH_VARIANTS_PROPERTY = "pagoda.conformance.freshVariants";

    @Parameter String variant;

    // one variant instance per test (JUnit makes an instance per test method)
    private Architecture found;

    @Override
    public String architectureName() {
        return variant;
    }

    @Override
    public Architecture architecture() {
        if (found == null) {
            found =
                    Boolean.getBoolean(FRESH_VARIANTS_PROPERTY)
                            ? Architectures.discover(Thread.currentThread().getContextClassLoader())
                                    .get(variant)
                            : Architectures.discover().get(variant);
        }
        return found;
    }

    /**
     * The registry detection and documented names are checked against: under {@link
     * #FRESH_VARIANTS_PROPERTY} a fresh discovery, like the variant, so a mutant in a variant's
     * names or a provider shows.
     */
    @Override
    public Architectures detectingRegistry() {
        return Boolean.getBoolean(FRESH_VARIANTS_PROPERTY)
                ? Architectures.discover(Thread.currentThread().getContextClassLoader())
                : Architectures.discover();
    }

    /**
     * The variant names to run: the runner's selection, else the system property, else every one
     * discovered.
     *
     * @return the variant names, sorted
     */
    public static Stream<String> variants() {
        Collection<String> chosen = ConformanceRunner.currentSelection();
        if (chosen == null) {
            String property = System.getProperty(VARIANTS_PROPERTY, "").trim();
            chosen = property.isEmpty() ? null : Arrays.asList(property.split("\\s*,\\s*"));
        }
        List<String> names = new ArrayList<>();
        Architectures found = Architectures.discover();
        if (chosen == null) {
            for (Architecture architecture : found.all()) {
                names.add(architecture.name());
            }
        } else {
            for (String name : chosen) {
                names.add(found.get(name.toLowerCase(Locale.ROOT)).name());
            }
        }
        return names.stream().sorted();
    }
}
