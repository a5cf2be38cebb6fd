package io.pagoda.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.pagoda.paging.registry.Architectures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the kit through the JUnit Platform Launcher and returns the matrix: for chosen variant names
 * or every variant found (third-party jars added to the class path included), or for given author
 * test classes.
 *
 * <pre>{@code
 * ConformanceMatrix matrix = new ConformanceRunner()
 *         .variants("x86_64", "i386-pae")
 *         .classPath(List.of(Path.of("plugins/arch-riscv.jar")))
 *         .reportDirectory(Path.of("build/conformance"))
 *         .run();
 * }</pre>
 *
 * One run at a time per JVM (runs are serialised).
 */
public final class ConformanceRunner {
    /** Configuration parameter naming a run, so nested runs keep their results apart. */
    public static final String RUN_PARAMETER = "pagoda.conformance.run";

    /**
     * Configuration parameter: where the build's listener writes the matrix (default
     * target/conformance).
     */
    public static final String REPORT_DIRECTORY_PARAMETER = "pagoda.conformance.report.dir";

    private static final Object LOCK = new Object();
    private static volatile List<String> selection;

    private final List<String> variants = new ArrayList<>();
    private final List<Path> classPath = new ArrayList<>();
    private final List<Class<?>> testClasses = new ArrayList<>();
    private Path reportDirectory;
    private ConformanceProgress progress;

    /**
     * Runs only these variants (names or aliases); none given means every variant found.
     *
     * @param names variant names or aliases
     * @return this runner
     */
    public ConformanceRunner variants(Collection<String> names) {
        variants.addAll(names);
        return this;
    }

    /**
     * Runs only these variants (names or aliases); none given means every variant found.
     *
     * @param names variant names or aliases
     * @return this runner
     */
    public ConformanceRunner variants(String... names) {
        return variants(List.of(names));
    }

    /**
     * Jars or directories with more architecture modules, searched for providers too.
     *
     * @param entries jars or class directories
     * @return this runner
     */
    public ConformanceRunner classPath(Collection<Path> entries) {
        classPath.addAll(entries);
        return this;
    }

    /**
     * Where to write matrix.md and matrix.json; not written when unset.
     *
     * @param directory the directory, created when missing
     * @return this runner
     */
    public ConformanceRunner reportDirectory(Path directory) {
        this.reportDirectory = directory;
        return this;
    }

    /**
     * Tells {@code listener} of each test's outcome as the run goes (for a progress display).
     *
     * @param listener told of each outcome
     * @return this runner
     */
    public ConformanceRunner progress(ConformanceProgress listener) {
        this.progress = listener;
        return this;
    }

    /**
     * Runs these test classes (authors' {@link ArchitectureConformance} classes) instead of every
     * variant found.
     *
     * @param classes test classes implementing {@link ArchitectureConformance}
     * @return this runner
     */
    public ConformanceRunner testClasses(Class<?>... classes) {
        testClasses.addAll(List.of(classes));
        return this;
    }

    /** The variant names a running {@link ConformanceRunner} selected, or null for all. */
    static List<String> currentSelection() {
        return selection;
    }

    /**
     * Runs the kit and returns its matrix (also written to the report directory when one was set).
     *
     * @throws io.pagoda.paging.error.UnknownArchitectureException when a chosen name matches no
     *     variant found
     * @return the matrix of every variant and area run
     */
    public ConformanceMatrix run() {
        synchronized (LOCK) {
            String run = "runner-" + UUID.randomUUID();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            List<String> previousSelection = selection;
            URLClassLoader plugins =
                    classPath.isEmpty()
                            ? null
                            : new URLClassLoader(urls(), ConformanceRunner.class.getClassLoader());
            // closed after the run (a null loader is skipped); a failure to close never hides the
            // run's own failure
            try (plugins) {
                if (plugins != null) {
                    thread.setContextClassLoader(plugins);
                }
                // an unknown name fails here, naming every known variant, before anything runs
                Architectures known = Architectures.discover(thread.getContextClassLoader());
                for (String name : variants) {
                    known.get(name);
                }
                selection = variants.isEmpty() ? null : List.copyOf(variants);
                List<DiscoverySelector> selectors = new ArrayList<>();
                if (testClasses.isEmpty()) {
                    selectors.add(selectClass(EveryArchitectureConformance.class));
                } else {
                    for (Class<?> type : testClasses) {
                        selectors.add(selectClass(type));
                    }
                }
                LauncherDiscoveryRequest request =
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(selectors)
                                .configurationParameter(RUN_PARAMETER, run)
                                .build();
                if (progress != null) {
                    MatrixCollector.of(run).progress(progress);
                }
                Launcher launcher = LauncherFactory.create();
                launcher.execute(request, new ContainerFailures(run));
                ConformanceMatrix matrix = MatrixCollector.remove(run).matrix();
                if (reportDirectory != null) {
                    matrix.write(reportDirectory);
                }
                return matrix;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                selection = previousSelection;
                thread.setContextClassLoader(previous);
            }
        }
    }

    /**
     * Failures outside any test (a class that cannot be built, a broken parameter source) count as
     * area "other".
     */
    private static final class ContainerFailures
            implements org.junit.platform.launcher.TestExecutionListener {
        private final String run;

        ContainerFailures(String run) {
            this.run = run;
        }

        @Override
        public void executionFinished(
                org.junit.platform.launcher.TestIdentifier identifier,
                org.junit.platform.engine.TestExecutionResult result) {
            if (identifier.isContainer()
                    && result.getStatus()
                            == org.junit.platform.engine.TestExecutionResult.Status.FAILED) {
                String why = result.getThrowable().map(Throwable::toString).orElse("failed");
                MatrixCollector.of(run)
                        .record(
                                identifier.getDisplayName(),
                                "other",
                                MatrixCollector.Outcome.FAILED,
                                "container " + identifier.getDisplayName() + ": " + why);
            }
        }
    }

    private URL[] urls() {
        URL[] urls = new URL[classPath.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = classPath.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(
                        "cannot use " + classPath.get(i) + " as a class-path entry", e);
            }
        }
        return urls;
    }
}
