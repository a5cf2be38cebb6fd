package io.pagoda.arch.x86_64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.error.VariantConfigurationException;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.VariantConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The x86_64 variants take no configuration register: the paging mode is the variant (CR4.LA57
 * selects x86_64-la57) and memory types come from the power-on PAT. A TCR or MAIR given to them is
 * refused with a typed exception naming the variant, the register and the fix, and nothing changes.
 */
class VariantConfigurationTest {
    private final Architectures registry = Architectures.discover();

    @Test
    void aTranslationControlRegisterIsRefusedByName() {
        Architecture x86 = registry.get("x86_64");
        VariantConfigurationException e =
                assertThrows(
                        VariantConfigurationException.class,
                        () ->
                                registry.configure(
                                        x86,
                                        VariantConfiguration.none()
                                                .withTranslationControl(0x5_8010_0010L)));
        assertEquals(
                "x86_64 takes no translation-control register; leave it out of the configuration",
                e.getMessage());
        assertSame(x86, registry.get("x86_64"));
        assertTrue(x86.controlRegisterValue().isEmpty());
    }

    @Test
    void aMemoryAttributeRegisterIsRefusedByName() {
        Architecture la57 = registry.get("x86_64-la57");
        VariantConfigurationException e =
                assertThrows(
                        VariantConfigurationException.class,
                        () ->
                                registry.configure(
                                        la57,
                                        VariantConfiguration.none()
                                                .withMemoryAttributes(0x0007_0406_0007_0406L)));
        assertEquals("x86_64-la57", e.variant());
        assertEquals("memory-attribute register", e.register());
    }

    @Test
    void noRegisterGivesTheVariantItself() {
        Architecture x86 = registry.get("x86_64");
        assertSame(x86, registry.configure(x86, VariantConfiguration.none()));
    }
}
