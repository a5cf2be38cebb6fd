package io.pagoda.conformance;

import com.google.inject.Module;
import io.pagoda.paging.inject.PagingModule;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.spi.Architecture;

/**
 * Replays a sequence printed by a failing {@code model-random} run as a plain test: {@code
 * ModelReplay.replay(module(), "map 0 0x7000 3 0x200000 rw-- WRITE_BACK - pages; unmap 0 0x8000
 * 1")}.
 */
public final class ModelReplay {
    private ModelReplay() {}

    /**
     * Replays on a system assembled from {@code module}; throws an AssertionError at the first
     * disagreement.
     *
     * @param module a Guice module binding Architecture, PhysicalMemory and FrameAllocator
     * @param script the steps, as {@link ModelOp#script} prints them
     */
    public static void replay(Module module, String script) {
        String failure =
                ModelRun.firstFailure(PagingSystem.assemble(module), ModelOp.parse(script));
        if (failure != null) {
            throw new AssertionError("replay fails at " + failure);
        }
    }

    /**
     * Replays a machine run's sequence (with {@code switch} steps) on a machine booted with {@code
     * options}: {@code ModelReplay.replayOnMachine(newMachine(options).mmu(), "...")}.
     *
     * <p>Replays on a simulated machine; throws an AssertionError at the first disagreement.
     *
     * @param mmu the simulated machine
     * @param script the steps, as {@link ModelOp#script} prints them
     */
    public static void replayOnMachine(Machine mmu, String script) {
        String failure = MachineModelRun.firstFailure(mmu, ModelOp.parse(script));
        if (failure != null) {
            throw new AssertionError("replay fails at " + failure);
        }
    }

    /**
     * Replays on the default wiring of {@code architecture}.
     *
     * @param architecture the variant
     * @param script the steps, as {@link ModelOp#script} prints them
     */
    public static void replay(Architecture architecture, String script) {
        replay(new PagingModule(architecture), script);
    }
}
