package io.pagoda.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.conformance.testarch.Defect;
import io.pagoda.conformance.testarch.KitToys;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.inject.PagingModule;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.spi.Architecture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The random-model machinery itself: the text form, the reference run, the shrinker and the replay.
 */
class ModelMachineryTest {
    private static final MappingFlags RW =
            new MappingFlags(MappingAccessRights.KERNEL_RW, MemoryType.WRITE_BACK, false);

    @Test
    void stepsReadBackFromTheirTextForm() {
        List<ModelOp> ops =
                List.of(
                        ModelOp.map(
                                0,
                                0xFFFF_FFC0_0000_7000L,
                                3,
                                0x20_0000L,
                                RW.withGlobal(true),
                                true),
                        ModelOp.guard(1, 0x8000L, 2),
                        ModelOp.unmap(0, 0x8000L, 1),
                        ModelOp.protect(
                                0,
                                0x7000L,
                                2,
                                new MappingFlags(
                                        MappingAccessRights.USER_RX, MemoryType.UNCACHED, false)),
                        ModelOp.translate(0, 0x7123L));
        assertEquals(ops, ModelOp.parse(ModelOp.script(ops)));
    }

    @Test
    void aBadStepIsExplained() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelOp.parse("map 0 zz"));
        assertTrue(e.getMessage().contains("map 0 zz"), e.getMessage());
    }

    @Test
    void theModelAgreesWithACorrectVariantAndRefusalsAreExpected() {
        String script =
                "map 0 0x7000 3 0x200000 rw-- WRITE_BACK - pages; map 0 0x8000 1 0x300000 rw-- WRITE_BACK - pages; "
                        + "guard 0 0xa000 2; unmap 0 0x7000 4; protect 0 0xa000 1 r--- WRITE_BACK -; translate 0 0x8123";
        ModelReplay.replay(KitToys.toy39(Defect.NONE), script);
    }

    @Test
    void theModelCatchesALostGuardAndTheReplayFails() {
        AssertionError e =
                assertThrows(
                        AssertionError.class,
                        () ->
                                ModelReplay.replay(
                                        new PagingModule(KitToys.toy39(Defect.LOST_GUARD)),
                                        "guard 0 0x7000 1"));
        assertTrue(e.getMessage().contains("GUARDED"), e.getMessage());
    }

    @Test
    void aMachineRunSwitchesAddressSpacesAndKeepsThemApart() {
        InstrumentedMachine machine =
                new ArchitectureConformance() {
                    @Override
                    public String architectureName() {
                        return "kit-toy-39";
                    }
                }.newMachine(Machine.Options.defaults());
        ModelReplay.replayOnMachine(
                machine.mmu(),
                "map 0 0x7000 2 0x200000 rw-- WRITE_BACK - pages; translate 0 0x7010; switch 1; "
                        + "translate 0 0x7010; map 0 0x7000 1 0x300000 r--- WRITE_BACK - pages; switch 0; unmap 0 0x7000 2; switch 1; translate 0 0x7000");
    }

    @Test
    void theShrinkerFindsTheSmallestFailingSequence() {
        List<ModelOp> ops = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ops.add(ModelOp.translate(0, 0x1000L * i));
        }
        ops.set(137, ModelOp.guard(0, 0x5000L, 9));
        ops.set(42, ModelOp.guard(0, 0x9000L, 3));
        // "fails" whenever both guards are present and the first spans more than one page
        List<ModelOp> shrunk =
                new Shrinker(
                                candidate ->
                                        candidate.stream()
                                                        .anyMatch(
                                                                op ->
                                                                        op.kind()
                                                                                        == ModelOp
                                                                                                .Kind
                                                                                                .GUARD
                                                                                && op.va()
                                                                                        == 0x5000L
                                                                                && op.pages() > 1)
                                                && candidate.stream()
                                                        .anyMatch(
                                                                op ->
                                                                        op.kind()
                                                                                        == ModelOp
                                                                                                .Kind
                                                                                                .GUARD
                                                                                && op.va()
                                                                                        == 0x9000L),
                                10_000)
                        .shrink(ops);
        assertEquals(List.of(ModelOp.guard(0, 0x9000L, 1), ModelOp.guard(0, 0x5000L, 2)), shrunk);
    }

    @Test
    void aRandomRunOnALostGuardFailsWithASeedAndAShortReplay() {
        Architecture broken = KitToys.toy39(Defect.LOST_GUARD);
        ModelSequence sequence = new ModelSequence(broken, 7);
        List<ModelOp> steps = new ArrayList<>();
        String failure = null;
        ModelRun run = new ModelRun(PagingSystem.assemble(new PagingModule(broken)));
        while (failure == null && steps.size() < 10_000) {
            ModelOp op = sequence.next();
            steps.add(op);
            failure = run.apply(op);
        }
        assertNotNull(failure, "a lost guard must disagree with the model");
        List<ModelOp> shrunk =
                new Shrinker(
                                c ->
                                        ModelRun.firstFailure(
                                                        PagingSystem.assemble(
                                                                new PagingModule(broken)),
                                                        c)
                                                != null,
                                10_000)
                        .shrink(steps);
        assertTrue(shrunk.size() <= 2, () -> "shrunk to " + shrunk);
        assertNull(
                ModelRun.firstFailure(
                        PagingSystem.assemble(new PagingModule(KitToys.toy39(Defect.NONE))),
                        shrunk),
                "the same steps pass on the correct variant");
    }
}
