package io.pagoda.paging.spi;

import io.pagoda.paging.error.VariantConfigurationException;
import java.util.List;
import java.util.Set;

/**
 * The service an architecture module registers (in {@code module-info} {@code provides} and in
 * {@code META-INF/services}); one provider may offer several variants.
 */
public interface ArchitectureProvider {
    /**
     * The variants this provider offers, each registered under its own name.
     *
     * @return the variants, at least one
     */
    List<Architecture> architectures();

    /**
     * ELF machine numbers ({@code e_machine}) of cores whose memory this provider's variants read;
     * empty when it claims none (then nothing is checked or tried against a core's machine for it).
     *
     * @return the ELF {@code e_machine} values, empty by default
     */
    default Set<Integer> elfMachines() {
        return Set.of();
    }

    /**
     * Which of this provider's variants the saved registers of one CPU say are in force, with the
     * root register values and the evidence; empty when the registers belong to another machine or
     * do not tell (paging off, no control registers recorded). More than one answer means the
     * registers alone are ambiguous.
     *
     * @param registers one CPU's saved registers, as a memory image records them
     * @return the variants in force, each with its root register values and evidence; empty by
     *     default
     */
    default List<VariantCandidate> candidatesFrom(CpuRegisters registers) {
        return List.of();
    }

    /**
     * Whether {@code variant} is one of this provider's: one it {@link #architectures() offers}, or
     * one its {@link #configure} made from them. By default a variant of the same class and name as
     * one offered; a provider whose configured variants carry other names overrides it.
     *
     * @param variant any variant
     * @return true when this provider made it and so can configure it
     */
    default boolean offers(Architecture variant) {
        for (Architecture offered : architectures()) {
            if (offered.getClass() == variant.getClass() && offered.name().equals(variant.name())) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code variant} configured from saved registers (AArch64: TCR_EL1 for its geometry, MAIR_EL1
     * for its memory types). By default a provider's variants take no register: the empty
     * configuration returns {@code variant} itself and any register is refused.
     *
     * @param variant one of this provider's variants ({@link #offers})
     * @param configuration the registers to configure it from
     * @return the configured variant; {@code variant} itself when the configuration changes nothing
     * @throws VariantConfigurationException naming the variant and the register when {@code
     *     variant} takes no such register
     * @throws IllegalArgumentException when {@code variant} is not this provider's, or a register
     *     holds a value the variant does not model
     */
    default Architecture configure(Architecture variant, VariantConfiguration configuration) {
        if (!offers(variant)) {
            throw new IllegalArgumentException(
                    variant.name()
                            + " is not a variant of "
                            + getClass().getName()
                            + "; configure it through the provider that offers it"
                            + " (Architectures.configure finds it)");
        }
        if (configuration.translationControl().isPresent()) {
            throw new VariantConfigurationException(
                    variant.name(),
                    "translation-control register",
                    "leave it out of the configuration");
        }
        if (configuration.memoryAttributes().isPresent()) {
            throw new VariantConfigurationException(
                    variant.name(),
                    "memory-attribute register",
                    "leave it out of the configuration");
        }
        return variant;
    }
}
