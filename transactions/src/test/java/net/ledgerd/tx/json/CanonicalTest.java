package net.ledgerd.tx.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Canonical serialization facts. Every expected string here was produced at development time by
 * running python-rapidjson 0.9.1 (the version BigchainDB 2.2.2 pins) as BigchainDB does:
 * {@code rapidjson.dumps(json.loads(text), skipkeys=False, ensure_ascii=False, sort_keys=True)}.
 */
class CanonicalTest {

    private static String canon(String jsonText) throws Exception {
        return Canonical.serialize(StrictJson.parse(jsonText.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void controlCharactersUseUpperCaseHexAndShortEscapes() throws Exception {
        // rapidjson: '\x00\x01\x1f\x7f' -> "\u0000\u0001\u001F<DEL raw>"
        assertEquals("\"\\u0000\\u0001\\u001F\u007f\"", canon("\"\\u0000\\u0001\\u001f\\u007f\""));
        // '\b\f\n\r\t' -> "\b\f\n\r\t"
        assertEquals("\"\\b\\f\\n\\r\\t\"", canon("\"\\b\\f\\n\\r\\t\""));
        // \x0b (vertical tab) has no short escape
        assertEquals("\"\\u000B\\u000E\"", canon("\"\\u000b\\u000e\""));
    }

    @Test
    void slashQuoteBackslash() throws Exception {
        assertEquals("\"/\"", canon("\"\\/\""));
        assertEquals("\"\\\"\\\\\"", canon("\"\\\"\\\\\""));
    }

    @Test
    void nonAsciiIsRawUtf8() throws Exception {
        String s = canon("\"\\u00e9\\ud83d\\ude00\\u2028\\u2029\\u200b\\u200f\\u202e\\ufeff\"");
        assertEquals("\"\u00e9\uD83D\uDE00\u2028\u2029\u200b\u200f\u202e\ufeff\"", s);
        byte[] b = Canonical.serializeUtf8(StrictJson.parse("\"\\ud83d\\ude00\"".getBytes(StandardCharsets.UTF_8)));
        assertEquals("22f09f988022", org.bouncycastle.util.encoders.Hex.toHexString(b));
    }

    @Test
    void loneSurrogateCannotBeSerialized() {
        // rapidjson raises UnicodeEncodeError ("surrogates not allowed")
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("k", "a\uD800b");
        assertThrows(CanonicalJsonException.class, () -> Canonical.serialize(o));
    }

    @Test
    void keysSortByCodePointNotUtf16() throws Exception {
        // rapidjson: {"":8,"B":3,"a":2,"a\u0000":9,"aa":7,"b":1,"é":4,"\uffff":6,"😀":5}
        String in =
                "{\"b\":1,\"a\":2,\"B\":3,\"\\u00e9\":4,\"\\ud83d\\ude00\":5,\"\\uffff\":6,\"aa\":7,\"\":8,\"a\\u0000\":9}";
        assertEquals(
                "{\"\":8,\"B\":3,\"a\":2,\"a\\u0000\":9,\"aa\":7,\"b\":1,\"\u00e9\":4,\"\uffff\":6,\"\uD83D\uDE00\":5}",
                canon(in));
        // U+FF61 sorts before U+10000
        assertEquals("{\"\uff61\":1,\"\uD800\uDC00\":2}", canon("{\"\\ud800\\udc00\":2,\"\\uff61\":1}"));
    }

    @Test
    void noWhitespaceAndNestedSorting() throws Exception {
        assertEquals(
                "{\"a\":{\"b\":[1,{\"y\":2,\"z\":1}],\"c\":1}}",
                canon("{ \"a\" : { \"c\" : 1 , \"b\" : [ 1 , { \"z\" : 1 , \"y\" : 2 } ] } }"));
        assertEquals("[true,false,null,[],{}]", canon("[true, false, null, [], {}]"));
    }

    @Test
    void floatsAsPythonRepr() throws Exception {
        // values from rapidjson 0.9.1 on json.loads(text)
        String[][] cases = {
            {"1e21", "1e+21"},
            {"1e20", "1e+20"},
            {"1e16", "1e+16"},
            {"1e15", "1000000000000000.0"},
            {"123456789012345678.0", "1.2345678901234568e+17"},
            {"0.1", "0.1"},
            {"-0.0", "-0.0"},
            {"0.0", "0.0"},
            {"1.0", "1.0"},
            {"1.5e-7", "1.5e-07"},
            {"1e-5", "1e-05"},
            {"0.0001", "0.0001"},
            {"5e-324", "5e-324"},
            {"1.7976931348623157e308", "1.7976931348623157e+308"},
            {"100.0", "100.0"},
            {"1e2", "100.0"},
            {"1e22", "1e+22"},
            {"1.23e21", "1.23e+21"},
            {"0.000001234", "1.234e-06"},
            {"2.5e-10", "2.5e-10"},
            {"1e100", "1e+100"},
            {"123e-20", "1.23e-18"},
            {"3.14159", "3.14159"},
            {"0.30000000000000004", "0.30000000000000004"},
            {"9007199254740993.0", "9007199254740992.0"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], canon(c[0]), c[0]);
        }
    }

    @Test
    void integersInFullAndMinusZeroIsZero() throws Exception {
        assertEquals("9223372036854775808", canon("9223372036854775808"));
        assertEquals("18446744073709551617", canon("18446744073709551617"));
        assertEquals("-9223372036854775809", canon("-9223372036854775809"));
        assertEquals("1000000000000000000000000000000", canon("1000000000000000000000000000000"));
        // json.loads("-0") is the int 0
        assertEquals("0", canon("-0"));
    }

    @Test
    void nonFiniteWrittenAsRapidjsonDoes() {
        assertEquals("NaN", Canonical.serialize(JsonNodeFactory.instance.numberNode(Double.NaN)));
        assertEquals("Infinity", Canonical.serialize(JsonNodeFactory.instance.numberNode(Double.POSITIVE_INFINITY)));
        assertEquals("-Infinity", Canonical.serialize(JsonNodeFactory.instance.numberNode(Double.NEGATIVE_INFINITY)));
    }

    @Test
    void codePointComparator() {
        assertTrue(CanonicalWriter.compareCodePoints("\uffff", "\uD83D\uDE00") < 0);
        assertTrue(CanonicalWriter.compareCodePoints("\ue000", "\uD800\uDC00") < 0);
        assertTrue(CanonicalWriter.compareCodePoints("a", "aa") < 0);
        assertTrue(CanonicalWriter.compareCodePoints("B", "a") < 0);
        assertEquals(0, CanonicalWriter.compareCodePoints("\uD83D\uDE00", "\uD83D\uDE00"));
    }

    @Test
    void largeObjectsSortToo() throws Exception {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 30; i > 0; i--) {
            sb.append(i == 30 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        sb.append('}');
        JsonNode n = StrictJson.parse(sb.toString().getBytes(StandardCharsets.UTF_8));
        String out = Canonical.serialize(n);
        assertTrue(out.startsWith("{\"k1\":1,\"k10\":10,\"k11\":11"), out);
    }
}
