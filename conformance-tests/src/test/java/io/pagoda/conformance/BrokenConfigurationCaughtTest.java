package io.pagoda.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.arch.aarch64.Aarch64ModuleVectors;
import io.pagoda.arch.aarch64.Aarch64Provider;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.VariantConfiguration;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TCR_EL1 decoding bugs the round trip of the registers a registered variant writes cannot show (no
 * shipped variant sets A1 or TBI0), each caught by {@link ConfigurationVectorContract} naming the
 * configuration vector, the variant expected and the variant found.
 */
class BrokenConfigurationCaughtTest {
    private static final long TCR_A1 = 1L << 22;
    private static final long TCR_TBI0 = 1L << 37;
    private static final long TCR_TBI1 = 1L << 38;

    /** An author class proving {@code aarch64} through a provider that misreads TCR_EL1. */
    @ExtendWith(OnlyUnderRunner.class)
    abstract static class Broken implements ConfigurationVectorContract {
        @Override
        public String architectureName() {
            return "aarch64";
        }

        @Override
        public List<ModuleVectors> moduleVectors() {
            return List.of(new Aarch64ModuleVectors());
        }

        /** How the broken provider changes TCR_EL1 before decoding it. */
        abstract long misread(long tcr);

        @Override
        public Architectures detectingRegistry() {
            return Architectures.of(misreading(this::misread));
        }
    }

    /** A1 never read: the ASID stays in TTBR0. */
    static final class A1Ignored extends Broken {
        @Override
        long misread(long tcr) {
            return tcr & ~TCR_A1;
        }
    }

    /** TBI0 read from TBI1's bit. */
    static final class TbiHalvesSwapped extends Broken {
        @Override
        long misread(long tcr) {
            long tbi0 = (tcr & TCR_TBI0) != 0 ? TCR_TBI1 : 0;
            long tbi1 = (tcr & TCR_TBI1) != 0 ? TCR_TBI0 : 0;
            return (tcr & ~(TCR_TBI0 | TCR_TBI1)) | tbi0 | tbi1;
        }
    }

    private static ArchitectureProvider misreading(LongUnaryOperator change) {
        Aarch64Provider real = new Aarch64Provider();
        return new ArchitectureProvider() {
            @Override
            public List<Architecture> architectures() {
                return real.architectures();
            }

            @Override
            public boolean offers(Architecture variant) {
                return real.offers(variant);
            }

            @Override
            public Architecture configure(
                    Architecture variant, VariantConfiguration configuration) {
                VariantConfiguration changed = configuration;
                if (configuration.translationControl().isPresent()) {
                    long tcr = change.applyAsLong(configuration.translationControl().getAsLong());
                    changed =
                            new VariantConfiguration(
                                    java.util.OptionalLong.of(tcr),
                                    configuration.memoryAttributes());
                }
                return real.configure(variant, changed);
            }
        };
    }

    private static String caughtInGeometry(Class<?> author) {
        ConformanceMatrix matrix = new ConformanceRunner().testClasses(author).run();
        assertEquals(List.of("geometry"), matrix.failingAreas("aarch64"), matrix::toMarkdown);
        return String.join("\n", matrix.cell("aarch64", "geometry").failures());
    }

    @Test
    void tcrA1IgnoredIsCaught() {
        String failures = caughtInGeometry(A1Ignored.class);
        assertTrue(
                failures.contains(
                        "TCR_EL1 A1 with TBI0 (translation-control 0x25_8050_0010):"
                                + " expected aarch64-4k-48-a1-tbi0 (48-bit PA, tag in root 1"),
                failures);
        assertTrue(failures.contains("but found aarch64-4k-48-tbi0"), failures);
    }

    @Test
    void tbiHalvesSwappedIsCaught() {
        String failures = caughtInGeometry(TbiHalvesSwapped.class);
        assertTrue(failures.contains("A1 tagged 0x5A"), failures);
        assertTrue(failures.contains("A2 tagged 0x5A"), failures);
    }
}
