package io.pagoda.arch.i386;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import java.util.List;

/** Offers {@code i386}, {@code i386-widen-exec} and {@code i386-pae} to the registry. */
public final class I386ArchitectureProvider implements ArchitectureProvider {
    private static final List<Architecture> ARCHITECTURES = List.of(
            new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE),
            new I386Architecture(ExecutePolicy.WIDEN_TO_EXECUTABLE),
            new PaeArchitecture());

    @Override
    public List<Architecture> architectures() {
        return ARCHITECTURES;
    }
}
