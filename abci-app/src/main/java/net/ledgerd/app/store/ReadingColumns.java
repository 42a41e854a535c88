package net.ledgerd.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.ledgerd.tx.json.StrictJson;

/**
 * A transaction's metadata {@code readings} in the ingestor's JSON columns {@code {"t":[..],"tz":..,"v":[..]}},
 * whichever of its forms the transaction holds: the JSON text of the columns with timestamps as differences
 * ({@code {"dt":[first, difference, ..],..}}, what the ingestor writes now: a member's database stores one string
 * far more cheaply than an array element per value), the columns as JSON, or one object per reading (returned as it
 * is). Anything else is returned as it is and holds no readings.
 */
final class ReadingColumns {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReadingColumns() {}

    static JsonNode of(JsonNode readings) {
        if (!readings.isTextual()) {
            return readings;
        }
        JsonNode columns;
        try {
            columns = StrictJson.mapper().readTree(readings.textValue());
        } catch (JsonProcessingException e) {
            return readings; // a string that is not the ingestor's text: metadata like any other
        }
        JsonNode dt = columns.path("dt");
        if (!(columns instanceof ObjectNode o) || !dt.isArray()) {
            return columns;
        }
        ArrayNode t = F.arrayNode(dt.size());
        long at = 0;
        for (int k = 0; k < dt.size(); k++) {
            if (!dt.get(k).canConvertToLong()) {
                return readings;
            }
            at = k == 0 ? dt.get(k).longValue() : at + dt.get(k).longValue();
            t.add(at);
        }
        o.remove("dt");
        o.set("t", t);
        return o;
    }
}
