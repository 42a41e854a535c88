package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import net.ledgerd.tx.ledger.OutputLink;
import org.bson.Document;

/**
 * Keeps the history documents at Commit, in one unordered bulk write per block: per asset a head
 * ({@code h/<asset>}: entry count, readings count and time span) and pages of {@value #PAGE_SIZE}
 * entries ({@code p/<asset>/<page>}); per asset and level the readings series slots ({@code
 * s/<asset>/<level>/<doc>}, see {@link SeriesLevels}); per owner the unspent outputs in 16 shards by
 * the first hex digit of the transaction id ({@code o/<key>/<digit>}); per device its assets
 * ({@code d/<device>}). Every read is by {@code _id}, the one query FerretDB's SQLite backend
 * answers from an index.
 *
 * <p>Crash recovery: each document records in {@code h} the height of the last block applied to
 * it, and is replaced whole. A Commit interrupted after some of these writes is replayed by
 * Tendermint with the same block (BEP-8); the documents that already hold that block are left as
 * they are and the others get it, so the result is exactly the uninterrupted state.
 */
final class HistoryWriter {
    static final int PAGE_SIZE = 100;
    static final int SHARDS = 16;
    /** Present once the documents cover every stored block (see {@link LedgerStore}). */
    static final String COMPLETE_MARKER = "complete";

    private final MongoCollection<Document> docs;
    private final Map<String, Document> cache;
    private CommittedIds stored;

