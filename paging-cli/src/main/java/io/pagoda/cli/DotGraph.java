package io.pagoda.cli;

import io.pagoda.paging.spi.TranslationRoot;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --format dot}: the table tree as Graphviz — a node per table (level, name, address, and how many
 * tables, leaves and guards it holds), an edge per table entry labelled with its index. At most
 * {@code maxTables} tables are drawn, so a huge or hostile image still gives a graph one can render.
 */
final class DotGraph implements TableWalker.Listener {
    private static final class Node {
        final String id;
        final String label;
        int tables;
        int leaves;
        int guards;

        Node(String id, String label) {
            this.id = id;
            this.label = label;
        }
    }

    private final int maxTables;
    private final Map<String, Node> nodes = new HashMap<>();
    private final List<Node> order = new ArrayList<>();
    private final List<String> edges = new ArrayList<>();
    private final List<String> roots = new ArrayList<>();
    private TranslationRoot root;
    private Node[] current = new Node[0];
    private boolean cut;

    DotGraph(int maxTables) {
        this.maxTables = maxTables;
    }

    @Override
    public void root(int rootIndex, TranslationRoot translationRoot, long register, long table) {
        this.root = translationRoot;
        this.current = new Node[translationRoot.geometry().levelCount()];
        roots.add("  r" + rootIndex + " [shape=plaintext, label=\"" + translationRoot.registerName() + " = " + Numbers.hex(register) + "\"];");
        roots.add("  r" + rootIndex + " -> " + nodeId(0, table) + ";");
    }

    private static String nodeId(int level, long table) {
        return "t" + level + "_" + Long.toHexString(table);
    }

    @Override
    public void table(int rootIndex, int level, long table, long parentTable, int parentIndex, long linearBase) {
        String id = nodeId(level, table);
        Node node = nodes.get(id);
        if (node == null) {
            if (order.size() >= maxTables) {
                cut = true;
                current[level] = null;
                if (level > 0 && current[level - 1] != null) {
                    current[level - 1].tables++;
                }
                return;
            }
            node = new Node(id, "L" + level + " " + root.geometry().level(level).name() + " @ " + Numbers.hex16(table));
            nodes.put(id, node);
            order.add(node);
        }
        current[level] = node;
        if (level > 0 && current[level - 1] != null) {
            current[level - 1].tables++;
            edges.add("  " + current[level - 1].id + " -> " + id + " [label=\"" + parentIndex + "\"];");
        }
    }

    @Override
    public void leaf(int rootIndex, int level, long virtualAddress, long size, long physicalAddress, long raw,
                     io.pagoda.paging.MappingFlags effective) {
        if (current[level] != null) {
            current[level].leaves++;
        }
    }

    @Override
    public void guard(int rootIndex, int level, long virtualAddress, long size, long raw) {
        if (current[level] != null) {
            current[level].guards++;
        }
    }

    boolean isCut() {
        return cut;
    }

    void print(PrintWriter out) {
        out.println("digraph pagetables {");
        out.println("  rankdir=LR;");
        out.println("  node [shape=box, fontname=\"monospace\"];");
        for (String line : roots) {
            out.println(line);
        }
        for (Node node : order) {
            out.println("  " + node.id + " [label=\"" + node.label + "\\n" + node.tables + " tables, " + node.leaves
                    + " leaves, " + node.guards + " guards\"];");
        }
        for (String edge : edges) {
            out.println(edge);
        }
        if (cut) {
            out.println("  // cut short: only the first " + maxTables + " tables are drawn (raise --max-tables)");
        }
        out.println("}");
    }
}
