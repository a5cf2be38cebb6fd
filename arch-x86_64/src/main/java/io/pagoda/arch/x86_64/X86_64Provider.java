package io.pagoda.arch.x86_64;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import java.util.List;

/** Registers {@code x86_64} and {@code x86_64-la57} with {@link java.util.ServiceLoader}. */
public final class X86_64Provider implements ArchitectureProvider {
    @Override
    public List<Architecture> architectures() {
        return List.of(X86_64Architecture.fourLevel(), X86_64Architecture.fiveLevel());
    }
}
