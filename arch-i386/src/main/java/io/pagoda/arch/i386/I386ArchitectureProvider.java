package io.pagoda.arch.i386;

import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.ArchitectureProvider;
import io.pagoda.paging.spi.CpuRegisters;
import io.pagoda.paging.spi.VariantCandidate;
import java.util.List;
import java.util.Set;

/** Offers {@code i386}, {@code i386-widen-exec} and {@code i386-pae} to the registry. */
public final class I386ArchitectureProvider implements ArchitectureProvider {
    /**
     * Built on each call, not kept in a static field: every registry lookup gets variants its own
     * constructors made, so a broken constructor shows in the next lookup (and a mutation tester
     * sees it without a fresh JVM).
     */
    @Override
    public List<Architecture> architectures() {
        return List.of(
                new I386Architecture(ExecutePolicy.REFUSE_NON_EXECUTABLE),
                new I386Architecture(ExecutePolicy.WIDEN_TO_EXECUTABLE),
                new PaeArchitecture());
    }

    /**
     * EM_386 and EM_X86_64: a 64-bit QEMU writes EM_X86_64 only in long mode, but a guest may leave
     * it later.
     */
    @Override
    public Set<Integer> elfMachines() {
        return ProtectedModeEvidence.MACHINES;
    }

    @Override
    public List<VariantCandidate> candidatesFrom(CpuRegisters registers) {
        return ProtectedModeEvidence.candidates(registers);
    }
}
