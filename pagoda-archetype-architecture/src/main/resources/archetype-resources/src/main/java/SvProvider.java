package ${package};

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import java.util.List;

/**
 * What ServiceLoader finds: listed in META-INF/services/io.pagoda.paging.spi.ArchitectureProvider (class path) and
 * in module-info.java's {@code provides} (module path). Public, with a public no-argument constructor.
 */
public final class SvProvider implements ArchitectureProvider {
    @Override
    public List<Architecture> architectures() {
        return List.of(new SvArchitecture(SvMode.SV39));
    }
}
