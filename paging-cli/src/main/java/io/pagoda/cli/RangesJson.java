package io.pagoda.cli;

import io.pagoda.paging.JsonString;
import io.pagoda.paging.spi.Architecture;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code --format json}: the coalesced ranges as one JSON object, streamed, written by hand (no
 * library):
 *
 * <pre>
 * {"architecture":"x86_64","ranges":[
 * {"register":"CR3","first":"0x400000","last":"0x5fffff","size":2097152,"state":"present","physical":"0x80000000",
 *  "rights":"rw-u","memoryType":"write_back","global":false,"leafSize":4096,"level":3}
 * ],"complete":true}
 * </pre>
 *
 * Addresses are strings (64-bit values do not survive a double); {@code last} is the range's last
 * address, inclusive, so that a range reaching the top of a 64-bit space ends at {@code
 * 0xffffffffffffffff}: no value in the JSON exceeds 2^64-1 (an exclusive end would be 2^64 there).
 * {@code complete} is false when an error cut the walk short (the error is on stderr).
 */
final class RangesJson {
    private final PrintWriter out;
    private boolean first = true;

    RangesJson(PrintWriter out, Architecture architecture) {
        this.out = out;
        out.print("{\"architecture\":" + quote(architecture.name()) + ",\"ranges\":[");
    }

    void print(MappedRange range) {
        out.print(first ? "\n" : ",\n");
        first = false;
        out.print(object(range));
    }

    void finish(boolean complete) {
        out.println((first ? "" : "\n") + "],\"complete\":" + complete + "}");
        out.flush();
    }

    static String object(MappedRange range) {
        StringBuilder json = new StringBuilder("{");
        json.append("\"register\":").append(quote(range.register()));
        json.append(",\"first\":").append(quote(Numbers.hex(range.first())));
        json.append(",\"last\":").append(quote(Numbers.hex(range.first() + range.length() - 1)));
        json.append(",\"size\":").append(Long.toUnsignedString(range.length()));
        json.append(",\"state\":").append(quote(range.guarded() ? "guarded" : "present"));
        if (!range.guarded()) {
            json.append(",\"physical\":").append(quote(Numbers.hex(range.physical())));
            json.append(",\"rights\":").append(quote(range.flags().rights().toString()));
            json.append(",\"memoryType\":")
                    .append(quote(range.flags().memoryType().name().toLowerCase(Locale.ROOT)));
            json.append(",\"global\":").append(range.flags().global());
        }
        json.append(",\"leafSize\":").append(Long.toUnsignedString(range.leafSize()));
        json.append(",\"level\":").append(range.level());
        return json.append('}').toString();
    }

    /** A JSON string literal ({@link io.pagoda.paging.JsonString}). */
    static String quote(String text) {
        return JsonString.quote(text);
    }
}
