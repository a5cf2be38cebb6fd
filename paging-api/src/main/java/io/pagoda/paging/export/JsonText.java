package io.pagoda.paging.export;

/** Just enough JSON writing for the manifest: strings escaped, numbers as hex strings so 64-bit values survive. */
final class JsonText {
    private JsonText() {
    }

    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static String hex(long value) {
        return string("0x" + Long.toHexString(value));
    }
}
