package io.pagoda.conformance;

import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.ModuleVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Where the contracts of {@link ModuleVectors} find them, and the registry whose detection they
 * check: by default the services and providers on the class path (the context class loader's). An
 * author proving an unregistered module overrides both.
 */
public interface ModuleVectorSubject extends ConformanceSubject {

    /**
     * The module vectors to check; those naming other variants are skipped.
     *
     * @return every {@link ModuleVectors} service found
     */
    default List<ModuleVectors> moduleVectors() {
        List<ModuleVectors> all = new ArrayList<>();
        for (ModuleVectors source : ServiceLoader.load(ModuleVectors.class)) {
            all.add(source);
        }
        return all;
    }

    /**
     * The registry whose {@code candidatesFrom} the detection vectors are put to, and whose {@code
     * configure} the configuration vectors.
     *
     * @return the registry of every provider found
     */
    default Architectures detectingRegistry() {
        return Architectures.discover();
    }
}
