package io.pagoda.paging.table;

/**
 * A handle on one table while an operation uses it (the seed's {@code SmartHierarchicalTable}). Closing it
 * undoes whatever made the table reachable, such as a temporary mapping.
 */
public interface TableView extends AutoCloseable {

    long physicalAddress();

    long read(int index);

    void write(int index, long raw);

    @Override
    void close();
}
