package io.pagoda.conformance;

import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.ModuleVectors;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

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
     * What the SPI says the variant has, and which kinds of module vectors name it.
     *
     * @return the capabilities the tests may rely on
     */
    @Override
    default Set<Capability> capabilities() {
        Set<Capability> has = EnumSet.noneOf(Capability.class);
        has.addAll(ConformanceSubject.super.capabilities());
        has.addAll(Capability.ofVectors(architecture().name(), moduleVectors()));
        return has;
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
