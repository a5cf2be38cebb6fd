package io.pagoda.conformance;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.pagoda.paging.inject.PagingModule;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.FrameAllocator;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.testlib.FaultInjectingFrameAllocator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every contract needs from the test class: which architecture it proves and how its system
 * under test is assembled. An author implements {@link #architectureName()} and may override {@link
 * #overrides()} (Guice bindings laid over {@link PagingModule}) or {@link #architecture()} (an
 * unregistered instance).
 */
@ExtendWith({CapabilityCondition.class, ConformanceReportExtension.class})
public interface ConformanceSubject {

    /**
     * The variant's registered name or alias.
     *
     * @return the name or alias
     */
    String architectureName();

    /**
     * The architecture under test; by default the one the registry finds under {@link
     * #architectureName()}.
     *
     * @return the architecture
     */
    default Architecture architecture() {
        return Architectures.discover().get(architectureName());
    }

    /**
     * What the variant has, deciding which tests apply to it ({@link Requires}); by default what
     * the SPI says ({@link Capability#of}). An author may narrow or widen it for a variant the SPI
     * describes only in part.
     *
     * @return the capabilities the tests may rely on
     */
    default Set<Capability> capabilities() {
        return Capability.of(architecture());
    }

    /**
     * Bindings that replace parts of {@link PagingModule} (memory, allocator ...); none by default.
     *
     * @return a Guice module of replacement bindings
     */
    default Module overrides() {
        return Modules.EMPTY_MODULE;
    }

    /**
     * The whole wiring: {@link PagingModule} with {@link #overrides()} laid over it.
     *
     * @return the Guice module the system under test is assembled from
     */
    default Module module() {
        return Modules.override(new PagingModule(architecture())).with(overrides());
    }

    /**
     * The machine configurations the MMU areas run on: the architecture's default table access, the
     * same with address-space tags on, and tables reached physically. Override to add direct-map or
     * recursive setups.
     *
     * @return the machine configurations
     */
    default List<Machine.Options> machineOptions() {
        return List.of(
                Machine.Options.defaults(),
                Machine.Options.defaults().withTagged(true),
                Machine.Options.defaults()
                        .withAccess(
                                Machine.ActiveAccess.PHYSICAL, Machine.InactiveAccess.PHYSICAL));
    }

    /**
     * A freshly booted machine over this wiring's architecture, memory and allocator, with these
     * options.
     *
     * @param options the machine configuration
     * @return the machine
     */
    default InstrumentedMachine newMachine(Machine.Options options) {
        Injector injector = Guice.createInjector(module());
        FrameAllocator frames = injector.getInstance(FrameAllocator.class);
        FaultInjectingFrameAllocator allocator = new FaultInjectingFrameAllocator(frames);
        Machine.Options effective = options;
        if (options.directMapFirst() == -1 && frames instanceof BitmapFrameAllocator bitmap) {
            // the wrapper hides the allocator's range, which a direct map would otherwise be sized
            // from
            effective =
                    options.withDirectMapRange(
                            bitmap.base(), bitmap.frameCount() * bitmap.frameSize());
        }
        return new InstrumentedMachine(
                new Machine(
                        injector.getInstance(Architecture.class),
                        injector.getInstance(PhysicalMemory.class),
                        allocator,
                        effective),
                allocator);
    }

    /**
     * A fresh system under test.
     *
     * @return the system, assembled from {@link #module()}
     */
    default PagingSystem newSystem() {
        return PagingSystem.assemble(module());
    }
}
