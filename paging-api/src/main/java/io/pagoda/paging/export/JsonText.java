package io.pagoda.paging.export;

import io.pagoda.paging.JsonString;

/**
 * Just enough JSON writing for the manifest: strings escaped, numbers as hex strings so 64-bit
 * values survive.
 */
final class JsonText {
    private JsonText() {}

    static String string(String text) {
        return JsonString.quote(text);
    }

    static String hex(long value) {
        return string("0x" + Long.toHexString(value));
    }
}
