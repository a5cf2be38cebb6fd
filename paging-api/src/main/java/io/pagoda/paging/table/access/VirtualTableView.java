package io.pagoda.paging.table.access;

import io.pagoda.paging.table.RangeCursor;
import io.pagoda.paging.table.TableView;

/**
 * A table read and written at a virtual address through the simulated CPU (and so through its TLB),
 * as a kernel with paging on reaches its tables. Subclasses decide the address and what closing
 * undoes.
 */
class VirtualTableView implements TableView {
    final PagedMemory cpu;
    private final RangeCursor cursor;
    private final int level;
    private final boolean eightBytes;
    long physical;
    long virtual;

    VirtualTableView(PagedMemory cpu, RangeCursor cursor, int level) {
        this.cpu = cpu;
        this.cursor = cursor;
        this.level = level;
        this.eightBytes = cursor.entrySize(level) == 8;
    }

    VirtualTableView at(long tablePhysicalAddress, long tableVirtualAddress) {
        this.physical = tablePhysicalAddress;
        this.virtual = tableVirtualAddress;
        return this;
    }

    @Override
    public long physicalAddress() {
        return physical;
    }

    /** Where the CPU sees the table. */
    public long virtualAddress() {
        return virtual;
    }

    @Override
    public long read(int index) {
        long at = virtual + cursor.entryOffset(level, index);
        return eightBytes ? cpu.readLong(at) : Integer.toUnsignedLong(cpu.readInt(at));
    }

    @Override
    public void write(int index, long raw) {
        long at = virtual + cursor.entryOffset(level, index);
        if (eightBytes) {
            cpu.writeLong(at, raw);
        } else {
            cpu.writeInt(at, (int) raw);
        }
    }

    @Override
    public void close() {
        // nothing to undo for a permanent window
    }
}
