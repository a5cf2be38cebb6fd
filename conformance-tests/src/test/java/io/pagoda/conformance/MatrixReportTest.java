package io.pagoda.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix as data, Markdown and JSON, and the runner writing it where asked. */
class MatrixReportTest {

    @Test
    void rendersCountsAndFailures() {
        ConformanceMatrix matrix = new ConformanceMatrix(List.of(
                new ConformanceMatrix.Cell("b-arch", "map", 4, 4, 0, 0, List.of()),
                new ConformanceMatrix.Cell("a-arch", "map", 4, 3, 1, 0, List.of("mapsBlocks: expected \"x\"\nnext line")),
                new ConformanceMatrix.Cell("a-arch", "encoding", 6, 6, 0, 0, List.of())));
        assertEquals(List.of("a-arch", "b-arch"), matrix.variants());
        assertEquals(List.of("encoding", "map"), matrix.areas());
        assertEquals(List.of("map"), matrix.failingAreas("a-arch"));
        assertFalse(matrix.allPassed());
        assertEquals(14, matrix.totalRun());
        String markdown = matrix.toMarkdown();
        assertTrue(markdown.contains("| a-arch | 6/6 | **1 failed** 3/4 |"), markdown);
        String json = matrix.toJson();
        assertTrue(json.contains("\"failures\": [\"mapsBlocks: expected \\\"x\\\"\\nnext line\"]"), json);
        assertTrue(json.contains("\"allPassed\": false"), json);
    }

    @Test
    void theRunnerWritesTheReportForChosenVariants(@TempDir Path directory) throws IOException {
        ConformanceMatrix matrix = new ConformanceRunner().variants("kit-toy-split").reportDirectory(directory).run();
        assertTrue(matrix.allPassed(), matrix::toMarkdown);
        assertEquals(ConformanceMatrix.AREAS.subList(0, 15), matrix.areas());
        assertTrue(Files.readString(directory.resolve("matrix.md")).contains("| kit-toy-split |"));
        assertTrue(Files.readString(directory.resolve("matrix.json")).contains("\"allPassed\": true"));
    }
}
