package io.pagoda.paging.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.error.VariantConfigurationException;
import io.pagoda.paging.image.LoadedRoots;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.ForwardingArchitecture;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.spi.VariantConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A variant is configured by the provider that offers it, found by the registry: a caller never
 * names the provider, a variant that takes no register refuses it with a typed exception, and a
 * view of a variant is configured through its delegate and stays a view.
 */
class ArchitecturesConfigureTest {
    private static final VariantConfiguration TCR =
            VariantConfiguration.none().withTranslationControl(39);
    private static final VariantConfiguration MAIR =
            VariantConfiguration.none().withMemoryAttributes(0x0007_0406_0000_FF44L);

    /** A variant that only has a name; nothing here asks it anything else. */
    private static final class Named implements Architecture {
        private final String name;
        private final long control;

        Named(String name, long control) {
            this.name = name;
            this.control = control;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "a stub named " + name;
        }

        @Override
        public List<TranslationRoot> roots() {
            return List.of();
        }

        @Override
        public int physicalAddressBits() {
            return 40;
        }

        @Override
        public AddressLayout layout() {
            throw new UnsupportedOperationException("not asked here");
        }

        @Override
        public TlbInstructions tlbInstructions() {
            throw new UnsupportedOperationException("not asked here");
        }

        @Override
        public OptionalLong controlRegisterValue() {
            return control < 0 ? OptionalLong.empty() : OptionalLong.of(control);
        }
    }

    /** Offers "plain" and keeps the SPI's defaults: it takes no register. */
    private static final class PlainProvider implements ArchitectureProvider {
        final Architecture plain = new Named("plain", -1);

        @Override
        public List<Architecture> architectures() {
            return List.of(plain);
        }
    }

    /**
     * Offers "tunable", whose control register is its VA width; configured variants are named after
     * it.
     */
    private static final class TunableProvider implements ArchitectureProvider {
        final Architecture tunable = new Named("tunable", 48);
        final List<VariantConfiguration> asked = new ArrayList<>();

        @Override
        public List<Architecture> architectures() {
            return List.of(tunable);
        }

        @Override
        public boolean offers(Architecture variant) {
            return variant instanceof Named && variant.name().startsWith("tunable");
        }

        @Override
        public Architecture configure(Architecture variant, VariantConfiguration configuration) {
            asked.add(configuration);
            if (configuration.translationControl().isEmpty()) {
                return variant;
            }
            long bits = configuration.translationControl().getAsLong();
            return new Named("tunable-" + bits, bits);
        }
    }

    private final PlainProvider plainProvider = new PlainProvider();
    private final TunableProvider tunableProvider = new TunableProvider();
    private final Architectures registry = Architectures.of(plainProvider, tunableProvider);

    @Test
    void aRegisterTheVariantDoesNotTakeIsATypedRefusalNamingVariantRegisterAndFix() {
        Architecture plain = registry.get("plain");
        VariantConfigurationException tcr =
                assertThrows(
                        VariantConfigurationException.class, () -> registry.configure(plain, TCR));
        assertEquals(
                "plain takes no translation-control register; leave it out of the configuration",
                tcr.getMessage());
        assertEquals("plain", tcr.variant());
        assertEquals("translation-control register", tcr.register());
        assertEquals("plain takes no translation-control register", tcr.reason());
        assertInstanceOf(PagingException.class, tcr);
        VariantConfigurationException mair =
                assertThrows(
                        VariantConfigurationException.class, () -> registry.configure(plain, MAIR));
        assertEquals(
                "plain takes no memory-attribute register; leave it out of the configuration",
                mair.getMessage());
        // nothing changed: the registry still hands out the same variant, as it was
        assertSame(plain, registry.get("plain"));
        assertTrue(plain.controlRegisterValue().isEmpty());
    }

    @Test
    void theEmptyConfigurationReturnsTheVariantItself() {
        Architecture plain = registry.get("plain");
        assertSame(plain, registry.configure(plain, VariantConfiguration.none()));
        assertTrue(VariantConfiguration.none().isEmpty());
        assertEquals("no register", VariantConfiguration.none().toString());
    }

    @Test
    void theRegistryRoutesToTheProviderThatOffersTheVariant() {
        Architecture configured = registry.configure(registry.get("tunable"), TCR);
        assertEquals("tunable-39", configured.name());
        assertEquals(OptionalLong.of(39), configured.controlRegisterValue());
        assertEquals(List.of(TCR), tunableProvider.asked);
        // a configured variant is not among the listed ones, and still finds its provider
        Architecture again =
                registry.configure(
                        configured, VariantConfiguration.none().withTranslationControl(42));
        assertEquals("tunable-42", again.name());
        assertEquals(2, tunableProvider.asked.size());
    }

    @Test
    void aLoadedViewIsConfiguredThroughItsDelegateAndStaysLoaded() {
        Architecture loaded = LoadedRoots.asLoaded(registry.get("tunable"));
        Architecture configured = registry.configure(loaded, TCR);
        assertEquals("tunable-39", configured.name());
        assertInstanceOf(ForwardingArchitecture.class, configured);
        assertSame(configured, LoadedRoots.asLoaded(configured), "still the loaded view");
        assertEquals("tunable-39", ((ForwardingArchitecture) configured).delegate().name());
        // nothing to configure: the same view back
        assertSame(loaded, registry.configure(loaded, VariantConfiguration.none()));
        // a view of a variant that takes no register refuses as the variant does
        Architecture plainLoaded = LoadedRoots.asLoaded(registry.get("plain"));
        assertThrows(
                VariantConfigurationException.class, () -> registry.configure(plainLoaded, TCR));
    }

    @Test
    void aVariantNoProviderOffersIsAnIllegalArgument() {
        Architecture stranger = new Named("stranger", -1);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> registry.configure(stranger, VariantConfiguration.none()));
        assertTrue(
                e.getMessage().startsWith("stranger is offered by none of the providers"),
                e.getMessage());
        assertTrue(e.getMessage().contains(PlainProvider.class.getName()), e.getMessage());
        IllegalArgumentException direct =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                plainProvider.configure(
                                        registry.get("tunable"), VariantConfiguration.none()));
        assertTrue(
                direct.getMessage().startsWith("tunable is not a variant of "),
                direct.getMessage());
        assertNotSame(stranger, registry.get("plain"));
    }

    @Test
    void theConfigurationIsBuiltFluentlyAndSaysWhatItHolds() {
        VariantConfiguration both =
                VariantConfiguration.none()
                        .withTranslationControl(0x5_8010_0010L)
                        .withMemoryAttributes(0x4_0044_FFFFL);
        assertEquals(OptionalLong.of(0x5_8010_0010L), both.translationControl());
        assertEquals(OptionalLong.of(0x4_0044_FFFFL), both.memoryAttributes());
        assertEquals(
                "translation-control 0x5_8010_0010, memory-attributes 0x4_0044_FFFF",
                both.toString());
        assertTrue(VariantConfiguration.none().translationControl().isEmpty());
    }
}
