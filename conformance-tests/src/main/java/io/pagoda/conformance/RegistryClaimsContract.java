package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.image.TlbLineFormat;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the variant's module claims beside the variant itself: the ELF machine of its cores, and
 * {@code info tlb} lines and configuration of its variants only.
 */
@Tag("geometry")
@ConformanceArea("geometry")
public interface RegistryClaimsContract extends ConformanceSubject {

    /**
     * The provider offering the variant claims cores of the variant's ELF machine ({@code
     * ArchitectureProvider.elfMachines}), so a core it wrote is tried against it.
     */
    @Test
    default void theProviderClaimsCoresOfTheVariantsElfMachine() {
        Architecture architecture = architecture();
        int machine = architecture.elfIdentity().machine();
        if (machine == 0) {
            return;
        }
        List<String> claiming = new ArrayList<>();
        for (Architecture variant : Architectures.discover().forElfMachine(machine)) {
            claiming.add(variant.name());
        }
        check(
                claiming.contains(architecture.name()),
                () ->
                        architectureName()
                                + " names ELF machine "
                                + machine
                                + " but its provider does not claim it (variants claiming it: "
                                + claiming
                                + ")");
    }

    /**
     * No registered variant, this module's or another's, is claimed by two {@code info tlb} line
     * formats: a format claiming names beyond its own variants takes over another module's lines.
     */
    @Test
    default void noRegisteredVariantIsClaimedByTwoTlbLineFormats() {
        List<TlbLineFormat> formats = new ArrayList<>();
        ServiceLoader.load(TlbLineFormat.class).forEach(formats::add);
        List<String> wrong = new ArrayList<>();
        for (Architecture variant : Architectures.discover().all()) {
            List<String> claiming = new ArrayList<>();
            for (TlbLineFormat format : formats) {
                if (format.supports(variant.name())) {
                    claiming.add(format.getClass().getName());
                }
            }
            if (claiming.size() > 1) {
                wrong.add(variant.name() + " is claimed by " + claiming);
            }
        }
        check(
                wrong.isEmpty(),
                () ->
                        String.join("; ", wrong)
                                + ": each TlbLineFormat.supports must name only its own variants");
    }

    /**
     * Each registered variant, this module's or another's, is offered by one provider only: {@code
     * Architectures.configure} hands a variant to the provider that offers it, so a provider
     * claiming another module's variants would configure them as its own.
     */
    @Test
    default void everyRegisteredVariantIsOfferedByOneProvider() {
        List<ArchitectureProvider> providers = new ArrayList<>();
        ServiceLoader.load(ArchitectureProvider.class).forEach(providers::add);
        List<String> wrong = new ArrayList<>();
        for (ArchitectureProvider owner : providers) {
            for (Architecture variant : owner.architectures()) {
                List<String> offering = new ArrayList<>();
                for (ArchitectureProvider provider : providers) {
                    if (provider.offers(variant)) {
                        offering.add(provider.getClass().getName());
                    }
                }
                if (offering.size() != 1) {
                    wrong.add(variant.name() + " is offered by " + offering);
                }
            }
        }
        check(
                wrong.isEmpty(),
                () ->
                        String.join("; ", wrong)
                                + ": ArchitectureProvider.offers must hold for its own variants only");
    }
}
