package io.pagoda.conformance.testarch;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import java.util.List;

/**
 * Registers the correct kit-toy variants (the broken ones are built directly by the kit's own
 * tests).
 */
public final class KitToyProvider implements ArchitectureProvider {
    @Override
    public List<Architecture> architectures() {
        return List.of(KitToys.toy39(Defect.NONE), KitToys.unequal(), KitToys.split());
    }
}
