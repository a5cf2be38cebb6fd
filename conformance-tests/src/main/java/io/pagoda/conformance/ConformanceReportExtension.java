package io.pagoda.conformance;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Records each contract test's outcome under its variant and area, for the matrix. */
public final class ConformanceReportExtension implements TestWatcher {

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, MatrixCollector.Outcome.PASSED, null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        record(
                context,
                MatrixCollector.Outcome.FAILED,
                context.getRequiredTestMethod().getName() + ": " + message);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, MatrixCollector.Outcome.SKIPPED, null);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // a test the variant lacks a capability for is n/a in its row; any other disabled test
        // proves nothing and is left out
        if (reason.isPresent() && reason.get().startsWith(CapabilityCondition.NOT_APPLICABLE)) {
            record(
                    context,
                    MatrixCollector.Outcome.NOT_APPLICABLE,
                    context.getRequiredTestMethod().getName()
                            + ": "
                            + reason.get().substring(CapabilityCondition.NOT_APPLICABLE.length()));
        }
    }

    private static void record(
            ExtensionContext context, MatrixCollector.Outcome outcome, String detail) {
        String run =
                context.getConfigurationParameter(ConformanceRunner.RUN_PARAMETER)
                        .orElse(MatrixCollector.DEFAULT_RUN);
        MatrixCollector.of(run)
                .record(
                        variantOf(context),
                        areaOf(context.getRequiredTestMethod()),
                        outcome,
                        detail);
    }

    private static String variantOf(ExtensionContext context) {
        Object instance = context.getTestInstance().orElse(null);
        if (instance instanceof ConformanceSubject subject) {
            try {
                return subject.architecture().name();
            } catch (RuntimeException e) {
                return subject.architectureName();
            }
        }
        return context.getRequiredTestClass().getSimpleName();
    }

    private static String areaOf(Method method) {
        ConformanceArea area = method.getDeclaringClass().getAnnotation(ConformanceArea.class);
        return area == null ? "other" : area.value();
    }
}
