package io.pagoda.conformance.plugin;

import io.pagoda.conformance.testarch.Defect;
import io.pagoda.conformance.testarch.KitToys;
import io.pagoda.conformance.testarch.RenamedArchitecture;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import java.util.List;

/**
 * A provider registered nowhere on the test class path: only a plug-in directory's services file
 * names it.
 */
public final class ExtraToyProvider implements ArchitectureProvider {
    @Override
    public List<Architecture> architectures() {
        return List.of(new RenamedArchitecture(KitToys.toy39(Defect.NONE), "kit-toy-plugin"));
    }
}
