package io.pagoda.conformance;

import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.space.AddressSpace;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.testlib.TlbCoherenceCheck;
import io.pagoda.paging.testlib.model.ReferenceModel;
import java.util.List;

/**
 * The random model on a running machine: two address spaces, one active, steps applied through the
 * {@link AddressSpace} facade (the inactive one through its temporary or physical access), {@code
 * switch} steps making the other active. Each step is checked twice: the tables against the flat
 * model, and the TLB against the tables ({@link TlbCoherenceCheck}) after priming it with the
 * touched pages.
 */
public final class MachineModelRun {
    private final Machine mmu;
    private final AddressSpace[] spaces;
    private final ReferenceModel[][] models;
    private int active;

    /**
     * A run on {@code mmu} over two address spaces (the bootstrap space and a new one), each with
     * an empty model per root.
     *
     * @param mmu the simulated machine
     */
    public MachineModelRun(Machine mmu) {
        this.mmu = mmu;
        this.spaces = new AddressSpace[] {AddressSpace.bootstrap(mmu), AddressSpace.create(mmu)};
        int roots = mmu.architecture().roots().size();
        this.models = new ReferenceModel[2][roots];
        for (int s = 0; s < 2; s++) {
            for (int r = 0; r < roots; r++) {
                models[s][r] = new ReferenceModel();
            }
        }
    }

    /**
     * Runs {@code ops} on {@code mmu}; null when all agree, else the first disagreement.
     *
     * @param mmu the simulated machine
     * @param ops the steps
     * @return null, or the failing step and what differs
     */
    public static String firstFailure(Machine mmu, List<ModelOp> ops) {
        MachineModelRun run = new MachineModelRun(mmu);
        for (int i = 0; i < ops.size(); i++) {
            String failure = run.apply(ops.get(i));
            if (failure != null) {
                return "step " + i + " (" + ops.get(i) + "): " + failure;
            }
        }
        return null;
    }

    /**
     * Applies one step to the active address space; null when the machine agrees with the model
     * (and its TLB with the tables), else what differs.
     *
     * @param op the step
     * @return null, or the disagreement
     */
    public String apply(ModelOp op) {
        if (op.kind() == ModelOp.Kind.SWITCH) {
            spaces[op.root()].activate();
            active = op.root();
            return TlbCoherenceCheck.mismatch(mmu.cpu());
        }
        AddressSpace space = spaces[active];
        ReferenceModel model = models[active][op.root()];
        long page = mmu.architecture().roots().get(op.root()).geometry().pageSize();
        long length = op.pages() * page;
        if (op.kind() == ModelOp.Kind.TRANSLATE) {
            return ModelRun.checkPage(
                    space::translate, model, op.va() & -page, op.va() & (page - 1));
        }
        TlbCoherenceCheck.touch(mmu.cpu(), op.va() - page, op.va() + length);
        String refusal = ModelRun.expectedRefusal(op, model, page);
        try {
            switch (op.kind()) {
                case MAP ->
                        space.mapPhysical(
                                op.va(),
                                op.pa(),
                                length,
                                op.flags(),
                                op.blocks()
                                        ? LeafSizePolicy.LARGEST_FITTING
                                        : LeafSizePolicy.PAGES_ONLY);
                case GUARD -> space.guard(op.va(), length);
                case UNMAP -> space.unmap(op.va(), length);
                case PROTECT -> space.protect(op.va(), length, op.flags());
                default -> throw new IllegalStateException(op.kind().name());
            }
            if (refusal != null) {
                return "succeeded, but the model says it must be refused: " + refusal;
            }
        } catch (PagingException e) {
            if (refusal == null) {
                return "refused with " + e + ", but the model says it must succeed";
            }
        } catch (RuntimeException e) {
            return "threw " + e;
        }
        if (refusal == null) {
            ModelRun.update(model, op, page);
        }
        String wrong =
                ModelRun.checkTouched(
                        mmu.architecture().roots().get(op.root()).canonicalForm(),
                        at -> ModelRun.checkPage(space::translate, model, at, 0),
                        op.va(),
                        length,
                        page);
        if (wrong != null) {
            return wrong;
        }
        String stale = TlbCoherenceCheck.mismatch(mmu.cpu(), op.va() - page, op.va() + length);
        return stale == null ? null : "the TLB disagrees with the tables: " + stale;
    }
}
