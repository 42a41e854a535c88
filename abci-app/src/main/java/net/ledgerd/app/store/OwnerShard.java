package net.ledgerd.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;

/**
 * One shard of an owner's unspent outputs, sorted by key {@code "txid:index"} so that a page
 * continues after the last key it returned. Stored as one JSON text ({@code [[key, asset_id,
 * amount], ...]}): FerretDB reads one string about ten times faster than the same entries as
 * nested documents.
 */
final class OwnerShard {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<Entry> BY_KEY = Comparator.comparing(Entry::key);

    record Entry(String key, String assetId, String amount) {}

    final List<Entry> entries;

    private OwnerShard(List<Entry> entries) {
        this.entries = entries;
    }

    static OwnerShard of(Document doc) {
        List<Entry> entries = new ArrayList<>();
        String text = doc.getString("o");
        if (text != null) {
            for (JsonNode e : parse(text)) {
                entries.add(
                        new Entry(e.get(0).asText(), e.get(1).asText(), e.get(2).asText()));
            }
        }
        return new OwnerShard(entries);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored owner shard is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private int find(String key) {
        return Collections.binarySearch(entries, new Entry(key, null, null), BY_KEY);
    }

    OwnerShard add(Entry entry) {
        int k = find(entry.key());
        if (k < 0) {
            entries.add(-k - 1, entry);
        }
        return this;
    }

    OwnerShard remove(String key) {
        int k = find(key);
        if (k >= 0) {
            entries.remove(k);
        }
        return this;
    }

    void writeTo(Document doc) {
        ArrayNode all = JSON.createArrayNode();
        for (Entry e : entries) {
            all.addArray().add(e.key()).add(e.assetId()).add(e.amount());
        }
        doc.put("o", all.toString());
    }
}
