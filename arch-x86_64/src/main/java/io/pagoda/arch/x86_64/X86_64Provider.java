package io.pagoda.arch.x86_64;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.CpuRegisters;
import io.pagoda.paging.spi.VariantCandidate;
import java.util.List;
import java.util.Set;

/** Registers {@code x86_64} and {@code x86_64-la57} with {@link java.util.ServiceLoader}. */
public final class X86_64Provider implements ArchitectureProvider {
    @Override
    public List<Architecture> architectures() {
        return List.of(X86_64Architecture.fourLevel(), X86_64Architecture.fiveLevel());
    }

    /**
     * EM_386 and EM_X86_64: QEMU writes the CPU's mode at dump time, so either kind of core can
     * hold long-mode tables.
     */
    @Override
    public Set<Integer> elfMachines() {
        return LongModeEvidence.MACHINES;
    }

    @Override
    public List<VariantCandidate> candidatesFrom(CpuRegisters registers) {
        return LongModeEvidence.candidates(registers);
    }
}
