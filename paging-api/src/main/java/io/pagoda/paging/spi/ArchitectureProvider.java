package io.pagoda.paging.spi;

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
}
