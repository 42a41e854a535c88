package net.ledgerd.app.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonJsonTest {
    /** Each expected text was printed by CPython 3.11's json.dumps for the same double. */
    private static final Object[][] TABLE = {
        {0.0001, "0.0001"},
        {1e-05, "1e-05"},
        {1e21, "1e+21"},
        {-0.0, "-0.0"},
        {0.0, "0.0"},
        {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        {-1.7976931348623157e308, "-1.7976931348623157e+308"},
        {100.0, "100.0"},
        {0.1, "0.1"},
        {1e16, "1e+16"},
        {1e15, "1000000000000000.0"},
        {1.5e-07, "1.5e-07"},
        {2.2250738585072014e-308, "2.2250738585072014e-308"},
        {123456789.0, "123456789.0"},
        {1.0 / 3, "0.3333333333333333"},
        {-2.5e-10, "-2.5e-10"},
        {1e22, "1e+22"},
        {1e23, "1e+23"},
        {0.002, "0.002"},
        {1.5e-323, "1.5e-323"},
        {0.1 + 0.2, "0.30000000000000004"},
        {9.5e-05, "9.5e-05"},
        {1234567890123456.7, "1234567890123456.8"},
        {12345678901234567.0, "1.2345678901234568e+16"},
        {Double.POSITIVE_INFINITY, "Infinity"},
        {Double.NEGATIVE_INFINITY, "-Infinity"},
    };

    @Test
    void doublesAsPythonsJsonDumps() throws Exception {
        for (Object[] row : TABLE) {
            double d = (Double) row[0];
            String expected = (String) row[1];
            assertEquals(expected, PythonJson.mapper().writeValueAsString(d), "plain " + d);
            ArrayNode tree = JsonNodeFactory.instance.arrayNode().add(d);
            tree.addObject().put("a", d);
            assertEquals(
                    "[" + expected + ",{\"a\":" + expected + "}]",
                    PythonJson.mapper().writeValueAsString(tree));
            assertEquals(
                    "{\"k\":[" + expected + "]}",
                    PythonJson.mapper().writeValueAsString(Map.of("k", List.of(d))),
                    "through a bean serializer too");
        }
    }

    @Test
    void integersAsWritten() throws Exception {
        ArrayNode tree = JsonNodeFactory.instance
                .arrayNode()
                .add(0)
                .add(-7)
                .add(Long.MAX_VALUE)
                .add(Long.MIN_VALUE)
                .add(new BigInteger("123456789012345678901234567890"));
        assertEquals(
                "[0,-7,9223372036854775807,-9223372036854775808,123456789012345678901234567890]",
                PythonJson.mapper().writeValueAsString(tree));
    }
}
