package io.pagoda.cli.toy;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.VariantConfiguration;
import java.util.List;

/** Registers the test architectures through META-INF/services, as a real module would. */
public final class ToyProvider implements ArchitectureProvider {
    @Override
    public List<Architecture> architectures() {
        return List.of(ToyArchitecture.single(), ToyArchitecture.split(39));
    }

    /**
     * {@code toy-split} takes a control register, its VA width (30: two levels; 39: three); {@code
     * toy-cli} takes none, and neither takes a memory-attribute register (the SPI's refusal).
     */
    @Override
    public Architecture configure(Architecture variant, VariantConfiguration configuration) {
        if (!offers(variant)
                || variant.roots().size() == 1
                || configuration.translationControl().isEmpty()) {
            return ArchitectureProvider.super.configure(variant, configuration);
        }
        if (configuration.memoryAttributes().isPresent()) {
            // refused as the SPI refuses it, for the register the split toy does not take
            return ArchitectureProvider.super.configure(
                    variant,
                    VariantConfiguration.none()
                            .withMemoryAttributes(configuration.memoryAttributes().getAsLong()));
        }
        long value = configuration.translationControl().getAsLong();
        if (value != 30 && value != 39) {
            throw new IllegalArgumentException(
                    "toy control register " + value + " selects neither 30 nor 39 bits");
        }
        return ToyArchitecture.split((int) value);
    }
}
