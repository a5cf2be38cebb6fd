package io.pagoda.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reduces a failing sequence to a small one that still fails: removes chunks of steps, halving the
 * chunk size when nothing more can go (delta debugging), then makes each remaining step as short as
 * it can. Bounded by a time budget, so a slow reproduction still ends with the best sequence found.
 */
public final class Shrinker {
    private final Predicate<List<ModelOp>> fails;
    private final long deadline;

    /**
     * A shrinker for the failure {@code fails} detects.
     *
     * @param fails true for a sequence that still fails
     * @param budgetMillis the time the shrinker may take, in milliseconds
     */
    public Shrinker(Predicate<List<ModelOp>> fails, long budgetMillis) {
        this.fails = fails;
        this.deadline = System.currentTimeMillis() + budgetMillis;
    }

    /**
     * The shortest failing sequence found within the budget.
     *
     * @param failing a sequence that fails
     * @return a sequence that still fails, no longer than {@code failing}
     */
    public List<ModelOp> shrink(List<ModelOp> failing) {
        List<ModelOp> current = new ArrayList<>(failing);
        int chunks = 2;
        while (current.size() >= 2 && !outOfTime()) {
            int chunk = (current.size() + chunks - 1) / chunks;
            boolean removed = false;
            for (int start = 0; start < current.size() && !outOfTime(); start += chunk) {
                List<ModelOp> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(
                        current.subList(Math.min(current.size(), start + chunk), current.size()));
                if (!candidate.isEmpty() && fails.test(candidate)) {
                    current = candidate;
                    chunks = Math.max(2, chunks - 1);
                    removed = true;
                    break;
                }
            }
            if (!removed) {
                if (chunk == 1) {
                    break;
                }
                chunks = Math.min(current.size(), chunks * 2);
            }
        }
        for (int i = 0; i < current.size() && !outOfTime(); i++) {
            ModelOp op = current.get(i);
            for (long pages = 1; pages < op.pages(); pages = pages * 2) {
                List<ModelOp> candidate = new ArrayList<>(current);
                candidate.set(i, op.withPages(pages));
                if (fails.test(candidate)) {
                    current = candidate;
                    break;
                }
            }
        }
        return current;
    }

    private boolean outOfTime() {
        return System.currentTimeMillis() > deadline;
    }
}
