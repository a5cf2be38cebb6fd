package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.TranslationRoot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --format dot}: the tables as Graphviz, each physical table drawn once — a node naming the
 * table by the architecture's level name and address, with how many tables, leaves and guards it
 * holds and the ranges its leaves map — and an edge per parent–child pair, labelled with the entry
 * indices. A table reached again (a lower table shared by several entries, or a recursive slot
 * linking back into a table on its own walk path) gets an edge, never a second drawing: the walker
 * descends into it again as the hardware would, and what it reports under it is not drawn. A link
 * back into its own path is a dashed back edge.
 *
 * <p>Bounded: at most {@code maxTables} tables, {@value #RANGES_PER_TABLE} ranges per table and
 * {@value #INDICES_PER_EDGE} indices per edge are written, each with how many more there were.
 */
final class DotGraph implements TableWalker.Listener {
    static final int RANGES_PER_TABLE = 8;
    static final int INDICES_PER_EDGE = 4;
    private static final int NOT_SKIPPING = -1;

    /**
     * Leaves (or guards) contiguous in both address spaces with one leaf size, as one line of a
     * table's label.
     */
    private static final class Run {
        final long first;
        long last;
        final long physical;
        final long leafSize;
        final boolean guard;
        long count = 1;

        Run(long first, long size, long physical, boolean guard) {
            this.first = first;
            this.last = first + size - 1;
            this.physical = physical;
            this.leafSize = size;
            this.guard = guard;
        }

        boolean extendedBy(long va, long size, long pa, boolean isGuard) {
            if (isGuard != guard || size != leafSize || va != last + 1 || va == 0) {
                return false;
            }
            if (!guard && pa != physical + (va - first)) {
                return false;
            }
            last = va + size - 1;
            count++;
            return true;
        }

        String text() {
            String span = Numbers.hex(first) + ".." + Numbers.hex(last);
            String leaves = count + " x " + Hex.size(leafSize).replace(" ", "");
            return guard
                    ? span + " guard (" + leaves + ")"
                    : span + " -> " + Numbers.hex(physical) + " (" + leaves + ")";
        }
    }

    private static final class Node {
        final String id;
        final String title;
        int tables;
        int linksBack;
        int leaves;
        int guards;
        final List<Run> runs = new ArrayList<>();
        int runsLeftOut;

        Node(String id, String title) {
            this.id = id;
            this.title = title;
        }

        void add(long va, long size, long pa, boolean guard) {
            if (!runs.isEmpty()
                    && runsLeftOut == 0
                    && runs.get(runs.size() - 1).extendedBy(va, size, pa, guard)) {
                return;
            }
            if (runs.size() < RANGES_PER_TABLE) {
                runs.add(new Run(va, size, pa, guard));
            } else {
                runsLeftOut++;
            }
        }
    }

    private static final class Edge {
        final Node from;
        final Node to;
        final boolean back;
        final List<Integer> indices = new ArrayList<>();
        int count;

        Edge(Node from, Node to, boolean back) {
            this.from = from;
            this.to = to;
            this.back = back;
        }
    }

    private final int maxTables;
    private final Map<Long, Node> nodes = new HashMap<>();
    private final List<Node> order = new ArrayList<>();
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private final List<String> roots = new ArrayList<>();
    private TranslationRoot root;
    private int rootIndex;
    // the drawn table at each level of the walk's current path (null: not drawn, or drawn before)
    private Node[] path = new Node[0];
    // the level of a table reached again: what the walk reports under it is already drawn
    private int skippingFrom = NOT_SKIPPING;
    private boolean cut;

    DotGraph(int maxTables) {
        this.maxTables = maxTables;
    }

    @Override
    public void root(int index, TranslationRoot translationRoot, long register, long table) {
        this.root = translationRoot;
        this.rootIndex = index;
        this.path = new Node[translationRoot.geometry().levelCount()];
        this.skippingFrom = NOT_SKIPPING;
        roots.add(
                "  r"
                        + index
                        + " [shape=plaintext, label=\""
                        + translationRoot.registerName()
                        + " = "
                        + Numbers.hex(register)
                        + "\"];");
    }

    @Override
    public void table(
            int index, int level, long table, long parentTable, int parentIndex, long linearBase) {
        if (skipping(level, true)) {
            return;
        }
        Node parent = level > 0 ? path[level - 1] : null;
        Node node = nodes.get(table);
        if (node != null) {
            boolean back = onPath(node, level);
            link(parent, node, parentIndex, back);
            path[level] = null;
            skippingFrom = level;
            return;
        }
        if (order.size() >= maxTables) {
            cut = true;
            if (parent != null) {
                parent.tables++;
            }
            path[level] = null;
            skippingFrom = level;
            return;
        }
        node =
                new Node(
                        "t" + Long.toHexString(table),
                        root.geometry().level(level).name() + " @ " + Numbers.hex16(table));
        nodes.put(table, node);
        order.add(node);
        path[level] = node;
        link(parent, node, parentIndex, false);
    }

    /** An edge from the parent table (or, at level 0, from the root register) to a table. */
    private void link(Node parent, Node child, int parentIndex, boolean back) {
        if (parent == null) {
            if (parentIndex < 0) {
                roots.add("  r" + rootIndex + " -> " + child.id + ";");
            }
            return;
        }
        if (back) {
            parent.linksBack++;
        } else {
            parent.tables++;
        }
        Edge edge =
                edges.computeIfAbsent(
                        parent.id + " " + child.id, k -> new Edge(parent, child, back));
        if (edge.indices.size() < INDICES_PER_EDGE) {
            edge.indices.add(parentIndex);
        }
        edge.count++;
    }

    private boolean onPath(Node node, int level) {
        for (int l = 0; l < level; l++) {
            if (path[l] == node) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for what the walk reports under a table not drawn again; the first report above it ends
     * the skip.
     */
    private boolean skipping(int level, boolean isTable) {
        if (skippingFrom == NOT_SKIPPING) {
            return false;
        }
        if (isTable ? level > skippingFrom : level >= skippingFrom) {
            return true;
        }
        skippingFrom = NOT_SKIPPING;
        return false;
    }

    @Override
    public void leaf(
            int index,
            int level,
            long virtualAddress,
            long size,
            long physicalAddress,
            long raw,
            MappingFlags effective) {
        if (skipping(level, false) || path[level] == null) {
            return;
        }
        path[level].leaves++;
        path[level].add(virtualAddress, size, physicalAddress, false);
    }

    @Override
    public void guard(int index, int level, long virtualAddress, long size, long raw) {
        if (skipping(level, false) || path[level] == null) {
            return;
        }
        path[level].guards++;
        path[level].add(virtualAddress, size, 0, true);
    }

    boolean isCut() {
        return cut;
    }

    int tablesDrawn() {
        return order.size();
    }

    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The graph as dot text, or rendered to SVG by {@code graphviz} when one is given. */
    void print(PrintWriter out, Graphviz graphviz) {
        if (graphviz == null) {
            print(out);
            return;
        }
        StringWriter text = new StringWriter();
        try (PrintWriter dot = new PrintWriter(text)) {
            print(dot);
        }
        graphviz.svg(text.toString(), out);
    }

    void print(PrintWriter out) {
        out.println("digraph pagetables {");
        out.println("  rankdir=LR;");
        out.println("  node [shape=box, fontname=\"monospace\"];");
        for (String line : roots) {
            out.println(line);
        }
        for (Node node : order) {
            StringBuilder label = new StringBuilder(node.title).append("\\l");
            label.append(count(node.tables, "table", "tables"))
                    .append(", ")
                    .append(count(node.leaves, "leaf", "leaves"))
                    .append(", ")
                    .append(count(node.guards, "guard", "guards"));
            if (node.linksBack > 0) {
                label.append(", ").append(count(node.linksBack, "link back", "links back"));
            }
            label.append("\\l");
            for (Run run : node.runs) {
                label.append(run.text()).append("\\l");
            }
            if (node.runsLeftOut > 0) {
                label.append("... ")
                        .append(count(node.runsLeftOut, "more range", "more ranges"))
                        .append("\\l");
            }
            out.println("  " + node.id + " [label=\"" + label + "\"];");
        }
        for (Edge edge : edges.values()) {
            StringBuilder label = new StringBuilder();
            for (int i : edge.indices) {
                label.append(label.length() == 0 ? "" : ",").append(i);
            }
            if (edge.count > edge.indices.size()) {
                label.append(" +").append(edge.count - edge.indices.size()).append(" more");
            }
            String style = edge.back ? ", style=dashed, constraint=false" : "";
            out.println(
                    "  "
                            + edge.from.id
                            + " -> "
                            + edge.to.id
                            + " [label=\""
                            + label
                            + "\""
                            + style
                            + "];");
        }
        if (cut) {
            out.println(
                    "  // cut short: only the first "
                            + maxTables
                            + " tables are drawn (raise --max-tables)");
        }
        out.println("}");
    }
}
