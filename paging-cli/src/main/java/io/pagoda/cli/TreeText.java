package io.pagoda.cli;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.TranslationRoot;
import java.io.PrintWriter;

/**
 * The table tree as indented text: each table under the entry that links it, each leaf and guard with the
 * format's own one-line {@code describe()} of its raw entry (so bit names stay in the architecture module).
 */
final class TreeText implements TableWalker.Listener {
    private final PrintWriter out;
    private TranslationRoot root;

    TreeText(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void root(int rootIndex, TranslationRoot translationRoot, long register, long table) {
        this.root = translationRoot;
        out.println(translationRoot.registerName() + " = " + Numbers.hex(register));
    }

    @Override
    public void table(int rootIndex, int level, long table, long parentTable, int parentIndex, long linearBase) {
        String index = parentIndex < 0 ? "" : "[" + parentIndex + "] ";
        out.println("  ".repeat(level + 1) + index + root.geometry().level(level).name() + " table @ " + Numbers.hex16(table));
    }

    @Override
    public void leaf(int rootIndex, int level, long virtualAddress, long size, long physicalAddress, long raw, MappingFlags effective) {
        entry(level, virtualAddress, raw);
    }

    @Override
    public void guard(int rootIndex, int level, long virtualAddress, long size, long raw) {
        entry(level, virtualAddress, raw);
    }

    private void entry(int level, long virtualAddress, long raw) {
        out.println("  ".repeat(level + 2) + Numbers.hex16(virtualAddress) + "  " + root.format().describe(level, raw));
    }
}
