package dev.nnjit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test void parsesEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\": {\"c\": \"x\\u00e9\\n\\\"\"}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1.0, -2500.0, true, false), ((List<?>) m.get("a")).subList(0, 4));
        assertNull(((List<?>) m.get("a")).get(4));
        assertEquals("x\u00e9\n\"", ((Map<?, ?>) m.get("b")).get("c"));
    }

    @Test void keepsSurrogatePairsFromEscapes() {
        assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\""));
    }

    @Test void roundTripsThroughWrite() {
        String text = "{\"k\":[1,2.5,\"s\\u0001\",null,true],\"e\":{}}";
        assertEquals(text, Json.write(Json.parse(text)));
        assertEquals("\"NaN\"", Json.number(Double.NaN));
        assertEquals("0.1", Json.number(0.1));
    }

    @Test void errorsNameLineAndColumn() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{\"a\": 1,\n  \"b\" 2}"));
        assertTrue(e.getMessage().contains("line 2, column 7"), e.getMessage());
        assertThrows(JsonException.class, () -> Json.parse("[1, 2"));
        assertThrows(JsonException.class, () -> Json.parse("01"));
        assertThrows(JsonException.class, () -> Json.parse("\"unterminated"));
        assertThrows(JsonException.class, () -> Json.parse("[1] x"));
        assertThrows(JsonException.class, () -> Json.parse("[".repeat(600)));
    }

    @Test void typedReadsNameThePath() {
        JsonObject o = JsonObject.root(Json.parse("{\"model\": {\"vocab\": \"oops\", \"n\": 3}}"), "tokenizer.json");
        assertEquals(3, o.object("model").integer("n"));
        JsonException e = assertThrows(JsonException.class, () -> o.object("model").object("vocab"));
        assertEquals("tokenizer.json.model.vocab: expected an object, found a string", e.getMessage());
    }
}
