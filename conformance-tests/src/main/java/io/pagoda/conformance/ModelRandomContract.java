package io.pagoda.conformance;

import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.spi.Architecture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Long seeded random sequences of map, guard, unmap, protect and translate, checked step by step
 * against a flat reference model. {@code pagoda.model.operations} sets the length (default 100,000;
 * the soak profile 10 million), {@code pagoda.model.seed} the seed. A failure prints the seed and a
 * shrunk sequence to replay.
 */
@Tag("model-random")
@ConformanceArea("model-random")
public interface ModelRandomContract extends ConformanceSubject {
    /** The system property giving the number of random operations per variant. */
    String OPERATIONS_PROPERTY = "pagoda.model.operations";

    /** The system property giving the random seed, to replay a failing run. */
    String SEED_PROPERTY = "pagoda.model.seed";

    /** How long a failure may spend shrinking its sequence, in milliseconds (default 20 s). */
    String SHRINK_MILLIS_PROPERTY = "pagoda.model.shrink.millis";

    /** Seeded random sequences of operations agree with the flat reference model, step by step. */
    @Test
    default void randomSequencesAgreeWithTheFlatModel() {
        long operations = Long.getLong(OPERATIONS_PROPERTY, 100_000L);
        long seed = Long.getLong(SEED_PROPERTY, 0x5EED_0000L ^ architectureName().hashCode());
        Architecture architecture = architecture();
        ModelSequence sequence = new ModelSequence(architecture, seed);
        ModelRun run = new ModelRun(newSystem());
        // steps are not kept (a soak run has millions): a failure regenerates its prefix from the
        // seed
        for (long i = 0; i < operations; i++) {
            ModelOp op = sequence.next();
            String failure = run.apply(op);
            if (failure != null) {
                List<ModelOp> steps = new ArrayList<>();
                ModelSequence again = new ModelSequence(architecture, seed);
                for (long j = 0; j <= i; j++) {
                    steps.add(again.next());
                }
                throw failureReport(seed, i, op, failure, steps);
            }
        }
    }

    /**
     * The same on a running machine: a tenth of the operations (at least 10,000, at most 100,000),
     * through two address spaces with switches between them, the TLB checked against the tables
     * after every step.
     */
    @Test
    default void randomSequencesOnARunningMachineAgreeWithTheModelAndTheTlb() {
        // each step also checks the TLB against fresh walks (~60 us), so the machine run is capped:
        // the soak's
        // 10 million operations are the table model's, the machine adds at most 100,000
        long operations =
                Math.min(
                        100_000L,
                        Math.max(10_000L, Long.getLong(OPERATIONS_PROPERTY, 100_000L) / 10));
        long seed = Long.getLong(SEED_PROPERTY, 0x5EED_0000L ^ architectureName().hashCode());
        Architecture architecture = architecture();
        ModelSequence sequence = new ModelSequence(architecture, seed, true);
        if (!sequence.hasRegions()) {
            throw new AssertionError(
                    "no region of the layout's user range is usable for the machine model: "
                            + architecture.layout());
        }
        for (Machine.Options options : machineOptions()) {
            MachineModelRun run = new MachineModelRun(newMachine(options).mmu());
            ModelSequence steps = new ModelSequence(architecture, seed, true);
            for (long i = 0; i < operations; i++) {
                ModelOp op = steps.next();
                String failure = run.apply(op);
                if (failure != null) {
                    List<ModelOp> prefix = new ArrayList<>();
                    ModelSequence again = new ModelSequence(architecture, seed, true);
                    for (long j = 0; j <= i; j++) {
                        prefix.add(again.next());
                    }
                    List<ModelOp> shrunk =
                            new Shrinker(
                                            c ->
                                                    MachineModelRun.firstFailure(
                                                                    newMachine(options).mmu(), c)
                                                            != null,
                                            Long.getLong(SHRINK_MILLIS_PROPERTY, 20_000L))
                                    .shrink(prefix);
                    throw new AssertionError(
                            "model-random on a machine ("
                                    + options
                                    + "): "
                                    + architectureName()
                                    + " disagrees at step "
                                    + i
                                    + " ("
                                    + op
                                    + "): "
                                    + failure
                                    + "\n  seed: "
                                    + seed
                                    + "\n  shrunk to "
                                    + shrunk.size()
                                    + " step(s): "
                                    + MachineModelRun.firstFailure(
                                            newMachine(options).mmu(), shrunk)
                                    + "\n  replay it as a test (with these options):\n    ModelReplay.replayOnMachine(newMachine(options).mmu(), \""
                                    + ModelOp.script(shrunk)
                                    + "\");");
                }
            }
        }
    }

    private AssertionError failureReport(
            long seed, long index, ModelOp op, String failure, List<ModelOp> steps) {
        List<ModelOp> shrunk =
                new Shrinker(
                                candidate -> ModelRun.firstFailure(newSystem(), candidate) != null,
                                Long.getLong(SHRINK_MILLIS_PROPERTY, 20_000L))
                        .shrink(steps);
        String script = ModelOp.script(shrunk);
        return new AssertionError(
                "model-random: "
                        + architectureName()
                        + " disagrees with the flat model at step "
                        + index
                        + " ("
                        + op
                        + "): "
                        + failure
                        + "\n  seed: "
                        + seed
                        + " (rerun with -D"
                        + SEED_PROPERTY
                        + "="
                        + seed
                        + ")"
                        + "\n  shrunk to "
                        + shrunk.size()
                        + " step(s): "
                        + ModelRun.firstFailure(newSystem(), shrunk)
                        + "\n  replay it as a test:\n    @Test void replay() { ModelReplay.replay(module(), \""
                        + script
                        + "\"); }");
    }
}
