package io.pagoda.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259): one value, no comments, no trailing commas, no duplicate keys,
 * no leading zeros, no control characters in strings. A syntax error is a {@link UserError} naming
 * the file, line and column. Nesting is bounded, so a hostile file cannot overflow the stack.
 */
final class JsonReader {
    private static final int MAX_DEPTH = 64;

    private final String source;
    private final String text;
    private int at;
    private int line = 1;
    private int lineStart;

    private JsonReader(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /**
     * Reads the single JSON value {@code text} holds; {@code source} names the file in messages.
     */
    static Json read(String source, String text) {
        JsonReader reader = new JsonReader(source, text);
        if (text.startsWith("\uFEFF")) {
            reader.at = 1;
            reader.lineStart = 1;
        }
        reader.space();
        Json value = reader.value(0);
        reader.space();
        if (reader.at < text.length()) {
            throw reader.error(
                    "unexpected '"
                            + text.charAt(reader.at)
                            + "' after the JSON value; a file holds one value");
        }
        return value;
    }

    private UserError error(String problem) {
        return new UserError(source + ":" + line + ":" + (at - lineStart + 1) + ": " + problem);
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\n') {
                line++;
                lineStart = at + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private Json value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (at >= text.length()) {
            throw error("the file ends where a value should be");
        }
        int valueLine = line;
        int valueColumn = at - lineStart + 1;
        char c = text.charAt(at);
        Object value;
        if (c == '{') {
            value = object(depth);
        } else if (c == '[') {
            value = array(depth);
        } else if (c == '"') {
            value = string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            value = number();
        } else if (text.startsWith("true", at)) {
            at += 4;
            value = true;
        } else if (text.startsWith("false", at)) {
            at += 5;
            value = false;
        } else if (text.startsWith("null", at)) {
            at += 4;
            value = null;
        } else {
            throw error(
                    "unexpected '"
                            + c
                            + "': expected an object, array, string, number, true, false or null");
        }
        return new Json(value, valueLine, valueColumn);
    }

    private Map<String, Json> object(int depth) {
        Map<String, Json> members = new LinkedHashMap<>();
        at++;
        space();
        if (at < text.length() && text.charAt(at) == '}') {
            at++;
            return members;
        }
        while (true) {
            space();
            if (at >= text.length() || text.charAt(at) != '"') {
                throw error(
                        at >= text.length()
                                ? "the file ends inside an object"
                                : "expected a member name in double quotes");
            }
            int keyLine = line;
            int keyColumn = at - lineStart + 1;
            String key = string();
            if (members.containsKey(key)) {
                throw new UserError(
                        source
                                + ":"
                                + keyLine
                                + ":"
                                + keyColumn
                                + ": member \""
                                + key
                                + "\" appears twice in one object");
            }
            space();
            expect(':', "after the member name \"" + key + "\"");
            space();
            members.put(key, value(depth + 1));
            space();
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
                space();
                if (at < text.length() && text.charAt(at) == '}') {
                    throw error("a comma before '}' (trailing commas are not JSON)");
                }
                continue;
            }
            expect('}', "or ',' after a member");
            return members;
        }
    }

    private List<Json> array(int depth) {
        List<Json> items = new ArrayList<>();
        at++;
        space();
        if (at < text.length() && text.charAt(at) == ']') {
            at++;
            return items;
        }
        while (true) {
            space();
            items.add(value(depth + 1));
            space();
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
                space();
                if (at < text.length() && text.charAt(at) == ']') {
                    throw error("a comma before ']' (trailing commas are not JSON)");
                }
                continue;
            }
            expect(']', "or ',' after an array item");
            return items;
        }
    }

    private void expect(char c, String context) {
        if (at >= text.length()) {
            throw error("the file ends where '" + c + "' should be " + context);
        }
        if (text.charAt(at) != c) {
            throw error("expected '" + c + "' " + context + ", found '" + text.charAt(at) + "'");
        }
        at++;
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("the file ends inside a string");
            }
            char c = text.charAt(at);
            if (c == '"') {
                at++;
                return out.toString();
            }
            if (c < 0x20) {
                throw error(
                        "a control character (code "
                                + (int) c
                                + ") inside a string; write it as an escape such as \\n");
            }
            if (c == '\\') {
                at++;
                if (at >= text.length()) {
                    throw error("the file ends inside an escape");
                }
                char e = text.charAt(at);
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 >= text.length()
                                || !text.substring(at + 1, at + 5)
                                        .chars()
                                        .allMatch(JsonReader::isHex)) {
                            throw error("\\u must be followed by four hex digits");
                        }
                        out.append((char) Integer.parseInt(text.substring(at + 1, at + 5), 16));
                        at += 4;
                    }
                    default -> throw error("unknown escape \\" + e + " in a string");
                }
                at++;
                continue;
            }
            out.append(c);
            at++;
        }
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private BigDecimal number() {
        int start = at;
        if (text.charAt(at) == '-') {
            at++;
        }
        int digits = digits();
        if (digits == 0) {
            throw error("a number needs digits");
        }
        if (digits > 1 && text.charAt(at - digits) == '0') {
            throw error(
                    "a number may not start with 0 (JSON has no octal; write hex addresses as strings: \"0x1000\")");
        }
        if (at < text.length() && text.charAt(at) == '.') {
            at++;
            if (digits() == 0) {
                throw error("a digit must follow the decimal point");
            }
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                at++;
            }
            if (digits() == 0) {
                throw error("an exponent needs digits");
            }
        }
        if (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
            throw error(
                    "unexpected '"
                            + text.charAt(at)
                            + "' in a number (write hex addresses as strings: \"0x1000\")");
        }
        try {
            return new BigDecimal(text.substring(start, at));
        } catch (NumberFormatException e) {
            throw error("the number " + text.substring(start, at) + " is out of range");
        }
    }

    private int digits() {
        int count = 0;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
            count++;
        }
        return count;
    }
}
