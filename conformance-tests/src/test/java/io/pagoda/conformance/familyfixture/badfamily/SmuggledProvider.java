package io.pagoda.conformance.familyfixture.badfamily;

import io.pagoda.conformance.testarch.KitToyProvider;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import java.util.List;

/**
 * A provider in a family library, handing out another architecture's variants: both are violations.
 */
public abstract class SmuggledProvider implements ArchitectureProvider {
    @Override
    public List<Architecture> architectures() {
        return new KitToyProvider().architectures();
    }
}
