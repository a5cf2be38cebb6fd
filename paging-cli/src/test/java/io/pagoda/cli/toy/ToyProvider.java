package io.pagoda.cli.toy;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import java.util.List;

/** Registers the test architectures through META-INF/services, as a real module would. */
public final class ToyProvider implements ArchitectureProvider {
    @Override
    public List<Architecture> architectures() {
        return List.of(ToyArchitecture.single(), ToyArchitecture.split(39));
    }
}
