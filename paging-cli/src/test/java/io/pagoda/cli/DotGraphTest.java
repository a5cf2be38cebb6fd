package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 5: {@code --format dot} draws each physical table once (a recursive slot as a back
 * edge), with its leaf ranges, the architecture's level names and the right singular and plural;
 * {@code --format svg} renders it with Graphviz. The images are written entry by entry here, so the
 * expected text is worked out from the entry layouts (the toy format's bits, documented on
 * ToyFormat; x86-64's from the SDM), not the walker.
 */
class DotGraphTest {
    @TempDir Path dir;

    /**
     * toy-cli (TOP 1 GiB, MID 2 MiB, LEAF 4 KiB entries) at base 0x100000: TOP 0x100000 links MID
     * 0x101000 (entry 0), MID 0x102000 (entry 5) and itself (entry 510, a recursive slot); both
     * MIDs link the one LEAF table 0x103000 (0x101000's entries 0 and 1, 0x102000's entry 0);
     * 0x101000 also holds two 2 MiB blocks at 0x40000000 and a guard; the LEAF table three
     * contiguous pages at 0x5000, a page at 0x9000 and a guard.
     */
    private Path toyImage() throws IOException {
        long table = 0x1F; // valid | table | w | x | u
        long page = 0x17; // valid | page | w | u
        long block = 0x05; // valid | w, no table bit: a block at the middle level
        long guard = 0x200;
        ByteBuffer b = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, 0x101000L | table);
        b.putLong(5 * 8, 0x102000L | table);
        b.putLong(510 * 8, 0x100000L | table);
        b.putLong(0x1000, 0x103000L | table);
        b.putLong(0x1000 + 8, 0x103000L | table);
        b.putLong(0x1000 + 2 * 8, 0x4000_0000L | block);
        b.putLong(0x1000 + 3 * 8, 0x4020_0000L | block);
        b.putLong(0x1000 + 4 * 8, guard);
        b.putLong(0x2000, 0x103000L | table);
        b.putLong(0x3000, 0x5000L | page);
        b.putLong(0x3000 + 8, 0x6000L | page);
        b.putLong(0x3000 + 2 * 8, 0x7000L | page);
        b.putLong(0x3000 + 3 * 8, 0x9000L | page);
        b.putLong(0x3000 + 10 * 8, guard);
        return Files.write(dir.resolve("toy.img"), b.array());
    }

    /**
     * x86-64, 4 levels at base 0: PML4 0x1000 (entry 510 links itself), PDPT 0x2000, PD 0x3000, PT
     * 0x4000, page 0x5000.
     */
    private Path x86RecursiveImage() throws IOException {
        long presentWritable = 0x3; // P | R/W (SDM vol. 3 table 4-15 .. 4-19)
        ByteBuffer b = ByteBuffer.allocate(0x6000).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0x1000, 0x2000L | presentWritable);
        b.putLong(0x1000 + 510 * 8, 0x1000L | presentWritable);
        b.putLong(0x2000, 0x3000L | presentWritable);
        b.putLong(0x3000, 0x4000L | presentWritable);
        b.putLong(0x4000, 0x5000L | presentWritable);
        return Files.write(dir.resolve("x86.img"), b.array());
    }

    private static List<String> nodeLabels(String dot) {
        List<String> labels = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  t[0-9a-f]+ \\[label=\"(.*)\"\\];$").matcher(dot);
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }

    @Test
    void eachTableIsDrawnOnceWithItsLeafRangesAndCounts() throws IOException {
        Cli cli =
                Cli.run(
                        "inspect",
                        "--arch",
                        "toy-cli",
                        "--root",
                        "0x100000",
                        "--base",
                        "0x100000",
                        "--format",
                        "dot",
                        toyImage().toString());
        assertEquals(0, cli.status(), cli.err());
        String out = cli.out();
        assertTrue(out.startsWith("digraph pagetables {\n") && out.endsWith("}\n"), out);
        // four physical tables, four nodes, in the order the walk first reaches them
        assertEquals(
                List.of(
                        "TOP @ 0x0000000000100000\\l2 tables, 0 leaves, 0 guards, 1 link back\\l",
                        "MID @ 0x0000000000101000\\l2 tables, 2 leaves, 1 guard\\l"
                                + "0x400000..0x7fffff -> 0x40000000 (2 x 2MiB)\\l0x800000..0x9fffff guard (1 x 2MiB)\\l",
                        "LEAF @ 0x0000000000103000\\l0 tables, 4 leaves, 1 guard\\l"
                                + "0x0..0x2fff -> 0x5000 (3 x 4KiB)\\l0x3000..0x3fff -> 0x9000 (1 x 4KiB)\\l0xa000..0xafff guard (1 x 4KiB)\\l",
                        "MID @ 0x0000000000102000\\l1 table, 0 leaves, 0 guards\\l"),
                nodeLabels(out));
        assertTrue(
                out.contains(
                        "  r0 [shape=plaintext, label=\"ROOT = 0x100000\"];\n  r0 -> t100000;\n"),
                out);
        assertTrue(out.contains("  t100000 -> t101000 [label=\"0\"];\n"), out);
        assertTrue(out.contains("  t100000 -> t102000 [label=\"5\"];\n"), out);
        assertTrue(
                out.contains(
                        "  t100000 -> t100000 [label=\"510\", style=dashed, constraint=false];\n"),
                out);
        // the shared LEAF table: one edge per parent, the indices that link it on the label
        assertTrue(out.contains("  t101000 -> t103000 [label=\"0,1\"];\n"), out);
        assertTrue(out.contains("  t102000 -> t103000 [label=\"0\"];\n"), out);
        assertEquals(
                5,
                out.lines().filter(l -> l.matches("  t[0-9a-f]+ -> t[0-9a-f]+ .*")).count(),
                out);
    }

    @Test
    void aRecursiveSlotIsABackEdgeNotFourMoreLevels() throws IOException {
        Cli cli =
                Cli.run(
                        "inspect",
                        "--arch",
                        "x86_64",
                        "--root",
                        "0x1000",
                        "--format",
                        "dot",
                        x86RecursiveImage().toString());
        assertEquals(0, cli.status(), cli.err());
        String out = cli.out();
        assertEquals(
                List.of(
                        "PML4 @ 0x0000000000001000\\l1 table, 0 leaves, 0 guards, 1 link back\\l",
                        "PDPT @ 0x0000000000002000\\l1 table, 0 leaves, 0 guards\\l",
                        "PD @ 0x0000000000003000\\l1 table, 0 leaves, 0 guards\\l",
                        "PT @ 0x0000000000004000\\l0 tables, 1 leaf, 0 guards\\l0x0..0xfff -> 0x5000 (1 x 4KiB)\\l"),
                nodeLabels(out));
        assertTrue(
                out.contains("  t1000 -> t1000 [label=\"510\", style=dashed, constraint=false];\n"),
                out);
        assertEquals(1, out.lines().filter(l -> l.contains("style=dashed")).count(), out);
    }

    @Test
    void rangesPerTableAreBounded() throws IOException {
        // a LEAF table of 20 pages none contiguous with the next: 8 ranges shown, then how many
        // more
        ByteBuffer b = ByteBuffer.allocate(3 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, 0x101000L | 0x1F);
        b.putLong(0x1000, 0x102000L | 0x1F);
        for (int i = 0; i < 20; i++) {
            b.putLong(0x2000 + i * 8, (0x10_0000L * (i + 1)) | 0x17);
        }
        Path image = Files.write(dir.resolve("scattered.img"), b.array());
        Cli cli =
                Cli.run(
                        "inspect",
                        "--arch",
                        "toy-cli",
                        "--root",
                        "0x100000",
                        "--base",
                        "0x100000",
                        "--format",
                        "dot",
                        image.toString());
        assertEquals(0, cli.status(), cli.err());
        String leaf = nodeLabels(cli.out()).get(2);
        assertTrue(
                leaf.startsWith(
                        "LEAF @ 0x0000000000102000\\l0 tables, 20 leaves, 0 guards\\l0x0..0xfff -> 0x100000 (1 x 4KiB)\\l"),
                leaf);
        assertEquals(DotGraph.RANGES_PER_TABLE, leaf.split(" -> ").length - 1, leaf);
        assertTrue(
                leaf.endsWith("0x7000..0x7fff -> 0x800000 (1 x 4KiB)\\l... 12 more ranges\\l"),
                leaf);
    }

    @Test
    void tablesDrawnAreBounded() throws IOException {
        Cli cli =
                Cli.run(
                        "inspect",
                        "--arch",
                        "toy-cli",
                        "--root",
                        "0x100000",
                        "--base",
                        "0x100000",
                        "--format",
                        "dot",
                        "--max-tables",
                        "2",
                        toyImage().toString());
        assertEquals(0, cli.status(), cli.err());
        assertEquals(2, nodeLabels(cli.out()).size(), cli.out());
        assertTrue(
                cli.out().contains("// cut short: only the first 2 tables are drawn"), cli.out());
        assertTrue(cli.err().contains("raise --max-tables"), cli.err());
    }

    @Test
    void svgIsRenderedByGraphviz() throws IOException {
        assumeTrue(onPath("dot"), "Graphviz's dot is not installed");
        Cli cli =
                Cli.run(
                        "inspect",
                        "--arch",
                        "x86_64",
                        "--root",
                        "0x1000",
                        "--format",
                        "svg",
                        x86RecursiveImage().toString());
        assertEquals(0, cli.status(), cli.err());
        assertTrue(cli.out().startsWith("<?xml"), cli.out());
        assertTrue(cli.out().contains("<svg") && cli.out().trim().endsWith("</svg>"), cli.out());
        // dot writes each label line as an SVG text element
        for (String level :
                List.of(
                        "PML4 @ 0x0000000000001000",
                        "PDPT @ 0x0000000000002000",
                        "PD @ 0x0000000000003000",
                        "PT @ 0x0000000000004000")) {
            assertTrue(cli.out().contains(">" + level + "</text>"), level + " in\n" + cli.out());
        }
    }

    /**
     * Without Graphviz: one line, exit 2, nothing on stdout; run in a JVM whose PATH is an empty
     * directory.
     */
    @Test
    void svgWithoutGraphvizIsOneLineAndExitTwo() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-path"));
        String classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder =
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        "io.pagoda.cli.Main",
                        "inspect",
                        "--arch",
                        "x86_64",
                        "--root",
                        "0x1000",
                        "--format",
                        "svg",
                        x86RecursiveImage().toString());
        builder.environment().put("PATH", empty.toString());
        Process process =
                builder.redirectOutput(dir.resolve("stdout").toFile())
                        .redirectError(dir.resolve("stderr").toFile())
                        .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish");
        String err = Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
        assertEquals(Main.USER_ERROR, process.exitValue(), err);
        assertEquals("", Files.readString(dir.resolve("stdout")));
        assertEquals(
                "pagoda: --format svg runs Graphviz's 'dot -Tsvg', but no 'dot' is on PATH; install Graphviz "
                        + "(Debian/Ubuntu: apt-get install graphviz), or write --format dot and render it elsewhere\n",
                err);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void singularAndPlural() {
        assertEquals("1 table", DotGraph.count(1, "table", "tables"));
        assertEquals("0 tables", DotGraph.count(0, "table", "tables"));
        assertEquals("2 leaves", DotGraph.count(2, "leaf", "leaves"));
        assertFalse(DotGraph.count(1, "leaf", "leaves").contains("leaves"));
    }
}
