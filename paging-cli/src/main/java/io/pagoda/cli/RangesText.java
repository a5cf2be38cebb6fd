package io.pagoda.cli;

import io.pagoda.paging.Hex;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code --format ranges}: one line per coalesced range, like Linux's page-table dump:
 * <pre>
 * REGISTER  FIRST-END(exclusive)  SIZE  RIGHTS  MEMORY-TYPE  G|-  PHYSICAL  LEAF-SIZE  LEVEL
 * CR3  0x0000000000400000-0x0000000000600000  2MiB  rw-u  write_back  -  0x0000000080000000  4KiB  L3
 * CR3  0x0000000000800000-0x0000000000a00000  2MiB  guard  L2
 * </pre>
 * Rights are effective (combined over every level): r, w, x, u or '-'.
 */
final class RangesText {
    private final PrintWriter out;

    RangesText(PrintWriter out) {
        this.out = out;
    }

    void print(MappedRange range) {
        out.println(line(range));
    }

    static String line(MappedRange range) {
        String head = range.register() + "  " + Numbers.hex16(range.first()) + "-" + Numbers.end(range.first(), range.length(), true)
                + "  " + compact(range.length());
        if (range.guarded()) {
            return head + "  guard  " + compact(range.leafSize()) + "  L" + range.level();
        }
        return head + "  " + range.flags().rights() + "  " + range.flags().memoryType().name().toLowerCase(Locale.ROOT)
                + "  " + (range.flags().global() ? "G" : "-") + "  " + Numbers.hex16(range.physical())
                + "  " + compact(range.leafSize()) + "  L" + range.level();
    }

    /** {@code 4KiB}, {@code 2MiB}: a size without the space, so columns split on whitespace. */
    static String compact(long bytes) {
        return Hex.size(bytes).replace(" ", "");
    }
}
