package io.pagoda.conformance;

import java.nio.file.Path;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes {@code matrix.md} and {@code matrix.json} when a build's test run ends (registered through
 * META-INF/services, so every module that runs the kit gets its matrix). The directory is the
 * configuration parameter {@link ConformanceRunner#REPORT_DIRECTORY_PARAMETER}, by default {@code
 * target/conformance}. Runs started by {@link ConformanceRunner} write their own report.
 */
public final class MatrixReportListener implements TestExecutionListener {
    private String run = MatrixCollector.DEFAULT_RUN;
    private String directory = "target/conformance";

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        run =
                plan.getConfigurationParameters()
                        .get(ConformanceRunner.RUN_PARAMETER)
                        .orElse(MatrixCollector.DEFAULT_RUN);
        directory =
                plan.getConfigurationParameters()
                        .get(ConformanceRunner.REPORT_DIRECTORY_PARAMETER)
                        .orElse("target/conformance");
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!MatrixCollector.DEFAULT_RUN.equals(run)) {
            return;
        }
        ConformanceMatrix matrix = MatrixCollector.of(run).matrix();
        if (!matrix.isEmpty()) {
            matrix.write(Path.of(directory));
        }
    }
}
