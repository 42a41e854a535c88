package net.ledgerd.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import net.ledgerd.tx.json.StrictJson;

/**
 * Asset data that BigchainDB 2.2.2 accepts and that FerretDB v1.24.0 cannot hold as it is (arrays in
 * arrays, -0.0, keys like the store's own marker), or that sit at a boundary of what a store keeps
 * (largest and smallest normal doubles, 64-bit integers, deep nesting, Unicode, odd keys). Each is a
 * JSON object, as a CREATE's asset data and metadata must be. No subnormal doubles: a 2.2.2 server
 * reads them as zero and refuses the transaction (InvalidHash).
 */
public final class OddValues {
    /**
     * Containers inside {"v": ..} in the deepest cases: the stored asset document {"data": {"v": ..}}
     * then nests 180 levels, the most MongoDB 3.6 inserts ({@code StorageLimits}).
     */
    private static final int DEEPEST_ARRAYS = 178;

    private OddValues() {}

    public static Map<String, ObjectNode> all() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("array in array", "{\"v\":[[1,2],[3,[4,[5]]]]}");
        json.put("empty arrays in arrays", "{\"v\":[[],[[]],[[],[[[]]]]]}");
        json.put("array in array in an object in an array", "{\"v\":[{\"a\":[[\"x\"],[{\"b\":[[null,true]]}]]}]}");
        json.put("negative zero", "{\"v\":-0.0,\"w\":[-0.0,0.0],\"x\":[[-0.0]],\"y\":{\"z\":-0.0}}");
        json.put(
                "double boundaries",
                "{\"max\":1.7976931348623157e308,\"min\":-1.7976931348623157e308,"
                        + "\"normal\":2.2250738585072014e-308,\"tenth\":0.1,\"big\":1e21,\"small\":1e-7,"
                        + "\"integral\":100.0,\"exp\":[1e16,1e-5,123456789.0]}");
        json.put(
                "integer boundaries",
                "{\"i64max\":9223372036854775807,\"i64min\":-9223372036854775808,\"i32max\":2147483647,"
                        + "\"i32min\":-2147483648,\"above_i32\":2147483648,\"below_i32\":-2147483649,"
                        + "\"above_2_53\":9007199254740993,\"zero\":0,\"negzero_int\":-0}");
        json.put(
                "unicode",
                "{\"emoji\":\"\uD83D\uDE00\\uD83D\\uDE03\",\"nul\":\"a\\u0000b\",\"controls\":\"\\u0001\\u001f\\u007f\","
                        + "\"separators\":\"\\u2028\\u2029\",\"rtl\":\"\u05E9\u05DC\u05D5\u05DD\",\"combining\":\"e\u0301\","
                        + "\"bom\":\"\\uFEFF\",\"max\":\"\\uDBFF\\uDFFF\",\"\u043A\u043B\u044E\u0447\":\"\u00E9\",\"\uD83D\uDE00\":1}");
        json.put(
                "odd keys",
                "{\"\":1,\" \":2,\"_id\":3,\"a$\":4,\"%\":5,\"%25\":6,\"%2E\":7,\"%ledgerd\":8,\"\\u0001\":9,"
                        + "\"nested\":{\"_id\":{\"\":[]}}}");
        json.put(
                "user data shaped like the store's encodings",
                "{\"v\":{\"%ledgerd\":1,\"0\":\"x\"},\"w\":[{\"%ledgerd\":3}],\"x\":{\"%ledgerd\":2,\"%2E\":1}}");
        json.put(
                "deepest arrays in arrays",
                "{\"v\":" + "[".repeat(DEEPEST_ARRAYS) + "-0.0" + "]".repeat(DEEPEST_ARRAYS) + "}");
        json.put(
                "deepest objects",
                "{\"v\":" + "{\"a\":".repeat(DEEPEST_ARRAYS - 1) + "[-0.0]" + "}".repeat(DEEPEST_ARRAYS - 1) + "}");
        Map<String, ObjectNode> values = new LinkedHashMap<>();
        json.forEach((name, text) -> values.put(name, parse(text)));
        return values;
    }

    private static ObjectNode parse(String text) {
        try {
            return (ObjectNode) StrictJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad fixture " + text, e);
        }
    }
}
