package io.pagoda.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.error.UnknownArchitectureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner finds architectures in class-path entries it is given (third-party modules), and only
 * there.
 */
class RunnerClassPathTest {

    @Test
    void runsAVariantFoundOnlyInAnAddedClassPathEntry(@TempDir Path plugins) throws IOException {
        Path services =
                plugins.resolve("META-INF/services/io.pagoda.paging.spi.ArchitectureProvider");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "io.pagoda.conformance.plugin.ExtraToyProvider\n");
        ConformanceMatrix matrix =
                new ConformanceRunner()
                        .variants("kit-toy-plugin")
                        .classPath(List.of(plugins))
                        .run();
        assertEquals(List.of("kit-toy-plugin"), matrix.variants());
        assertTrue(matrix.allPassed(), matrix::toMarkdown);
    }

    @Test
    void withoutTheEntryTheVariantIsUnknown() {
        UnknownArchitectureException e =
                assertThrows(
                        UnknownArchitectureException.class,
                        () -> new ConformanceRunner().variants("kit-toy-plugin").run());
        assertTrue(
                e.getMessage().contains("kit-toy-39"),
                () -> "the message must list the known variants: " + e.getMessage());
    }
}
