package io.pagoda.paging;

import java.util.Locale;

/**
 * A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. The one
 * home of that rule for every JSON Pagoda writes (the command's ranges, the conformance matrix, the
 * boot-table manifest).
 */
public final class JsonString {
    private JsonString() {}

    /**
     * The literal for {@code text}, quotes included.
     *
     * @param text any string
     * @return the JSON string literal
     */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
