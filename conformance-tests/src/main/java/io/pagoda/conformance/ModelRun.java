package io.pagoda.conformance;

import io.pagoda.paging.Hex;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.Translation;
import io.pagoda.paging.testlib.model.ReferenceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Applies steps to a system and to the flat {@link ReferenceModel} side by side. The model decides
 * whether a step must succeed or be refused; after each step the pages it touched (and their
 * neighbours) are translated and compared with the model. Checking only touched pages keeps long
 * runs fast.
 */
public final class ModelRun {
    private final PagingSystem system;
    private final ReferenceModel[] models;

    /**
     * A run on {@code system}, with an empty model per root.
     *
     * @param system the system under test
     */
    public ModelRun(PagingSystem system) {
        this.system = system;
        this.models = new ReferenceModel[system.rootCount()];
        for (int i = 0; i < models.length; i++) {
            models[i] = new ReferenceModel();
        }
    }

    /**
     * Runs {@code ops} on a fresh system; null when all agree, else the first disagreement.
     *
     * @param system a fresh system
     * @param ops the steps
     * @return null, or the failing step and what differs
     */
    public static String firstFailure(PagingSystem system, List<ModelOp> ops) {
        ModelRun run = new ModelRun(system);
        for (int i = 0; i < ops.size(); i++) {
            String failure = run.apply(ops.get(i));
            if (failure != null) {
                return "step " + i + " (" + ops.get(i) + "): " + failure;
            }
        }
        return null;
    }

    /**
     * Applies one step; null when the system agrees with the model, else what differs.
     *
     * @param op the step
     * @return null, or the disagreement
     */
    public String apply(ModelOp op) {
        TableHierarchy tables = system.hierarchy(op.root());
        ReferenceModel model = models[op.root()];
        long page = tables.pageSize();
        long length = op.pages() * page;
        if (op.kind() == ModelOp.Kind.TRANSLATE) {
            return checkPage(tables::translate, model, op.va() & -page, op.va() & (page - 1));
        }
        String refusal = expectedRefusal(op, model, page);
        List<long[]> reported = new ArrayList<>();
        try {
            switch (op.kind()) {
                case MAP ->
                        tables.mapContiguous(
                                op.va(),
                                op.pa(),
                                length,
                                op.flags(),
                                op.blocks()
                                        ? LeafSizePolicy.LARGEST_FITTING
                                        : LeafSizePolicy.PAGES_ONLY);
                case GUARD -> tables.guard(op.va(), length);
                case UNMAP ->
                        tables.unmap(
                                op.va(),
                                length,
                                (va, pa, size) -> reported.add(new long[] {va, pa, size}));
                case PROTECT -> tables.protect(op.va(), length, op.flags());
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
            if (op.kind() == ModelOp.Kind.UNMAP) {
                String wrong = checkReported(model, op, page, reported);
                if (wrong != null) {
                    return wrong;
                }
            }
            update(model, op, page);
        }
        return checkTouched(tables, model, op.va(), length, page);
    }

    static String expectedRefusal(ModelOp op, ReferenceModel model, long page) {
        for (long i = 0; i < op.pages(); i++) {
            long va = op.va() + i * page;
            PageState state = model.page(va).state();
            boolean allowed =
                    switch (op.kind()) {
                        case MAP, GUARD -> state == PageState.AVAILABLE;
                        case UNMAP -> state != PageState.AVAILABLE;
                        case PROTECT -> state == PageState.PRESENT;
                        default -> true;
                    };
            if (!allowed) {
                return Hex.of(va) + " is " + state;
            }
        }
        return null;
    }

    private static String checkReported(
            ReferenceModel model, ModelOp op, long page, List<long[]> reported) {
        long presentPages = 0;
        for (long i = 0; i < op.pages(); i++) {
            if (model.page(op.va() + i * page).state() == PageState.PRESENT) {
                presentPages++;
            }
        }
        long reportedPages = 0;
        for (long[] r : reported) {
            for (long offset = 0; offset < r[2]; offset += page) {
                ReferenceModel.Page expected = model.page(r[0] + offset);
                if (expected.state() != PageState.PRESENT || expected.pa() != r[1] + offset) {
                    return "the unmap callback reported "
                            + Hex.of(r[0] + offset)
                            + " -> "
                            + Hex.of(r[1] + offset)
                            + " but the model had "
                            + expected;
                }
                reportedPages++;
            }
        }
        if (reportedPages != presentPages) {
            return "the unmap callback reported "
                    + reportedPages
                    + " pages but "
                    + presentPages
                    + " were mapped";
        }
        return null;
    }

    static void update(ReferenceModel model, ModelOp op, long page) {
        for (long i = 0; i < op.pages(); i++) {
            long va = op.va() + i * page;
            switch (op.kind()) {
                case MAP ->
                        model.set(
                                va,
                                new ReferenceModel.Page(
                                        PageState.PRESENT, op.pa() + i * page, op.flags()));
                case GUARD -> model.set(va, new ReferenceModel.Page(PageState.GUARDED, -1, null));
                case UNMAP -> model.set(va, new ReferenceModel.Page(PageState.AVAILABLE, -1, null));
                case PROTECT -> {
                    ReferenceModel.Page old = model.page(va);
                    model.set(va, new ReferenceModel.Page(PageState.PRESENT, old.pa(), op.flags()));
                }
                default -> {}
            }
        }
    }

    /** The pages of the range plus one on either side, where they exist. */
    private static String checkTouched(
            TableHierarchy tables, ReferenceModel model, long va, long length, long page) {
        return checkTouched(
                tables.canonicalForm(),
                at -> checkPage(tables::translate, model, at, 0),
                va,
                length,
                page);
    }

    static String checkTouched(
            CanonicalForm form, LongFunction<String> check, long va, long length, long page) {
        for (long offset = -page; offset <= length; offset += page) {
            long at = va + offset;
            if (!form.isCanonical(at)
                    || (offset < 0 && form.linear(va) == 0)
                    || (offset == length && form.linear(at) < form.linear(va))) {
                continue;
            }
            String wrong = check.apply(at);
            if (wrong != null) {
                return wrong;
            }
        }
        return null;
    }

    static String checkPage(
            LongFunction<Translation> translate, ReferenceModel model, long pageVa, long offset) {
        ReferenceModel.Page expected = model.page(pageVa);
        Translation t;
        try {
            t = translate.apply(pageVa + offset);
        } catch (RuntimeException e) {
            return "translating " + Hex.of(pageVa + offset) + " threw " + e;
        }
        if (t.state() != expected.state()) {
            return Hex.of(pageVa + offset)
                    + " translates as "
                    + t
                    + " but the model says "
                    + expected.state();
        }
        if (expected.state() == PageState.PRESENT
                && (t.physicalAddress() != expected.pa() + offset
                        || !expected.flags().equals(t.flags()))) {
            return Hex.of(pageVa + offset)
                    + " translates as "
                    + t
                    + " but the model says "
                    + Hex.of(expected.pa() + offset)
                    + " with "
                    + expected.flags();
        }
        return null;
    }
}
