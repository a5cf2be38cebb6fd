package io.pagoda.example.riscv;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import java.util.List;

/** Offers riscv-sv39 and riscv-sv48 to ServiceLoader (listed in META-INF/services). */
public final class RiscVProvider implements ArchitectureProvider {
    @Override
    public List<Architecture> architectures() {
        return List.of(new SvArchitecture(SvMode.SV39), new SvArchitecture(SvMode.SV48));
    }
}
