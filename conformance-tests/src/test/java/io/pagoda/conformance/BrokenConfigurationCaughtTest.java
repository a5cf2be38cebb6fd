package io.pagoda.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.arch.aarch64.Aarch64Architecture;
import io.pagoda.arch.aarch64.Aarch64ModuleVectors;
import io.pagoda.arch.aarch64.Aarch64Provider;
import io.pagoda.arch.aarch64.MairLayout;
import io.pagoda.conformance.testarch.BrokenArchitecture;
import io.pagoda.conformance.testarch.BrokenFormat;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.ForwardingArchitecture;
import io.pagoda.paging.spi.ModuleVectors;
import io.pagoda.paging.spi.RegisterRole;
import io.pagoda.paging.spi.RegisterValue;
import io.pagoda.paging.spi.RootRegisters;
import io.pagoda.paging.spi.RootSettings;
import io.pagoda.paging.spi.VariantConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TCR_EL1 and MAIR_EL1 configuration bugs the round trip of the registers a registered variant
 * writes cannot show (no shipped variant sets A1 or TBI0, or reads a guest's MAIR), each caught by
 * {@link ConfigurationVectorContract} naming the configuration vector, the variant expected and the
 * variant found.
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
        long misread(long tcr) {
            return tcr;
        }

        /** How the broken provider changes the variant it configured. */
        Architecture spoil(Architecture configured) {
            return configured;
        }

        @Override
        public Architectures detectingRegistry() {
            return Architectures.of(misreading(this::misread, this::spoil));
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

    /** A guest's MAIR_EL1 decoded, but the default one loaded in its place. */
    static final class DefaultMairLoaded extends Broken {
        @Override
        Architecture spoil(Architecture configured) {
            return new ForwardingArchitecture() {
                @Override
                public Architecture delegate() {
                    return configured;
                }

                @Override
                public Architecture withDelegate(Architecture delegate) {
                    return spoil(delegate);
                }

                @Override
                public RootRegisters rootRegisters(long[] rootTables, RootSettings settings) {
                    List<RegisterValue> values = new ArrayList<>();
                    for (RegisterValue value :
                            configured.rootRegisters(rootTables, settings).values()) {
                        values.add(
                                value.role() == RegisterRole.MEMORY_ATTRIBUTES
                                        ? new RegisterValue(
                                                value.name(),
                                                value.role(),
                                                MairLayout.MAIR_EL1,
                                                value.meaning())
                                        : value);
                    }
                    return new RootRegisters(values);
                }
            };
        }
    }

    /** Write-combining refused when the guest's MAIR_EL1 has no index kept for it. */
    static final class WriteCombiningRefused extends Broken {
        @Override
        Architecture spoil(Architecture configured) {
            return BrokenArchitecture.withFormat(
                    configured,
                    configured.name(),
                    format ->
                            new BrokenFormat(format) {
                                @Override
                                public long leafTemplate(int level, MappingFlags flags) {
                                    if (flags.memoryType() == MemoryType.WRITE_COMBINING
                                            && ((Aarch64Architecture) configured)
                                                            .memoryAttributeRegister()
                                                    != MairLayout.MAIR_EL1) {
                                        throw new RightsNotExpressibleException(
                                                "no write-combining attribute");
                                    }
                                    return super.leafTemplate(level, flags);
                                }
                            });
        }
    }

    private static ArchitectureProvider misreading(
            LongUnaryOperator change, UnaryOperator<Architecture> spoil) {
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
                return spoil.apply(real.configure(variant, changed));
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
    void aGuestsMairDecodedButTheDefaultLoadedIsCaught() {
        String failures = caughtInGeometry(DefaultMairLoaded.class);
        assertTrue(
                failures.contains(
                        "MAIR_EL1 bb440c3377a040f0 (memory-attributes 0xBB44_0C33_77A0_40F0):"
                                + " configured with 0xBB44_0C33_77A0_40F0 but loads MAIR_EL1 ="
                                + " 0x4400_BB44_04FF"),
                failures);
    }

    @Test
    void writeCombiningRefusedUnderAGuestsMairIsCaught() {
        String failures = caughtInGeometry(WriteCombiningRefused.class);
        assertTrue(
                failures.contains(
                        "TTBR0_EL1 leaf written WRITE_COMBINING should read back UNCACHED but is"
                                + " refused: no write-combining attribute"),
                failures);
        // under the default MAIR_EL1 the broken format leaves write-combining alone
        assertFalse(
                failures.contains("(the default) (memory-attributes 0x4400_BB44_04FF): TTBR0_EL1"),
                failures);
    }

    @Test
    void tbiHalvesSwappedIsCaught() {
        String failures = caughtInGeometry(TbiHalvesSwapped.class);
        assertTrue(failures.contains("A1 tagged 0x5A"), failures);
        assertTrue(failures.contains("A2 tagged 0x5A"), failures);
    }
}
