package net.ledgerd.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.bson.Document;

/**
 * What the history documents keep of a committed transaction: the entry an asset's history page
 * lists, its readings (the ingestor's metadata shapes, see {@link ReadingColumns}) and
 * the owners of its outputs. Pure functions of the transaction.
 */
final class HistoryEntries {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Metadata up to this size (as JSON) is kept in the entry; larger metadata is fetched by id. */
    static final int INLINE_METADATA_BYTES = 1024;

    private HistoryEntries() {}

    /**
     * The id of the asset a transaction belongs to: asset.id when it names one (TRANSFER, VOTE),
     * else its own (CREATE, VALIDATOR_ELECTION).
     */
    static String assetIdOf(ObjectNode tx) {
        JsonNode id = tx.path("asset").path("id");
        return id.isTextual() ? id.textValue() : tx.path("id").asText();
    }

    /** One reading of a transaction on the time axis, numeric value or not. */
    record Reading(long millis, JsonNode value) {
        boolean numeric() {
            return value.isNumber();
        }
    }

    /**
     * A transaction's readings in order, those without a place on the time axis or a value left out: the
     * ingestor's columns are read as they are, without an object per reading (see {@link #readingObjects}).
     */
    static List<Reading> readings(ObjectNode tx) {
        JsonNode readings = ReadingColumns.of(tx.path("metadata").path("readings"));
        List<Reading> result = new ArrayList<>();
        if (readings.isArray()) {
            for (JsonNode r : readings) {
                add(result, r.get("t"), r.get("v"));
            }
        } else if (readings.path("t").isArray() && readings.path("v").isArray()) {
            JsonNode t = readings.path("t");
            JsonNode v = readings.path("v");
            for (int i = 0; i < Math.min(t.size(), v.size()); i++) {
                add(result, t.get(i), v.get(i));
            }
        }
        return result;
    }

    /**
     * A metadata {@code readings} value as one object {@code {"t","tz","v"}} per reading: the ingestor's columns
     * ({@code {"t":[..],"tz":zone or [..],"v":[..]}}) are turned into objects; an array is read as it is.
     */
    static List<JsonNode> readingObjects(JsonNode metadataReadings) {
        JsonNode readings = ReadingColumns.of(metadataReadings);
        List<JsonNode> result = new ArrayList<>();
        if (readings.isArray()) {
            readings.forEach(result::add);
        } else if (readings.path("t").isArray() && readings.path("v").isArray()) {
            JsonNode t = readings.path("t");
            JsonNode v = readings.path("v");
            JsonNode tz = readings.path("tz");
            for (int i = 0; i < Math.min(t.size(), v.size()); i++) {
                ObjectNode r = JSON.createObjectNode();
                r.set("t", t.get(i));
                if (tz.isArray() ? tz.has(i) : !tz.isMissingNode()) {
                    r.set("tz", tz.isArray() ? tz.get(i) : tz);
                }
                r.set("v", v.get(i));
                result.add(r);
            }
        }
        return result;
    }

    private static void add(List<Reading> result, JsonNode t, JsonNode v) {
        OptionalLong millis = SeriesLevels.millis(t);
        if (millis.isPresent() && v != null) {
            result.add(new Reading(millis.getAsLong(), v));
        }
    }

    /**
     * The history entry of a transaction at a position of its asset's history, in the shape the
     * API serves: id, operation, block height, position, what it spends, its outputs, its metadata
     * when small (else {@code metadata_omitted}), and the span of its readings ({@link #readings}).
     */
    static ObjectNode entry(ObjectNode tx, long height, long position, List<Reading> readings) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", tx.path("id").asText())
                .put("operation", tx.path("operation").asText())
                .put("height", height)
                .put("position", position);
        ArrayNode inputs = e.putArray("spends");
        for (JsonNode input : tx.path("inputs")) {
            JsonNode f = input.path("fulfills");
            if (f.isObject()) {
                inputs.addObject()
                        .put("transaction_id", f.path("transaction_id").asText())
                        .put("output_index", f.path("output_index").asInt());
            }
        }
        ArrayNode outputs = e.putArray("outputs");
        for (JsonNode o : tx.path("outputs")) {
            ObjectNode out = outputs.addObject();
            ArrayNode keys = out.putArray("public_keys");
            o.path("public_keys").forEach(k -> keys.add(k.asText()));
            out.put("amount", amount(o));
        }
        JsonNode metadata = tx.path("metadata");
        if (metadata.isMissingNode() || metadata.isNull()) {
            e.putNull("metadata");
        } else if (JsonSize.atMost(metadata, INLINE_METADATA_BYTES)) {
            e.set("metadata", metadata);
        } else {
            e.putNull("metadata");
            e.put("metadata_omitted", true);
        }
        if (!readings.isEmpty()) {
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (Reading r : readings) {
                from = Math.min(from, r.millis());
                to = Math.max(to, r.millis());
            }
            e.putObject("readings")
                    .put("count", readings.size())
                    .put("from", from)
                    .put("to", to);
        }
        return e;
    }

    /** A page's entries, stored as one JSON text (FerretDB reads one string far faster than nested documents). */
    static ArrayNode pageEntries(Document page) {
        String text = page == null ? null : page.getString("e");
        if (text == null) {
            return JSON.createArrayNode();
        }
        try {
            return (ArrayNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "history page " + page.get("_id") + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** An output's amount as 2.2.2 serves it: {@code str(int(amount))}, so {@code "007"} reads {@code "7"}. */
    static String amount(JsonNode output) {
        String text = output.path("amount").asText();
        try {
            return Long.toString(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /**
     * The keys that own an output as GET /outputs counts them: every ed25519 public key in its
     * condition details (through threshold subconditions), see {@link ConditionOwners}.
     */
    static Set<String> owners(JsonNode details) {
        Set<String> keys = new LinkedHashSet<>();
        collectOwners(details, keys);
        return keys;
    }

    private static void collectOwners(JsonNode details, Set<String> keys) {
        if (details.has("subconditions")) {
            collectOwners(details.get("subconditions"), keys);
        } else if (details.isArray()) {
            details.forEach(sub -> collectOwners(sub, keys));
        } else if (details.isObject() && details.path("public_key").isTextual()) {
            keys.add(details.path("public_key").textValue());
        }
    }
}
