package io.pagoda.paging.mmu;

import io.pagoda.paging.table.TableView;

/**
 * A table read and written at a virtual address through the simulated CPU (and so through its TLB), as a
 * kernel with paging on reaches its tables. Subclasses decide the address and what closing undoes.
 */
class VirtualTableView implements TableView {
    final SimulatedCpu cpu;
    final int entrySize;
    long physical;
    long virtual;

    VirtualTableView(SimulatedCpu cpu, int entrySize) {
        this.cpu = cpu;
        this.entrySize = entrySize;
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
        return entrySize == 8 ? cpu.readLong(virtual + ((long) index << 3))
                : Integer.toUnsignedLong(cpu.readInt(virtual + ((long) index << 2)));
    }

    @Override
    public void write(int index, long raw) {
        if (entrySize == 8) {
            cpu.writeLong(virtual + ((long) index << 3), raw);
        } else {
            cpu.writeInt(virtual + ((long) index << 2), (int) raw);
        }
    }

    @Override
    public void close() {
        // nothing to undo for a permanent window
    }
}
