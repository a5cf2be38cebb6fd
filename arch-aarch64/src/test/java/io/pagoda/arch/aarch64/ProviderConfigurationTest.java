package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.image.LoadedRoots;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ForwardingArchitecture;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.spi.VariantConfiguration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * TCR_EL1 and MAIR_EL1 configure a variant through the registry, which finds this module's provider
 * without the caller naming it. Expected geometries from the hardware reference (section 4): start
 * level {@code 4 - (vaBits - 4) / s} with stride s = 9 (4K), 11 (16K), 13 (64K); IPS 0..6 = 32, 36,
 * 40, 42, 44, 48, 52-bit PA; TTBR0 covers {@code [0, 2^(64-T0SZ))}, TTBR1 {@code [2^64 -
 * 2^(64-T1SZ), 2^64)}.
 */
class ProviderConfigurationTest {
    // T0SZ = 25 (39-bit), TG0 = 00 (4K), T1SZ = 22 (42-bit), TG1 = 11 (64K), IPS = 2 (40-bit PA)
    private static final long TCR = 25L | (22L << 16) | (0b11L << 30) | (2L << 32);
    // Attr0 = Attr1 = 0xFF (Normal WB), Attr2 = 0x44 (Normal NC), Attr3 = 0x00, Attr4 = 0x04
    // (Device)
    private static final long MAIR = 0x0000_0004_0044_FFFFL;

    private final Architectures registry = Architectures.discover();

    @Test
    void theRegistryConfiguresAnAarch64VariantFromTcrEl1() {
        Architecture aarch64 = registry.get("aarch64");
        Architecture configured =
                registry.configure(
                        aarch64, VariantConfiguration.none().withTranslationControl(TCR));
        assertEquals(40, configured.physicalAddressBits());
        TranslationRoot lower = configured.roots().get(0);
        TranslationRoot upper = configured.roots().get(1);
        // 4K, 39 bits: start level 4 - 35 / 9 = 1, so L1..L3, 512 entries at the top
        assertEquals(3, lower.geometry().levels().size());
        assertEquals(512, lower.geometry().entryCount(0));
        assertEquals(30, lower.geometry().shift(0));
        // 64K, 42 bits: start level 4 - 38 / 13 = 2, so L2 (VA[41:29], 8192 entries) and L3
        assertEquals(2, upper.geometry().levels().size());
        assertEquals(8192, upper.geometry().entryCount(0));
        assertEquals(29, upper.geometry().shift(0));
        assertEquals(OptionalInt.of(0), configured.rootIndexFor(0x7F_FFFF_FFFFL));
        assertEquals(OptionalInt.empty(), configured.rootIndexFor(0x80_0000_0000L));
        assertEquals(OptionalInt.of(1), configured.rootIndexFor(0xFFFF_FC00_0000_0000L));
        assertEquals(OptionalInt.empty(), configured.rootIndexFor(0xFFFF_FBFF_FFFF_FFFFL));
        // the variant it came from is as it was
        assertEquals(48, aarch64.physicalAddressBits());
        assertSame(aarch64, registry.get("aarch64"));
    }

    @Test
    void bothRegistersInOneConfigurationAreTcrThenMair() {
        Architecture aarch64 = registry.get("aarch64");
        Aarch64Architecture both =
                (Aarch64Architecture)
                        registry.configure(
                                aarch64,
                                VariantConfiguration.none()
                                        .withTranslationControl(TCR)
                                        .withMemoryAttributes(MAIR));
        assertEquals(MAIR, both.memoryAttributeRegister());
        assertEquals(40, both.physicalAddressBits());
        Aarch64Architecture stepwise =
                (Aarch64Architecture) Variants.withMair(Variants.withTcr(aarch64, TCR), MAIR);
        assertEquals(stepwise.setup(), both.setup());
        assertEquals(stepwise.name(), both.name());
        // MAIR alone keeps the geometry and the name
        Architecture mairOnly =
                registry.configure(aarch64, VariantConfiguration.none().withMemoryAttributes(MAIR));
        assertEquals("aarch64", mairOnly.name());
        assertEquals(MAIR, ((Aarch64Architecture) mairOnly).memoryAttributeRegister());
    }

    @Test
    void nothingToConfigureGivesTheVariantItself() {
        Architecture variant = registry.get("aarch64-16k-47");
        assertSame(variant, registry.configure(variant, VariantConfiguration.none()));
    }

    @Test
    void aLoadedViewIsConfiguredAndStaysLoaded() {
        Architecture loaded = LoadedRoots.asLoaded(registry.get("aarch64"));
        Architecture configured =
                registry.configure(loaded, VariantConfiguration.none().withTranslationControl(TCR));
        assertSame(configured, LoadedRoots.asLoaded(configured), "still viewed as loaded");
        Architecture delegate = ((ForwardingArchitecture) configured).delegate();
        assertTrue(delegate instanceof Aarch64Architecture, delegate.toString());
        assertEquals(40, configured.physicalAddressBits());
        assertEquals(8192, configured.roots().get(1).geometry().entryCount(0));
        assertEquals(configured.controlRegisterValue(), delegate.controlRegisterValue());
    }

    @Test
    void theProviderOffersItsConfiguredVariantsAndRefusesOthersVariants() {
        Aarch64Provider provider = new Aarch64Provider();
        Architecture configured = Variants.withTcr(Variants.get("aarch64"), TCR);
        assertTrue(provider.offers(configured), configured.name());
        Architecture loaded = LoadedRoots.asLoaded(Variants.get("aarch64"));
        assertFalse(provider.offers(loaded), "a view is configured through its delegate");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> provider.configure(loaded, VariantConfiguration.none()));
        assertTrue(e.getMessage().contains("is not an AArch64 variant"), e.getMessage());
    }
}
