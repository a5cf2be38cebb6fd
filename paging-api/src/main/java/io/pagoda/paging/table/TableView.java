package io.pagoda.paging.table;

/**
 * A handle on one table while an operation uses it (the seed's {@code SmartHierarchicalTable}).
 * Closing it undoes whatever made the table reachable, such as a temporary mapping.
 */
public interface TableView extends AutoCloseable {

    /**
     * Which table this view shows.
     *
     * @return the table's physical address
     */
    long physicalAddress();

    /**
     * Reads one entry.
     *
     * @param index the entry's index in the table, from 0
     * @return the entry's raw value (a 4-byte entry zero-extended)
     */
    long read(int index);

    /**
     * Writes one entry.
     *
     * @param index the entry's index in the table, from 0
     * @param raw the raw value to store (a 4-byte entry takes the low 32 bits)
     */
    void write(int index, long raw);

    /**
     * Writes {@code raw} into entries {@code [from, to)}: how new tables are filled in one go.
     *
     * @param from the first index written
     * @param to the index past the last one written
     * @param raw the raw value stored in each entry
     */
    default void fill(int from, int to, long raw) {
        for (int i = from; i < to; i++) {
            write(i, raw);
        }
    }

    @Override
    void close();
}
