package net.ledgerd.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.ledgerd.tx.ledger.OutputLink;
import org.bson.Document;
import org.bson.RawBsonDocument;

/**
 * Keeps the history documents, behind Commit (see {@link HistoryFeed}), in one pass over the blocks
 * queued since the last: per asset a head
 * ({@code h/<asset>}: entry count, readings count and time span) and pages of {@value #PAGE_SIZE}
 * entries ({@code p/<asset>/<page>}); per asset the readings series slots, the documents on their
 * own ({@code s/<asset>/<level>/<doc>}, see {@link SeriesLevels}) and the recent changes to each
 * level's current document in its tail ({@code t/<asset>}, see {@link SeriesTail}); per owner the unspent outputs in 16 shards by
 * the first hex digit of the transaction id ({@code o/<key>/<digit>}); per device its assets
 * ({@code d/<device>}). Every read is by {@code _id}, the one query FerretDB's SQLite backend
 * answers from an index.
 *
 * <p>Crash recovery: the documents only ever follow stored blocks. Each records in {@code h} the
 * height of the last block applied to it, and is replaced whole; the {@value #APPLIED_MARKER}
 * marker says through which height all of them hold every block. A pass interrupted after some of
 * its writes is redone from the stored blocks above that height: a document skips the blocks it
 * already holds, so the result is exactly the uninterrupted state. The series tails are the one
 * exception to "any order": they are written after the pass's other documents (see {@link
 * Pass#series}).
 */
final class HistoryWriter {
    static final int PAGE_SIZE = 100;
    static final int SHARDS = 16;
    /** Records through which height the documents hold every stored block, and the pass in flight. */
    static final String APPLIED_MARKER = "applied";
    /** Written by earlier versions once the documents held every stored block. */
    private static final String FORMER_COMPLETE_MARKER = "complete";

    private static final String TAIL_PREFIX = "t/";

    private final MongoCollection<Document> docs;
    /** The same collection written with documents encoded beforehand (see {@link RawDocuments}). */
    private final MongoCollection<RawBsonDocument> rawDocs;

    private final RawDocuments raw;
    private final HistoryDocumentCache cache;
    private CommittedIds stored;
    private long through;
    private long passEnd;

