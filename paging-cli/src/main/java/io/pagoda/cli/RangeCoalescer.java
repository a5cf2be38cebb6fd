package io.pagoda.cli;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the walk's leaves and guards into {@link MappedRange}s, passing each on once it can grow no
 * more.
 */
final class RangeCoalescer implements TableWalker.Listener {
    private final Consumer<MappedRange> sink;
    private final List<String> registers = new ArrayList<>();
    private MappedRange open;

    RangeCoalescer(Consumer<MappedRange> sink) {
        this.sink = sink;
    }

    @Override
    public void root(int rootIndex, TranslationRoot root, long register, long table) {
        flush();
        registers.add(root.registerName());
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
        add(
                new MappedRange(
                        registers.get(rootIndex),
                        virtualAddress,
                        size,
                        false,
                        physicalAddress,
                        effective,
                        size,
                        level));
    }

    @Override
    public void guard(int rootIndex, int level, long virtualAddress, long size, long raw) {
        add(
                new MappedRange(
                        registers.get(rootIndex),
                        virtualAddress,
                        size,
                        true,
                        -1,
                        null,
                        size,
                        level));
    }

    private void add(MappedRange next) {
        if (open != null && open.continuedBy(next)) {
            open = open.extendedBy(next.length());
            return;
        }
        flush();
        open = next;
    }

    /** Passes on the range still open; call at the end of the walk, or when it is cut short. */
    void flush() {
        if (open != null) {
            sink.accept(open);
            open = null;
        }
    }
}
