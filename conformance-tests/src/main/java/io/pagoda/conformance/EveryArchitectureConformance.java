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

    @Parameter String variant;

    @Override
    public String architectureName() {
        return variant;
    }

    @Override
    public Architecture architecture() {
        return Architectures.discover().get(variant);
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