    HistoryWriter(MongoCollection<Document> docs, long cacheBytes) {
        this.docs = docs;
        this.rawDocs = docs.withDocumentClass(RawBsonDocument.class);
        this.raw = new RawDocuments(docs.getCodecRegistry().get(Document.class));
        this.stored = loadStoredIds();
        Document m = docs.find(Filters.eq("_id", APPLIED_MARKER)).first();
        this.through = m == null ? -1 : ((Number) m.get("h")).longValue();
        this.passEnd = m == null ? -1 : ((Number) m.get("to")).longValue();
        // The documents the next blocks append to (heads, last pages, series tails, owner shards)
        // stay in memory, so a steady Commit reads nothing back.
        this.cache = new HistoryDocumentCache(cacheBytes);
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

    static String tailId(String assetId) {
        return TAIL_PREFIX + assetId;
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
     * Applies stored blocks, in height order, in one pass: each document they touch is read once
     * and written once, whatever the number of blocks. Returns the number of documents written.
     *
     * <p>Before the documents, the marker records the pass in flight ({@code to}); after them, that
     * the documents hold every block through its last height ({@code h}). A pass interrupted in
     * between is redone over at least the same blocks (see {@link #interruptedPassEnd}), which is
     * what lets a head that already holds some of them say where their entries go.
     */
    int apply(List<HistoryBlock> blocks) {
        if (blocks.isEmpty()) {
            return 0;
        }
        Pass pass = new Pass(blocks);
        if (pass.transactions == 0) {
            return 0;
        }
        long last = blocks.get(blocks.size() - 1).height();
        writeMarker(through, last);
        try {
            for (HistoryBlock b : blocks) {
                pass.block(b);
            }
            int written = pass.writeTailsLast();
            writeMarker(last, last);
            return written;
        } catch (RuntimeException e) {
            // The cached documents may hold changes the database never got.
            cache.clear();
            throw e;
        }
    }

    /** The height through which the documents hold every stored block (-1: none yet). */
    long appliedThrough() {
        return through;
    }

    /** The last height of a pass that was interrupted, or the applied height when none was. */
    long interruptedPassEnd() {
        return passEnd;
    }

    /** A ledger whose documents were complete under the former marker: they hold every stored block. */
    void adoptCompleteMarker(long latestStoredHeight) {
        if (through >= 0 || docs.find(Filters.eq("_id", FORMER_COMPLETE_MARKER)).first() == null) {
            return;
        }
        writeMarker(latestStoredHeight, latestStoredHeight);
        docs.deleteOne(Filters.eq("_id", FORMER_COMPLETE_MARKER));
    }

    private void writeMarker(long newThrough, long newPassEnd) {
        docs.replaceOne(
                Filters.eq("_id", APPLIED_MARKER),
                new Document("_id", APPLIED_MARKER).append("h", newThrough).append("to", newPassEnd),
                new ReplaceOptions().upsert(true));
        through = newThrough;
        passEnd = newPassEnd;
    }

    private static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    /** The documents of one pass: each read at most once, changed in memory, written once. */
    private final class Pass {
        /** Every document the pass has read or made, changed or not. */
        final Map<String, Document> open = new HashMap<>();
        /** The height each document held when read (-1 for a new one): blocks up to it are in it already. */
        final Map<String, Long> heldThrough = new HashMap<>();
        /** The documents the database does not hold yet (per the filter): inserted, not replaced. */
        final Set<String> fresh = new HashSet<>();

        final Set<String> changed = new LinkedHashSet<>();
        /** Per asset, the position its next entry takes. */
        final Map<String, Long> positions = new HashMap<>();
        /** Per asset, its entries in each block of the pass (in height order). */
        final Map<String, List<long[]>> entriesPerBlock = new HashMap<>();
        /** The entries of the pages the pass changes, stored as their text when written ({@link #writeTailsLast}). */
        final Map<String, PageText> pageTexts = new HashMap<>();

        final long transactions;
        long height;

        Pass(List<HistoryBlock> blocks) {
            long n = 0;
            for (HistoryBlock b : blocks) {
                Map<String, Long> counts = new LinkedHashMap<>();
                for (ObjectNode tx : b.transactions()) {
                    counts.merge(HistoryEntries.assetIdOf(tx), 1L, Long::sum);
                }
                counts.forEach((asset, count) -> entriesPerBlock
                        .computeIfAbsent(asset, k -> new ArrayList<>())
                        .add(new long[] {b.height(), count}));
                n += b.transactions().size();
            }
            this.transactions = n;
        }

        Document load(String id) {
            Document d = cache.get(id);
            if (d == null && stored.mightContain(id)) {
                d = docs.find(Filters.eq("_id", id)).first();
                if (d != null) {
                    // A series document the tail's part lies over is read every pass, written seldom.
                    cache.put(id, d);
                }
            }
            return d;
        }

        Document read(String id) {
            Document d = open.get(id);
            if (d == null) {
                d = load(id);
                heldThrough.put(id, d == null || d.get("h") == null ? -1 : ((Number) d.get("h")).longValue());
                if (d == null) {
                    d = new Document("_id", id);
                    fresh.add(id);
                }
                open.put(id, d);
            }
            return d;
        }

        /** The document to change for the current block, or null when it already held that block. */
        Document open(String id) {
            Document d = read(id);
            if (heldThrough.get(id) >= height) {
                return null;
            }
            d.put("h", height);
            changed.add(id);
            return d;
        }

        void block(HistoryBlock b) {
            height = b.height();
            Map<String, List<ObjectNode>> byAsset = new LinkedHashMap<>();
            for (ObjectNode tx : b.transactions()) {
                byAsset.computeIfAbsent(HistoryEntries.assetIdOf(tx), k -> new ArrayList<>())
                        .add(tx);
            }
            byAsset.forEach(this::history);
            owners(b.transactions(), b.spentDetails());
            for (ObjectNode tx : b.transactions()) {
                if ("CREATE".equals(tx.path("operation").asText())) {
                    device(tx);
                }
            }
        }

        /**
         * Where the asset's first entry of this pass goes: the head's count, less the entries of
         * the blocks of this pass that the head already holds (a pass redone after an interruption).
         */
        long firstPosition(String assetId) {
            String headKey = headId(assetId);
            Document head = read(headKey);
            long n = head.get("n") == null ? 0 : ((Number) head.get("n")).longValue();
            long held = heldThrough.get(headKey);
            for (long[] heightAndCount : entriesPerBlock.get(assetId)) {
                if (heightAndCount[0] <= held) {
                    n -= heightAndCount[1];
                }
            }
            return n;
        }

        void history(String assetId, List<ObjectNode> txs) {
            long before = positions.containsKey(assetId) ? positions.get(assetId) : firstPosition(assetId);
            Document head = open(headId(assetId));
            long position = before;
            long readings = 0;
            Long tmin = head == null ? null : asLong(head.get("tmin"));
            Long tmax = head == null ? null : asLong(head.get("tmax"));
            SeriesReadings numeric = new SeriesReadings();
            for (ObjectNode tx : txs) {
                List<HistoryEntries.Reading> txReadings = HistoryEntries.readings(tx);
                String pageId = pageId(assetId, position / PAGE_SIZE);
                Document page = open(pageId);
                if (page != null) {
                    pageTexts
                            .computeIfAbsent(pageId, k -> PageText.of(page))
                            .add(HistoryEntries.entry(tx, height, position, txReadings));
                }
                position++;
                for (HistoryEntries.Reading r : txReadings) {
                    if (!r.numeric()) {
                        continue;
                    }
                    readings++;
                    tmin = tmin == null ? r.millis() : Math.min(tmin, r.millis());
                    tmax = tmax == null ? r.millis() : Math.max(tmax, r.millis());
                    numeric.add(r.millis(), r.value().doubleValue());
                }
            }
            positions.put(assetId, position);
            if (head != null) {
                head.put("n", position);
                long rn = head.get("rn") == null ? 0 : ((Number) head.get("rn")).longValue();
                head.put("rn", rn + readings);
                head.put("tmin", tmin);
                head.put("tmax", tmax);
            }
            if (!numeric.isEmpty()) {
                series(assetId, numeric);
            }
        }

        /**
         * The block's numeric readings into the asset's series, per level: the tail's current
         * document moves forward to the newest the block touches (the one it leaves is stored on its
         * own, its part merged in), readings for it go to the tail's part and older ones to their
         * own documents; a part grown past {@link SeriesTail#PART_SLOTS} is merged into the current
         * document's own, so what a pass writes does not grow with how full the documents are.
         *
         * <p>Redone passes: a tail that already holds the block skips all of it, as tails are
         * written after every other document of a pass (see {@link #writeTailsLast}), so the
         * documents its blocks touched hold them too. An own document of the current index that
         * holds the block (stored by an interrupted pass, whose tail was not) holds every reading of
         * that index through its height and the part the tail still has: the part is dropped and
         * the index's readings skipped up to that height, where the uninterrupted part was empty.
         */
        void series(String assetId, SeriesReadings numeric) {
            Document tail = open(tailId(assetId));
            if (tail == null) {
                return;
            }
            SeriesTail.dropUnstoredLevels(tail);
            for (int level = SeriesLevels.FINEST; level < SeriesLevels.LEVELS; level++) {
                List<SeriesReadings.Group> byIndex = numeric.byDocument(level);
                long newest = Long.MIN_VALUE;
                for (SeriesReadings.Group g : byIndex) {
                    newest = Math.max(newest, g.index());
                }
                Long held = SeriesTail.index(tail, level);
                long current;
                SeriesSlots part;
                if (held == null || newest > held) {
                    if (held != null) {
                        Document left = open(seriesId(assetId, level, held));
                        if (left != null) {
                            SeriesSlots.merged(SeriesSlots.of(left), SeriesTail.part(tail, level))
                                    .writeTo(left);
                        }
                    }
                    current = newest;
                    part = new SeriesSlots();
                } else {
                    current = held;
                    part = SeriesTail.part(tail, level);
                }
                String ownId = seriesId(assetId, level, current);
                // The current document's own (a flushed part, or a document of the former layout, one
                // per level and index), whose aggregates a slot new to the part starts from.
                Document own = read(ownId);
                boolean ownHolds = heldThrough.get(ownId) >= height;
                if (ownHolds) {
                    part = new SeriesSlots();
                }
                for (SeriesReadings.Group g : byIndex) {
                    if (g.index() == current) {
                        if (!ownHolds) {
                            SeriesSlots base = SeriesSlots.of(own);
                            for (int k = 0; k < g.size(); k++) {
                                part.add(g.slots()[k], g.values()[k], base);
                            }
                        }
                        continue;
                    }
                    Document older = open(seriesId(assetId, level, g.index()));
                    if (older == null) {
                        continue;
                    }
                    SeriesSlots slots = SeriesSlots.of(older);
                    for (int k = 0; k < g.size(); k++) {
                        slots.add(g.slots()[k], g.values()[k]);
                    }
                    slots.writeTo(older);
                }
                if (part.size() > SeriesTail.PART_SLOTS) {
                    Document flushed = open(ownId);
                    SeriesSlots.merged(SeriesSlots.of(flushed), part).writeTo(flushed);
                    part = new SeriesSlots();
                }
                SeriesTail.put(tail, level, current, part);
            }
        }

        /**
         * Writes the pass's documents, the series tails last: a tail that holds a block then means
         * every other document that block changed holds it too, which {@link #series} relies on
         * when a pass is redone.
         */
        int writeTailsLast() {
            // A page's text once per pass, however many of its entries the pass adds.
            pageTexts.forEach((id, text) -> open.get(id).put("e", text.text()));
            Map<Boolean, List<String>> tails =
                    changed.stream().collect(Collectors.partitioningBy(id -> id.startsWith(TAIL_PREFIX)));
            return write(tails.get(false)) + write(tails.get(true));
        }

        void owners(List<ObjectNode> block, Map<String, JsonNode> spentDetails) {
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
                    String key = new OutputLink(
                                    f.path("transaction_id").asText(),
                                    f.path("output_index").asInt())
                            .key();
                    if (created.remove(key) != null) {
                        createdOwners.remove(key);
                    } else {
                        JsonNode details = spentDetails.get(key);
                        if (details == null) {
                            throw new IllegalStateException("history: the spent output " + key + " is not stored");
                        }
                        spent.add(Map.entry(key, HistoryEntries.owners(details)));
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

        /**
         * New documents go in as inserts (FerretDB runs an update as a query plus an insert or
         * update, each in a SQLite transaction of its own; an insert of many documents is one
         * statement), the others as whole replaces.
         */
        int write(List<String> ids) {
            List<Document> written = ids.stream().map(open::get).toList();
            LedgerCollections.insertOrReplace(
                    rawDocs,
                    written.stream()
                            .filter(d -> fresh.contains(String.valueOf(d.get("_id"))))
                            .map(raw::inserted)
                            .toList());
            LedgerCollections.bulkWrite(
                    rawDocs,
                    written.stream()
                            .filter(d -> !fresh.contains(String.valueOf(d.get("_id"))))
                            .map(d -> new ReplaceOneModel<>(
                                    Filters.eq("_id", d.get("_id")),
                                    raw.replacement(d),
                                    new ReplaceOptions().upsert(true)))
                            .toList());
            written.forEach(d -> cache.put(String.valueOf(d.get("_id")), d));
            ids.forEach(stored::add);
            if (stored.full()) {
                stored = loadStoredIds();
            }
            return written.size();
        }
    }
}
