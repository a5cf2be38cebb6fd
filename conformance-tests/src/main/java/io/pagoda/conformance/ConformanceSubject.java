package io.pagoda.conformance;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.pagoda.paging.inject.PagingModule;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every contract needs from the test class: which architecture it proves and how its system under
 * test is assembled. An author implements {@link #architectureName()} and may override {@link #overrides()}
 * (Guice bindings laid over {@link PagingModule}) or {@link #architecture()} (an unregistered instance).
 */
@ExtendWith(ConformanceReportExtension.class)
public interface ConformanceSubject {

    /** The variant's registered name or alias. */
    String architectureName();

    /** The architecture under test; by default the one the registry finds under {@link #architectureName()}. */
    default Architecture architecture() {
        return Architectures.discover().get(architectureName());
    }

    /** Bindings that replace parts of {@link PagingModule} (memory, allocator ...); none by default. */
    default Module overrides() {
        return Modules.EMPTY_MODULE;
    }

    /** The whole wiring: {@link PagingModule} with {@link #overrides()} laid over it. */
    default Module module() {
        return Modules.override(new PagingModule(architecture())).with(overrides());
    }

    /** A fresh system under test. */
    default PagingSystem newSystem() {
        return PagingSystem.assemble(module());
    }
}
