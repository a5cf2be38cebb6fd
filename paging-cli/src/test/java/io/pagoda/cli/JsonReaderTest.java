package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    @Test
    void readsEveryKindWithPositions() {
        Json root =
                JsonReader.read(
                        "t.json",
                        "{\n  \"a\": [1, -2.5e3, \"x\\u0041\\n\"],\n  \"b\": {\"c\": true, \"d\": null}\n}");
        Map<String, Json> object = root.object();
        List<Json> a = object.get("a").array();
        assertEquals(new BigDecimal("1"), a.get(0).value());
        assertEquals(0, new BigDecimal("-2500").compareTo((BigDecimal) a.get(1).value()));
        assertEquals("xA\n", a.get(2).value());
        assertEquals(2, object.get("a").line());
        assertEquals(8, object.get("a").column());
        assertEquals(Boolean.TRUE, object.get("b").object().get("c").value());
        assertNull(object.get("b").object().get("d").value());
        assertEquals(List.of("a", "b"), List.copyOf(object.keySet()), "members keep their order");
    }

    private static String error(String text) {
        return assertThrows(UserError.class, () -> JsonReader.read("t.json", text)).getMessage();
    }

    @Test
    void strictErrorsNameLineAndColumn() {
        assertEquals(
                "t.json:3:1: a comma before '}' (trailing commas are not JSON)",
                error("{\"a\": 1,\n      \n}"));
        assertTrue(
                error("{\"a\": 1, \"a\": 2}").startsWith("t.json:1:10: member \"a\" appears twice"),
                error("{\"a\": 1, \"a\": 2}"));
        assertTrue(
                error("[01]").startsWith("t.json:1:4: a number may not start with 0"),
                error("[01]"));
        assertTrue(error("[0x10]").contains("write hex addresses as strings"), error("[0x10]"));
        assertTrue(
                error("{\"a\": 1} x")
                        .startsWith("t.json:1:10: unexpected 'x' after the JSON value"),
                error("{\"a\": 1} x"));
        assertTrue(error("\"a\tb\"").contains("control character"));
        assertTrue(error("{\"a\" 1}").contains("expected ':'"));
        assertTrue(error("// c\n{}").startsWith("t.json:1:1: unexpected '/'"));
        assertTrue(error("[".repeat(100)).contains("nested deeper than 64"));
        assertTrue(error("{\"a\": [1, 2").contains("the file ends"));
        assertTrue(error("[1e99999999999]").contains("out of range"));
    }
}
