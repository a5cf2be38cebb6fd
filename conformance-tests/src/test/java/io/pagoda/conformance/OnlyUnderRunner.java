package io.pagoda.conformance;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the deliberately broken variants out of a plain build (even one selecting tests by
 * pattern): they run only under {@link ConformanceRunner}.
 */
final class OnlyUnderRunner implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(ConformanceRunner.RUN_PARAMETER).isPresent()
                ? ConditionEvaluationResult.enabled("run by ConformanceRunner")
                : ConditionEvaluationResult.disabled(
                        "a deliberately broken variant: BrokenVariantsCaughtTest runs it through ConformanceRunner");
    }
}
