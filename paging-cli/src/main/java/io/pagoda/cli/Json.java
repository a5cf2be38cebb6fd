package io.pagoda.cli;

import java.util.List;
import java.util.Map;

/**
 * A JSON value with where it starts in its file, so a problem with it can be reported at its line
 * and column.
 *
 * @param value a {@code Map<String, Json>} (insertion ordered), {@code List<Json>}, {@code String},
 *     {@code java.math.BigDecimal}, {@code Boolean}, or null for JSON null
 * @param line 1-based line of the value's first character
 * @param column 1-based column of the value's first character
 */
record Json(Object value, int line, int column) {
    String where() {
        return line + ":" + column;
    }

    String kind() {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }

    @SuppressWarnings("unchecked")
    Map<String, Json> object() {
        return (Map<String, Json>) value;
    }

    @SuppressWarnings("unchecked")
    List<Json> array() {
        return (List<Json>) value;
    }
}
