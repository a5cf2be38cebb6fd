package io.pagoda.arch.aarch64;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.VariantConfiguration;
import java.util.List;
import java.util.stream.Stream;

/** The provider's variants, typed, for parameterised tests. */
final class Variants {
    static final List<String> NAMES =
            List.of(
                    "aarch64",
                    "aarch64-4k-39",
                    "aarch64-4k-42",
                    "aarch64-4k-47",
                    "aarch64-16k-39",
                    "aarch64-16k-42",
                    "aarch64-16k-47",
                    "aarch64-16k-48",
                    "aarch64-64k-39",
                    "aarch64-64k-42",
                    "aarch64-64k-47",
                    "aarch64-64k-48",
                    "aarch64-64k-48-lpa",
                    "aarch64-4k-52",
                    "aarch64-16k-52");

    private Variants() {}

    static Aarch64Architecture get(String name) {
        for (Architecture a : new Aarch64Provider().architectures()) {
            if (a.name().equals(name) || a.aliases().contains(name)) {
                return (Aarch64Architecture) a;
            }
        }
        throw new AssertionError("no variant " + name);
    }

    static Stream<String> names() {
        return NAMES.stream();
    }

    /** {@code variant} configured from TCR_EL1 through the provider, as a reader of a core does. */
    static Architecture withTcr(Architecture variant, long tcr) {
        return new Aarch64Provider()
                .configure(variant, VariantConfiguration.none().withTranslationControl(tcr));
    }

    /** {@code variant} reading memory types from MAIR_EL1, configured through the provider. */
    static Architecture withMair(Architecture variant, long mair) {
        return new Aarch64Provider()
                .configure(variant, VariantConfiguration.none().withMemoryAttributes(mair));
    }
}
