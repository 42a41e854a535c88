package net.ledgerd.app.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;

/**
 * One shard of an owner's unspent outputs: entries {@code {k: "txid:index", asset_id, amount}}
 * sorted by {@code k}, so a page continues after the last key it returned.
 */
final class OwnerShard {
    private static final Comparator<Document> BY_KEY = Comparator.comparing(d -> d.getString("k"));

    final List<Document> entries;

    private OwnerShard(List<Document> entries) {
        this.entries = entries;
    }

    static OwnerShard of(Document doc) {
        return new OwnerShard(new ArrayList<>(doc.getList("o", Document.class, List.of())));
    }

    private int find(String key) {
        return java.util.Collections.binarySearch(entries, new Document("k", key), BY_KEY);
    }

    OwnerShard add(Document entry) {
        int k = find(entry.getString("k"));
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
        doc.put("o", entries);
    }
}
