package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * The paged and range reads over the documents {@link HistoryWriter} keeps, each a bounded number
 * of lookups by {@code _id}: a history page of up to {@value HistoryWriter#PAGE_SIZE} entries reads
 * the head and at most two pages; a readings range the asset's series tail and at most {@code
 * points / SLOTS_PER_DOC + 2} series documents (the tail's part over the current one's); a page
 * of an owner's unspent outputs its shards from the cursor's on.
 */
public final class HistoryReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern POSITION = Pattern.compile("^[0-9]{1,18}$");
    private static final Pattern OUTPUT_KEY = Pattern.compile("^[0-9a-f]{64}:[0-9]{1,9}$");

    private final MongoCollection<Document> docs;
    private final LedgerCollections c;

    HistoryReader(MongoCollection<Document> docs, LedgerCollections c) {
        this.docs = docs;
        this.c = c;
    }

    private Document get(String id) {
        return docs.find(Filters.eq("_id", id)).first();
    }

    /**
     * The asset's head; for a committed asset whose history the writer has not reached yet (it runs behind Commit,
     * a pass at most every few seconds), an empty one, so the answer is an empty history at {@code history_height}
     * rather than a 404; empty for an unknown asset.
     */
    private Optional<Document> head(String assetId) {
        Document head = get(HistoryWriter.headId(assetId));
        if (head != null) {
            return Optional.of(head);
        }
        boolean committed = c.assets.find(c.byTransactionId(assetId)).first() != null;
        return committed ? Optional.of(new Document()) : Optional.empty();
    }

    private static long number(Document d, String key) {
        Object v = d.get(key);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /**
     * Up to {@code limit} (1..100) entries of an asset's history, newest first, before position
     * {@code cursor} (null: from the newest). {@code next_cursor} continues to older entries; it is
     * null on the page holding the CREATE. Empty when the asset is not committed; no entries while its history is
     * not written yet.
     */
    public Optional<ObjectNode> history(String assetId, int limit, String cursor) {
        Optional<Document> found = head(assetId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Document head = found.get();
        long total = number(head, "n");
        long end = total;
        if (cursor != null) {
            if (!POSITION.matcher(cursor).matches()) {
                throw new InvalidCursorException("not a cursor of this history (expected the next_cursor of a page)");
            }
            end = Long.parseLong(cursor);
            if (end > total) {
                throw new InvalidCursorException("beyond this history's " + total + " entries");
            }
        }
        long start = Math.max(0, end - limit);
        ObjectNode result = JSON.createObjectNode();
        result.put("asset_id", assetId);
        result.put("total", total);
        ArrayNode entries = result.putArray("entries");
        long page = -1;
        ArrayNode pageEntries = JSON.createArrayNode();
        for (long p = end - 1; p >= start; p--) {
            if (p / HistoryWriter.PAGE_SIZE != page) {
                page = p / HistoryWriter.PAGE_SIZE;
                Document d = get(HistoryWriter.pageId(assetId, page));
                pageEntries = HistoryEntries.pageEntries(d);
            }
            int at = (int) (p % HistoryWriter.PAGE_SIZE);
            if (at < pageEntries.size()) {
                entries.add(pageEntries.get(at));
            }
        }
        if (start > 0) {
            result.put("next_cursor", Long.toString(start));
        } else {
            result.putNull("next_cursor");
        }
        return Optional.of(result);
    }

    /**
     * An asset's numeric readings from {@code from} to {@code to} (epoch ms, inclusive; null: the
     * first or last reading) in at most {@code points} slots of equal width, each with count, min,
     * max and mean. The range is widened to whole slots; {@code from}/{@code to} in the answer say
     * which. Empty when no transaction of the asset is committed.
     */
    public Optional<ObjectNode> readings(String assetId, Long from, Long to, int points) {
        Optional<Document> found = head(assetId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Document head = found.get();
        ObjectNode result = JSON.createObjectNode();
        result.put("asset_id", assetId);
        result.put("total_readings", number(head, "rn"));
        Long first = from != null ? from : (Long) asLong(head.get("tmin"));
        Long last = to != null ? to : (Long) asLong(head.get("tmax"));
        if (first == null || last == null || first > last) {
            result.putNull("from");
            result.putNull("to");
            result.putNull("resolution_ms");
            result.putArray("points");
            return Optional.of(result);
        }
        int level = SeriesLevels.levelFor(first, last, points);
        long width = SeriesLevels.width(level);
        long firstSlot = SeriesLevels.slot(first, level);
        long lastSlot = SeriesLevels.slot(last, level);
        // Beyond the coarsest level's reach, groups of consecutive slots from the first make one point each.
        long slots = lastSlot - firstSlot + 1;
        long group = (slots + points - 1) / points;
        result.put("from", firstSlot * width);
        result.put("to", lastSlot * width + width - 1);
        result.put("resolution_ms", width * group);
        ArrayNode out = result.putArray("points");
        long current = Long.MIN_VALUE;
        long n = 0;
        double lo = 0;
        double hi = 0;
        double sum = 0;
        Document tail = get(HistoryWriter.tailId(assetId));
        Long tailIndex = SeriesTail.index(tail, level);
        for (long d = SeriesLevels.docIndex(firstSlot); d <= SeriesLevels.docIndex(lastSlot); d++) {
            Document own = get(HistoryWriter.seriesId(assetId, level, d));
            if (own == null && (tailIndex == null || tailIndex != d)) {
                continue;
            }
            SeriesSlots stored = SeriesTail.current(tail, level, d, own);
            for (int k = 0; k < stored.size(); k++) {
                long s = stored.slot(k);
                if (s < firstSlot || s > lastSlot) {
                    continue;
                }
                long g = (s - firstSlot) / group;
                if (g != current && n > 0) {
                    point(out, (firstSlot + current * group) * width, n, lo, hi, sum);
                    n = 0;
                }
                current = g;
                lo = n == 0 ? stored.min(k) : Math.min(lo, stored.min(k));
                hi = n == 0 ? stored.max(k) : Math.max(hi, stored.max(k));
                sum = n == 0 ? stored.sum(k) : sum + stored.sum(k);
                n += stored.count(k);
            }
        }
        if (n > 0) {
            point(out, (firstSlot + current * group) * width, n, lo, hi, sum);
        }
        return Optional.of(result);
    }

    private static void point(ArrayNode out, long t, long n, double lo, double hi, double sum) {
        out.addObject()
                .put("t", t)
                .put("count", n)
                .put("min", lo)
                .put("max", hi)
                .put("mean", sum / n);
    }

    private static Long asLong(Object v) {
        return v == null ? null : ((Number) v).longValue();
    }

    /**
     * Up to {@code limit} unspent outputs whose condition names the key (as GET /outputs counts
     * owners), ordered by {@code transaction_id:output_index} within 16 shards, after the cursor (a
     * {@code next_cursor}: the last key of the previous page). {@code next_cursor} is null once the
     * last shard is read.
     */
    public ObjectNode unspent(String owner, int limit, String cursor) {
        int shard = 0;
        if (cursor != null) {
            if (!OUTPUT_KEY.matcher(cursor).matches()) {
                throw new InvalidCursorException("not an output key \"<transaction_id>:<output_index>\"");
            }
            shard = HistoryWriter.shardOf(cursor);
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("public_key", owner);
        ArrayNode outputs = result.putArray("outputs");
        String last = null;
        boolean more = false;
        for (; shard < HistoryWriter.SHARDS && !more; shard++) {
            Document d = get(HistoryWriter.ownerShardId(owner, shard));
            if (d == null) {
                continue;
            }
            for (OwnerShard.Entry e : OwnerShard.of(d).entries) {
                String key = e.key();
                if (cursor != null && key.compareTo(cursor) <= 0) {
                    continue;
                }
                if (outputs.size() == limit) {
                    more = true;
                    break;
                }
                int colon = key.indexOf(':');
                outputs.addObject()
                        .put("transaction_id", key.substring(0, colon))
                        .put("output_index", Integer.parseInt(key.substring(colon + 1)))
                        .put("asset_id", e.assetId())
                        .put("amount", e.amount());
                last = key;
            }
        }
        if (more) {
            result.put("next_cursor", last);
        } else {
            result.putNull("next_cursor");
        }
        return result;
    }

    /** {@code {"device", "assets": [{"asset_id", "key", "unit"}]}}: the assets whose data names the device. */
    public Optional<ObjectNode> device(String device) {
        Document d = get(HistoryWriter.deviceId(device));
        if (d == null) {
            return Optional.empty();
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("device", device);
        ArrayNode assets = result.putArray("assets");
        for (Document a : d.getList("a", Document.class, List.of())) {
            assets.add(BsonJson.toJson(a));
        }
        return Optional.of(result);
    }

    /**
     * Every reading of an asset in commit order (only those from {@code from} to {@code to}, epoch
     * ms, when given): {@code t} as the device sent it, {@code t_ms}, {@code tz}, {@code key},
     * {@code value}, {@code unit}, {@code transaction_id}, {@code height}. It reads each history
     * page and the metadata of each transaction whose readings overlap the range. False when no
     * transaction of the asset is committed.
     */
    public boolean exportReadings(String assetId, Long from, Long to, Consumer<ObjectNode> sink) {
        Optional<Document> found = head(assetId);
        if (found.isEmpty()) {
            return false;
        }
        Document head = found.get();
        Document asset = c.assets
                .find(c.byTransactionId(assetId))
                .projection(Projections.include("data"))
                .first();
        JsonNode data =
                asset == null ? JSON.createObjectNode() : BsonJson.toJson(asset).path("data");
        long total = number(head, "n");
        for (long page = 0; page * HistoryWriter.PAGE_SIZE < total; page++) {
            Document d = get(HistoryWriter.pageId(assetId, page));
            if (d == null) {
                continue;
            }
            for (JsonNode e : HistoryEntries.pageEntries(d)) {
                JsonNode span = e.path("readings");
                if (span.isMissingNode()
                        || (from != null && span.path("to").asLong() < from)
                        || (to != null && span.path("from").asLong() > to)) {
                    continue;
                }
                String txId = e.path("id").asText();
                Document meta = c.metadata.find(c.byTransactionId(txId)).first();
                List<JsonNode> readings = meta == null
                        ? List.of()
                        : HistoryEntries.readingObjects(
                                BsonJson.toJsonValue(meta.get("metadata")).path("readings"));
                for (JsonNode r : readings) {
                    OptionalLong t = SeriesLevels.millis(r.get("t"));
                    if ((from != null || to != null)
                            && (t.isEmpty()
                                    || (from != null && t.getAsLong() < from)
                                    || (to != null && t.getAsLong() > to))) {
                        continue;
                    }
                    ObjectNode row = JSON.createObjectNode();
                    row.set("t", r.get("t"));
                    if (t.isPresent()) {
                        row.put("t_ms", t.getAsLong());
                    } else {
                        row.putNull("t_ms");
                    }
                    row.set("tz", r.path("tz").isMissingNode() ? null : r.get("tz"));
                    row.set("key", data.path("key").isMissingNode() ? null : data.get("key"));
                    row.set("value", r.get("v"));
                    row.set("unit", data.path("unit").isMissingNode() ? null : data.get("unit"));
                    row.put("transaction_id", txId);
                    row.put("height", e.path("height").asLong());
                    sink.accept(row);
                }
            }
        }
        return true;
    }
}
