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
        ConformanceMatrix matrix =
                new ConformanceMatrix(
                        List.of(
                                new ConformanceMatrix.Cell("b-arch", "map", 4, 4, 0, 0, List.of()),
                                new ConformanceMatrix.Cell(
                                        "a-arch",
                                        "map",
                                        4,
                                        3,
                                        1,
                                        0,
                                        List.of("mapsBlocks: expected \"x\"\nnext line")),
                                new ConformanceMatrix.Cell(
                                        "a-arch", "encoding", 6, 6, 0, 0, List.of())));
        assertEquals(List.of("a-arch", "b-arch"), matrix.variants());
        assertEquals(List.of("encoding", "map"), matrix.areas());
        assertEquals(List.of("map"), matrix.failingAreas("a-arch"));
        assertFalse(matrix.allPassed());
        assertEquals(14, matrix.totalRun());
        String markdown = matrix.toMarkdown();
        assertTrue(markdown.contains("| a-arch | 6/6 | **1 failed** 3/4 |"), markdown);
        String json = matrix.toJson();
        assertTrue(
                json.contains("\"failures\": [\"mapsBlocks: expected \\\"x\\\"\\nnext line\"]"),
                json);
        assertTrue(json.contains("\"allPassed\": false"), json);
    }

    @Test
    void showsNotApplicableCellsAsNaNeverAsPasses() {
        ConformanceMatrix matrix =
                new ConformanceMatrix(
                        List.of(
                                new ConformanceMatrix.Cell(
                                        "a-arch",
                                        "map",
                                        3,
                                        3,
                                        0,
                                        0,
                                        1,
                                        List.of(),
                                        List.of("mapsBlocks: needs blocks")),
                                new ConformanceMatrix.Cell(
                                        "a-arch",
                                        "guard",
                                        0,
                                        0,
                                        0,
                                        0,
                                        2,
                                        List.of(),
                                        List.of("x: needs upper-levels", "y: needs upper-levels")),
                                new ConformanceMatrix.Cell(
                                        "b-arch", "guard", 2, 2, 0, 0, List.of())));
        assertEquals("n/a", matrix.cell("a-arch", "guard").text());
        assertEquals("n/a", matrix.cell("a-arch", "guard").status());
        assertEquals("3/3 +1 n/a", matrix.cell("a-arch", "map").text());
        assertEquals(3, matrix.totalNotApplicable());
        assertEquals(5, matrix.totalRun());
        String markdown = matrix.toMarkdown();
        assertTrue(markdown.contains("| a-arch | 3/3 +1 n/a | n/a |"), markdown);
        assertTrue(markdown.contains("- guard x: needs upper-levels: a-arch"), markdown);
        String json = matrix.toJson();
        assertTrue(json.contains("\"notApplicable\": 2, \"status\": \"n/a\""), json);
        assertTrue(json.contains("\"notApplicableTests\": [\"mapsBlocks: needs blocks\"]"), json);
    }

    @Test
    void theRunnerWritesTheReportForChosenVariants(@TempDir Path directory) throws IOException {
        ConformanceMatrix matrix =
                new ConformanceRunner().variants("kit-toy-split").reportDirectory(directory).run();
        assertTrue(matrix.allPassed(), matrix::toMarkdown);
        assertEquals(
                ConformanceMatrix.AREAS.subList(0, ConformanceMatrix.AREAS.indexOf("other")),
                matrix.areas());
        // kit-toy-split shares no kernel top-level entries: that test is n/a, not a pass
        ConformanceMatrix.Cell lifecycle = matrix.cell("kit-toy-split", "inactive-lifecycle");
        assertEquals(1, lifecycle.notApplicable(), lifecycle::toString);
        assertEquals(lifecycle.run(), lifecycle.passed());
        assertTrue(
                lifecycle.notApplicableTests().get(0).contains("needs shared-kernel-roots"),
                lifecycle::toString);
        assertTrue(matrix.toMarkdown().contains("+1 n/a"), matrix::toMarkdown);
        assertTrue(Files.readString(directory.resolve("matrix.md")).contains("| kit-toy-split |"));
        assertTrue(
                Files.readString(directory.resolve("matrix.json")).contains("\"allPassed\": true"));
    }
}
