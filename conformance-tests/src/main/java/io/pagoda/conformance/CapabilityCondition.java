package io.pagoda.conformance;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a contract test only where the variant has what the test {@link Requires}; elsewhere the
 * test is disabled with a reason starting {@link #NOT_APPLICABLE}, which {@link
 * ConformanceReportExtension} records as {@code n/a}. Contracts never skip silently (a {@code
 * return} in a test counts as a pass).
 */
public final class CapabilityCondition implements ExecutionCondition {
    /** The prefix of the disabled reason that marks a test as not applicable to the variant. */
    public static final String NOT_APPLICABLE = "n/a: ";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Method> method = context.getTestMethod();
        Optional<Object> instance = context.getTestInstance();
        if (method.isEmpty()
                || instance.isEmpty()
                || !(instance.get() instanceof ConformanceSubject subject)) {
            return ConditionEvaluationResult.enabled("not a contract test");
        }
        List<Capability> missing = missing(method.get(), subject.capabilities());
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("the variant has what the test needs");
        }
        List<String> labels = new ArrayList<>();
        missing.forEach(c -> labels.add(c.label()));
        return ConditionEvaluationResult.disabled(
                NOT_APPLICABLE + "needs " + String.join(", ", labels));
    }

    /**
     * The capabilities {@code method} (or its contract interface) requires that {@code has} lacks.
     */
    static List<Capability> missing(Method method, Set<Capability> has) {
        List<Capability> missing = new ArrayList<>();
        for (Requires requires : List.of(method.getAnnotationsByType(Requires.class))) {
            addMissing(requires, has, missing);
        }
        Requires onType = method.getDeclaringClass().getAnnotation(Requires.class);
        if (onType != null) {
            addMissing(onType, has, missing);
        }
        return missing;
    }

    private static void addMissing(
            Requires requires, Set<Capability> has, List<Capability> missing) {
        for (Capability capability : requires.value()) {
            if (!has.contains(capability) && !missing.contains(capability)) {
                missing.add(capability);
            }
        }
    }
}
