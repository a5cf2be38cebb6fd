package io.pagoda.paging.table;

/**
 * A handle on one table while an operation uses it (the seed's {@code SmartHierarchicalTable}). Closing it
 * undoes whatever made the table reachable, such as a temporary mapping.
 */
public interface TableView extends AutoCloseable {

    long physicalAddress();

    long read(int index);

    void write(int index, long raw);

    /** Writes {@code raw} into entries {@code [from, to)}: how new tables are filled in one go. */
    default void fill(int from, int to, long raw) {
        for (int i = from; i < to; i++) {
            write(i, raw);
        }
    }

    @Override
    void close();
}
