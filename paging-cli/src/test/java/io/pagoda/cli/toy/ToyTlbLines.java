package io.pagoda.cli.toy;

import io.pagoda.paging.image.QemuTlbLines;
import io.pagoda.paging.image.TlbLineFormat;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.testlib.toy.ToyFormat;

/**
 * The QEMU-shaped line for {@code toy-cli}: the entry masked to its address bits, and the letters X
 * (executable), G (global), U (user), W (writable). Registered like an architecture module would.
 */
public final class ToyTlbLines implements TlbLineFormat {
    private static final long[] MASKS = {
        ToyFormat.EXECUTABLE, ToyFormat.GLOBAL, ToyFormat.USER, ToyFormat.WRITABLE
    };
    private static final char[] LETTERS = {'X', 'G', 'U', 'W'};

    @Override
    public boolean supports(String architectureName) {
        return architectureName.equals("toy-cli");
    }

    @Override
    public String line(
            Architecture architecture,
            int rootIndex,
            int level,
            long virtualAddress,
            long rawEntry) {
        return QemuTlbLines.line(
                virtualAddress,
                rawEntry & ToyFormat.ADDRESS,
                QemuTlbLines.flags(rawEntry, MASKS, LETTERS));
    }
}
