package io.pagoda.conformance;

import io.pagoda.paging.Hex;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.table.Translation;
import java.util.function.Supplier;

/**
 * Small assertions shared by the contracts; messages name the variant, the address and what was
 * expected.
 */
final class Checks {
    private Checks() {}

    static void check(boolean condition, Supplier<String> message) {
        if (!condition) {
            throw new AssertionError(message.get());
        }
    }

    static void present(Translation t, long expectedPa, String context) {
        check(
                t.state() == PageState.PRESENT && t.physicalAddress() == expectedPa,
                () ->
                        context
                                + ": expected "
                                + Hex.of(t.virtualAddress())
                                + " -> "
                                + Hex.of(expectedPa)
                                + " but translate says "
                                + t);
    }

    static void state(Translation t, PageState expected, String context) {
        check(
                t.state() == expected,
                () ->
                        context
                                + ": expected "
                                + Hex.of(t.virtualAddress())
                                + " to be "
                                + expected
                                + " but translate says "
                                + t);
    }

    /**
     * Fails a test that checked nothing: a test that {@link Requires} a capability runs only where
     * the variant claims it, so finding no root to exercise means the claim is wrong, not that the
     * test passed.
     */
    static void exercised(int roots, Capability needed) {
        check(
                roots > 0,
                () ->
                        "the variant claims "
                                + needed.label()
                                + " but no root has it, so this test checked nothing;"
                                + " correct ConformanceSubject.capabilities()");
    }

    /**
     * Runs {@code action}, expecting it to throw {@code type} (a PagingException) and change
     * nothing.
     */
    static <E extends PagingException> E refused(
            PagingSystem system, Class<E> type, String what, Runnable action) {
        PagingSystem.Snapshot before = system.snapshot();
        try {
            action.run();
        } catch (PagingException e) {
            if (!type.isInstance(e)) {
                throw new AssertionError(
                        what + ": expected " + type.getSimpleName() + " but got " + e, e);
            }
            String difference = system.differenceFrom(before);
            check(
                    difference == null,
                    () -> what + " was refused but not all-or-nothing: " + difference);
            check(
                    e.getMessage() != null && !e.getMessage().isBlank(),
                    () -> what + ": the exception has no message");
            return type.cast(e);
        }
        throw new AssertionError(
                what + ": expected " + type.getSimpleName() + " but the operation succeeded");
    }
}
