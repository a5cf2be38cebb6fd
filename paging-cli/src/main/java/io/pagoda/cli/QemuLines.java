package io.pagoda.cli;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.image.TlbLineFormat;
import io.pagoda.paging.spi.Architecture;
import java.io.PrintWriter;
import java.util.ServiceLoader;

/**
 * {@code --format qemu}: one line per present leaf in QEMU's {@code info tlb} text, from the {@link
 * TlbLineFormat} the architecture's module provides (the CLI knows no entry bits itself).
 */
final class QemuLines implements TableWalker.Listener {
    private final PrintWriter out;
    private final Architecture architecture;
    private final TlbLineFormat format;

    QemuLines(PrintWriter out, Architecture architecture) {
        this.out = out;
        this.architecture = architecture;
        this.format = lookup(architecture);
    }

    static TlbLineFormat lookup(Architecture architecture) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ServiceLoader<TlbLineFormat> formats =
                QemuLines.class.getModule().isNamed()
                        ? ServiceLoader.load(TlbLineFormat.class)
                        : ServiceLoader.load(TlbLineFormat.class, loader);
        for (TlbLineFormat format : formats) {
            if (format.supports(architecture.name())) {
                return format;
            }
        }
        throw new UserError(
                "no QEMU 'info tlb' line format is registered for "
                        + architecture.name()
                        + " (an architecture module provides io.pagoda.paging.image.TlbLineFormat); use --format ranges or json");
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
        out.println(format.line(architecture, rootIndex, level, virtualAddress, raw));
    }
}