    HistoryWriter(MongoCollection<Document> docs, int cachedDocuments) {
        this.docs = docs;
        this.stored = loadStoredIds();
        // The documents the next blocks append to (heads, last pages, current series slots) stay
        // in memory, so a steady Commit reads nothing back.
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Document> eldest) {
                return size() > cachedDocuments;
            }
        });
    }

    /**
     * A Bloom filter of the stored document ids: most documents a block touches first are new (a
     * new asset's head and page, a new series slot range), and the filter says so without a lookup.
     */
    private CommittedIds loadStoredIds() {
        CommittedIds ids = new CommittedIds(Math.max(1_000_000, 2 * docs.estimatedDocumentCount()));
        for (Document d : docs.find().projection(Projections.include("_id"))) {
            ids.add(String.valueOf(d.get("_id")));
        }
        return ids;
    }

    static String pageId(String assetId, long page) {
        return "p/" + assetId + "/" + String.format("%09d", page);
    }

    static String headId(String assetId) {
        return "h/" + assetId;
    }

    static String seriesId(String assetId, int level, long docIndex) {
        return "s/" + SeriesLevels.docId(assetId, level, docIndex);
    }

    static String ownerShardId(String owner, int shard) {
        return "o/" + owner + "/" + Integer.toHexString(shard);
    }

    static int shardOf(String transactionId) {
        return Character.digit(transactionId.charAt(0), 16) & (SHARDS - 1);
    }

    static String deviceId(String device) {
        return "d/" + device;
    }

    /**
     * Applies a committed block. {@code spentDetails} gives the condition details of an output the
     * block spends that an earlier block created (to know whose unspent list it leaves); it must
     * be asked before the utxos rows move past the block.
     */
    void committed(long height, List<ObjectNode> block, Function<OutputLink, Optional<JsonNode>> spentDetails) {
        if (block.isEmpty()) {
            return;
        }
        Block b = new Block(height);
        Map<String, List<ObjectNode>> byAsset = new LinkedHashMap<>();
        for (ObjectNode tx : block) {
            byAsset.computeIfAbsent(HistoryEntries.assetIdOf(tx), k -> new ArrayList<>())
                    .add(tx);
        }
        byAsset.forEach((assetId, txs) -> b.history(assetId, txs));
        b.owners(block, spentDetails);
        for (ObjectNode tx : block) {
            if ("CREATE".equals(tx.path("operation").asText())) {
                b.device(tx);
            }
        }
        b.write();
    }

    private record SeriesDoc(int level, long index) {}

    private static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private final class Block {
        final long height;
        final Map<String, Document> changed = new LinkedHashMap<>();
        final Set<String> applied = new HashSet<>();

        Block(long height) {
            this.height = height;
        }

        Document load(String id) {
            Document d = cache.get(id);
            if (d == null && stored.mightContain(id)) {
                d = docs.find(Filters.eq("_id", id)).first();
            }
            return d;
        }

        /** The document to change for this block, or null when it already holds this block. */
        Document open(String id) {
            Document d = changed.get(id);
            if (d != null || applied.contains(id)) {
                return d;
            }
            d = load(id);
            if (d == null) {
                d = new Document("_id", id);
            } else if (d.get("h") != null && ((Number) d.get("h")).longValue() >= height) {
                applied.add(id);
                return null;
            }
            d.put("h", height);
            changed.put(id, d);
            return d;
        }

        void history(String assetId, List<ObjectNode> txs) {
            String headKey = headId(assetId);
            Document head = open(headKey);
            long before;
            if (head == null) {
                // The head already holds this block (a replayed Commit): its count includes these entries.
                before = ((Number) load(headKey).get("n")).longValue() - txs.size();
            } else {
                before = head.get("n") == null ? 0 : ((Number) head.get("n")).longValue();
            }
            long position = before;
            long readings = 0;
            Long tmin = head == null ? null : asLong(head.get("tmin"));
            Long tmax = head == null ? null : asLong(head.get("tmax"));
            Map<SeriesDoc, List<HistoryEntries.Reading>> numeric = new LinkedHashMap<>();
            for (ObjectNode tx : txs) {
                Document page = open(pageId(assetId, position / PAGE_SIZE));
                if (page != null) {
                    ArrayNode entries = HistoryEntries.pageEntries(page);
                    entries.add(HistoryEntries.entry(tx, height, position));
                    page.put("e", entries.toString());
                }
                position++;
                for (HistoryEntries.Reading r : HistoryEntries.readings(tx)) {
                    if (!r.numeric()) {
                        continue;
                    }
                    readings++;
                    tmin = tmin == null ? r.millis() : Math.min(tmin, r.millis());
                    tmax = tmax == null ? r.millis() : Math.max(tmax, r.millis());
                    for (int level = 0; level < SeriesLevels.LEVELS; level++) {
                        long slot = SeriesLevels.slot(r.millis(), level);
                        numeric.computeIfAbsent(
                                        new SeriesDoc(level, SeriesLevels.docIndex(slot)), k -> new ArrayList<>())
                                .add(r);
                    }
                }
            }
            if (head != null) {
                head.put("n", position);
                long rn = head.get("rn") == null ? 0 : ((Number) head.get("rn")).longValue();
                head.put("rn", rn + readings);
                head.put("tmin", tmin);
                head.put("tmax", tmax);
            }
            numeric.forEach((where, rs) -> {
                Document doc = open(seriesId(assetId, where.level(), where.index()));
                if (doc != null) {
                    SeriesSlots slots = SeriesSlots.of(doc);
                    for (HistoryEntries.Reading r : rs) {
                        slots.add(
                                SeriesLevels.slot(r.millis(), where.level()),
                                r.value().doubleValue());
                    }
                    slots.writeTo(doc);
                }
            });
        }

        void owners(List<ObjectNode> block, Function<OutputLink, Optional<JsonNode>> spentDetails) {
            Map<String, OwnerShard.Entry> created = new LinkedHashMap<>();
            Map<String, Set<String>> createdOwners = new HashMap<>();
            List<Map.Entry<String, Set<String>>> spent = new ArrayList<>();
            for (ObjectNode tx : block) {
                String id = tx.path("id").asText();
                String assetId = HistoryEntries.assetIdOf(tx);
                for (JsonNode input : tx.path("inputs")) {
                    JsonNode f = input.path("fulfills");
                    if (!f.isObject()) {
                        continue;
                    }
                    OutputLink link = new OutputLink(
                            f.path("transaction_id").asText(),
                            f.path("output_index").asInt());
                    if (created.remove(link.key()) != null) {
                        createdOwners.remove(link.key());
                    } else {
                        JsonNode details = spentDetails
                                .apply(link)
                                .orElseThrow(() -> new IllegalStateException(
                                        "history: the spent output " + link.key() + " is not stored"));
                        spent.add(Map.entry(link.key(), HistoryEntries.owners(details)));
                    }
                }
                JsonNode outputs = tx.path("outputs");
                for (int i = 0; i < outputs.size(); i++) {
                    String key = id + ":" + i;
                    created.put(key, new OwnerShard.Entry(key, assetId, HistoryEntries.amount(outputs.get(i))));
                    createdOwners.put(
                            key,
                            HistoryEntries.owners(
                                    outputs.get(i).path("condition").path("details")));
                }
            }
            for (Map.Entry<String, Set<String>> s : spent) {
                for (String owner : s.getValue()) {
                    Document shard = open(ownerShardId(owner, shardOf(s.getKey())));
                    if (shard != null) {
                        OwnerShard.of(shard).remove(s.getKey()).writeTo(shard);
                    }
                }
            }
            created.forEach((key, entry) -> {
                for (String owner : createdOwners.get(key)) {
                    Document shard = open(ownerShardId(owner, shardOf(key)));
                    if (shard != null) {
                        OwnerShard.of(shard).add(entry).writeTo(shard);
                    }
                }
            });
        }

        void device(ObjectNode create) {
            JsonNode data = create.path("asset").path("data");
            if (!data.path("device").isTextual()) {
                return;
            }
            Document doc = open(deviceId(data.path("device").textValue()));
            if (doc != null) {
                List<Document> assets = new ArrayList<>(doc.getList("a", Document.class, List.of()));
                assets.add(new Document("asset_id", create.path("id").asText())
                        .append(
                                "key",
                                data.path("key").isTextual() ? data.path("key").textValue() : null)
                        .append(
                                "unit",
                                data.path("unit").isTextual()
                                        ? data.path("unit").textValue()
                                        : null));
                doc.put("a", assets);
            }
        }

        void write() {
            if (changed.isEmpty()) {
                return;
            }
            docs.bulkWrite(
                    changed.values().stream()
                            .map(d -> new ReplaceOneModel<>(
                                    Filters.eq("_id", d.get("_id")), d, new ReplaceOptions().upsert(true)))
                            .toList(),
                    new BulkWriteOptions().ordered(false));
            changed.forEach(cache::put);
            changed.keySet().forEach(stored::add);
            if (stored.full()) {
                stored = loadStoredIds();
            }
        }
    }
}
