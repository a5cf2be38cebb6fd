package io.pagoda.cli;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.TranslationRoot;
import java.io.PrintWriter;

/**
 * The table tree as indented text: each table under the entry that links it, and the first few
 * leaves and guards of each table with the format's own one-line {@code describe()} of the raw
 * entry (so bit names stay in the architecture module); the rest of a table's entries are counted,
 * not listed.
 */
final class TreeText implements TableWalker.Listener {
    private final PrintWriter out;
    private final int entriesPerTable;
    private TranslationRoot root;
    private int[] shown = new int[0];
    private int[] hidden = new int[0];

    TreeText(PrintWriter out, int entriesPerTable) {
        this.out = out;
        this.entriesPerTable = entriesPerTable;
    }

    @Override
    public void root(int rootIndex, TranslationRoot translationRoot, long register, long table) {
        finish();
        this.root = translationRoot;
        int levels = translationRoot.geometry().levelCount();
        shown = new int[levels];
        hidden = new int[levels];
        out.println(translationRoot.registerName() + " = " + Numbers.hex(register));
    }

    @Override
    public void table(
            int rootIndex,
            int level,
            long table,
            long parentTable,
            int parentIndex,
            long linearBase) {
        flushHidden(level);
        String index = parentIndex < 0 ? "" : "[" + parentIndex + "] ";
        out.println(
                "  ".repeat(level + 1)
                        + index
                        + root.geometry().level(level).name()
                        + " table @ "
                        + Numbers.hex16(table));
    }

    @Override
    public void leaf(
            int rootIndex,
            int level,
            long virtualAddress,
            long size,
            long physicalAddress,
            long raw,
            MappingFlags effective) {
        entry(level, virtualAddress, raw);
    }

    @Override
    public void guard(int rootIndex, int level, long virtualAddress, long size, long raw) {
        entry(level, virtualAddress, raw);
    }

    /**
     * Prints the count of entries left out of the tables still open; call once the walk is done.
     */
    void finish() {
        flushHidden(0);
    }

    private void entry(int level, long virtualAddress, long raw) {
        // a leaf or guard after a child table of the same table: the child's hidden count comes
        // first
        flushHidden(level + 1);
        if (shown[level]++ < entriesPerTable) {
            out.println(
                    "  ".repeat(level + 2)
                            + Numbers.hex16(virtualAddress)
                            + "  "
                            + root.format().describe(level, raw));
        } else {
            hidden[level]++;
        }
    }

    /** Closes the entry lists of tables at {@code level} and below (a new table starts there). */
    private void flushHidden(int level) {
        for (int l = hidden.length - 1; l >= level; l--) {
            if (hidden[l] > 0) {
                out.println("  ".repeat(l + 2) + "... and " + hidden[l] + " more entries");
            }
            hidden[l] = 0;
            shown[l] = 0;
        }
    }
}
